import { MigrationInterface, QueryRunner } from "typeorm";

/** Person.note: how an ambiguous passage about a person was read, served by the API. */
export class PersonNote1796500000002 implements MigrationInterface {
    name = 'PersonNote1796500000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person" ADD "note" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "note"`);
    }

}
