import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The number of seats of each congress, kept by a trigger whatever writes (the app, an import, the
 * seed, a bulk load), so that a congress's delegates count is one row read, not a walk of the
 * seats' index. One seat per person and congress (a unique index), so the seats are the delegates.
 * Writes are serialised by the writer's lock, so the one row a congress has is no point of contention.
 */
export class CongressSeatCount1796700000000 implements MigrationInterface {
  name = "CongressSeatCount1796700000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "congress_seat_count" ("congressId" integer PRIMARY KEY REFERENCES "congress" ("id") ON DELETE CASCADE, "seats" integer NOT NULL)`,
    );
    await queryRunner.query(`INSERT INTO "congress_seat_count" ("congressId", "seats") SELECT "congressId", COUNT(*) FROM "seat" GROUP BY "congressId"`);
    await queryRunner.query(
      `CREATE FUNCTION congress_seat_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
        `IF TG_OP <> 'INSERT' THEN UPDATE "congress_seat_count" SET "seats" = "seats" - 1 WHERE "congressId" = OLD."congressId"; END IF; ` +
        `IF TG_OP <> 'DELETE' THEN INSERT INTO "congress_seat_count" ("congressId", "seats") VALUES (NEW."congressId", 1) ` +
        `ON CONFLICT ("congressId") DO UPDATE SET "seats" = "congress_seat_count"."seats" + 1; END IF; ` +
        `RETURN NULL; END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER "seat_count" AFTER INSERT OR DELETE OR UPDATE OF "congressId" ON "seat" FOR EACH ROW EXECUTE FUNCTION congress_seat_count()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "seat_count" ON "seat"`);
    await queryRunner.query(`DROP FUNCTION congress_seat_count()`);
    await queryRunner.query(`DROP TABLE "congress_seat_count"`);
  }
}
