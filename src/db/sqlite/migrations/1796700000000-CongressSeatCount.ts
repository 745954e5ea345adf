import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The number of seats of each congress, kept by triggers whatever writes (the app, an import, the
 * seed, a bulk load), so that a congress's delegates count is one row read: counting the seats'
 * index took about as long as the rest of a delegates page's statements (bench/README.md,
 * "A congress's delegates counted by triggers"). One seat per person and congress (a unique
 * index), so the seats are the delegates. Written by hand: TypeORM knows no trigger.
 */
export class CongressSeatCount1796700000000 implements MigrationInterface {
    name = 'CongressSeatCount1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "congress_seat_count" ("congressId" integer PRIMARY KEY NOT NULL REFERENCES "congress" ("id") ON DELETE CASCADE, "seats" integer NOT NULL)`);
        await queryRunner.query(`INSERT INTO "congress_seat_count" ("congressId", "seats") SELECT "congressId", COUNT(*) FROM "seat" GROUP BY "congressId"`);
        await queryRunner.query(`CREATE TRIGGER "seat_count_insert" AFTER INSERT ON "seat" BEGIN INSERT INTO "congress_seat_count" ("congressId", "seats") VALUES (NEW."congressId", 1) ON CONFLICT ("congressId") DO UPDATE SET "seats" = "seats" + 1; END`);
        await queryRunner.query(`CREATE TRIGGER "seat_count_delete" AFTER DELETE ON "seat" BEGIN UPDATE "congress_seat_count" SET "seats" = "seats" - 1 WHERE "congressId" = OLD."congressId"; END`);
        await queryRunner.query(
            `CREATE TRIGGER "seat_count_congress" AFTER UPDATE OF "congressId" ON "seat" WHEN OLD."congressId" IS NOT NEW."congressId" BEGIN ` +
                `UPDATE "congress_seat_count" SET "seats" = "seats" - 1 WHERE "congressId" = OLD."congressId"; ` +
                `INSERT INTO "congress_seat_count" ("congressId", "seats") VALUES (NEW."congressId", 1) ON CONFLICT ("congressId") DO UPDATE SET "seats" = "seats" + 1; END`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "seat_count_congress"`);
        await queryRunner.query(`DROP TRIGGER "seat_count_delete"`);
        await queryRunner.query(`DROP TRIGGER "seat_count_insert"`);
        await queryRunner.query(`DROP TABLE "congress_seat_count"`);
    }

}
