import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A copy of the person's nameSortKey on each seat, indexed with the congress, so that a congress's
 * delegates in pinyin order are read from the seats' index: before, a page walked the people's
 * name index probing each person for a seat, or sorted every delegate. Kept by triggers, whatever
 * writes (the app, an import, the seed, a bulk load). Written by hand: ADD COLUMN changes no row
 * until the copy is filled in.
 */
export class SeatNameSortKey1796600000000 implements MigrationInterface {
    name = 'SeatNameSortKey1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "seat" ADD COLUMN "nameSortKey" varchar(300)`);
        await queryRunner.query(`UPDATE "seat" SET "nameSortKey" = (SELECT p."nameSortKey" FROM "person" p WHERE p."id" = "seat"."personId")`);
        await queryRunner.query(`CREATE INDEX "IDX_seat_congress_name_sort" ON "seat" ("congressId", "nameSortKey", "personId") `);
        await queryRunner.query(`CREATE TRIGGER "seat_name_sort_key_insert" AFTER INSERT ON "seat" BEGIN UPDATE "seat" SET "nameSortKey" = (SELECT p."nameSortKey" FROM "person" p WHERE p."id" = NEW."personId") WHERE "id" = NEW."id"; END`);
        await queryRunner.query(`CREATE TRIGGER "seat_name_sort_key_person" AFTER UPDATE OF "personId" ON "seat" BEGIN UPDATE "seat" SET "nameSortKey" = (SELECT p."nameSortKey" FROM "person" p WHERE p."id" = NEW."personId") WHERE "id" = NEW."id"; END`);
        await queryRunner.query(`CREATE TRIGGER "person_name_sort_key" AFTER UPDATE OF "nameSortKey" ON "person" WHEN OLD."nameSortKey" IS NOT NEW."nameSortKey" BEGIN UPDATE "seat" SET "nameSortKey" = NEW."nameSortKey" WHERE "personId" = NEW."id"; END`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "person_name_sort_key"`);
        await queryRunner.query(`DROP TRIGGER "seat_name_sort_key_person"`);
        await queryRunner.query(`DROP TRIGGER "seat_name_sort_key_insert"`);
        await queryRunner.query(`DROP INDEX "IDX_seat_congress_name_sort"`);
        await queryRunner.query(`ALTER TABLE "seat" DROP COLUMN "nameSortKey"`);
    }

}
