import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Person.note: how an ambiguous passage about a person was read, served by the API rather than
 * left in the seed file's comments. Added in place, as the earlier nullable columns were: the
 * CLI's rebuild of "person" would drop its search triggers.
 */
export class PersonNote1796470000000 implements MigrationInterface {
    name = 'PersonNote1796470000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person" ADD COLUMN "note" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "person" DROP COLUMN "note"`);
    }

}
