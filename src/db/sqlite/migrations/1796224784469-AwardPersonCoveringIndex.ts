import { MigrationInterface, QueryRunner } from "typeorm";

export class AwardPersonCoveringIndex1796224784469 implements MigrationInterface {
    name = 'AwardPersonCoveringIndex1796224784469'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_31e0e273fbd80ee034ef94abe3"`);
        await queryRunner.query(`CREATE INDEX "IDX_award_person_honour_years" ON "award" ("personId", "honourId", "yearFrom", "yearTo") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_award_person_honour_years"`);
        await queryRunner.query(`CREATE INDEX "IDX_31e0e273fbd80ee034ef94abe3" ON "award" ("personId") `);
    }

}
