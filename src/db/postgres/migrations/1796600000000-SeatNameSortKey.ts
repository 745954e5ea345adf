import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A copy of the person's nameSortKey on each seat, indexed with the congress, so that a congress's
 * delegates in pinyin order are read from the seats' index: before, a page walked the people's
 * name index probing each person for a seat (PostgreSQL's semi-join), 7,000 probes for a congress
 * of 663 delegates at 100,000 people. Kept by triggers, whatever writes (the app, an import, the
 * seed, a bulk load).
 */
export class SeatNameSortKey1796600000000 implements MigrationInterface {
  name = "SeatNameSortKey1796600000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "seat" ADD "nameSortKey" character varying(300)`);
    await queryRunner.query(`UPDATE "seat" s SET "nameSortKey" = p."nameSortKey" FROM "person" p WHERE p."id" = s."personId"`);
    await queryRunner.query(`CREATE INDEX "IDX_seat_congress_name_sort" ON "seat" ("congressId", "nameSortKey", "personId") `);
    await queryRunner.query(
      `CREATE FUNCTION seat_name_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `NEW."nameSortKey" := (SELECT p."nameSortKey" FROM "person" p WHERE p."id" = NEW."personId"); RETURN NEW; END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER "seat_name_sort_key" BEFORE INSERT OR UPDATE OF "personId" ON "seat" FOR EACH ROW EXECUTE FUNCTION seat_name_sort_key()`);
    await queryRunner.query(
      `CREATE FUNCTION person_name_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `UPDATE "seat" SET "nameSortKey" = NEW."nameSortKey" WHERE "personId" = NEW."id"; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "person_name_sort_key" AFTER UPDATE OF "nameSortKey" ON "person" FOR EACH ROW ` +
        `WHEN (OLD."nameSortKey" IS DISTINCT FROM NEW."nameSortKey") EXECUTE FUNCTION person_name_sort_key()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "person_name_sort_key" ON "person"`);
    await queryRunner.query(`DROP FUNCTION person_name_sort_key()`);
    await queryRunner.query(`DROP TRIGGER "seat_name_sort_key" ON "seat"`);
    await queryRunner.query(`DROP FUNCTION seat_name_sort_key()`);
    await queryRunner.query(`DROP INDEX "IDX_seat_congress_name_sort"`);
    await queryRunner.query(`ALTER TABLE "seat" DROP COLUMN "nameSortKey"`);
  }
}
