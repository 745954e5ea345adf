import { MigrationInterface, QueryRunner } from "typeorm";

export class AwardHonourPersonIndex1795549964715 implements MigrationInterface {
    name = 'AwardHonourPersonIndex1795549964715'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_1cbce5caff8d9038429b4f5693"`);
        await queryRunner.query(`CREATE INDEX "IDX_dbbf583dfe610cd0eab9d051e6" ON "award" ("honourId", "yearFrom", "yearTo", "personId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_dbbf583dfe610cd0eab9d051e6"`);
        await queryRunner.query(`CREATE INDEX "IDX_1cbce5caff8d9038429b4f5693" ON "award" ("honourId", "yearFrom") `);
    }

}
