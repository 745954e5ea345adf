import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Organisation.nameAsWritten: the source's words for a body whose name is derived (公司工会).
 * The CLI would rebuild the table to add the column, which drops its search triggers; SQLite adds a
 * nullable column in place.
 */
export class OrganisationNameAsWritten1796424219000 implements MigrationInterface {
    name = 'OrganisationNameAsWritten1796424219000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organisation" ADD COLUMN "nameAsWritten" varchar(200)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "nameAsWritten"`);
    }

}
