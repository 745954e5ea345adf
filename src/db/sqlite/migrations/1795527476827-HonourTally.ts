import { MigrationInterface, QueryRunner } from "typeorm";

export class HonourTally1795527476827 implements MigrationInterface {
    name = 'HonourTally1795527476827'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "honour_tally" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "seedKey" varchar(200), "honourId" integer NOT NULL, "scope" varchar(200) NOT NULL, "count" integer NOT NULL, "unit" varchar(20), "citationId" integer NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d5a8ee8a91849d15d34dc57a45" ON "honour_tally" ("seedKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_dbad9ba79118fafb09917d9b51" ON "honour_tally" ("honourId") `);
        await queryRunner.query(`DROP INDEX "IDX_d5a8ee8a91849d15d34dc57a45"`);
        await queryRunner.query(`DROP INDEX "IDX_dbad9ba79118fafb09917d9b51"`);
        await queryRunner.query(`CREATE TABLE "temporary_honour_tally" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "seedKey" varchar(200), "honourId" integer NOT NULL, "scope" varchar(200) NOT NULL, "count" integer NOT NULL, "unit" varchar(20), "citationId" integer NOT NULL, CONSTRAINT "FK_dbad9ba79118fafb09917d9b511" FOREIGN KEY ("honourId") REFERENCES "honour" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3b12d5395499e69893b514b03f8" FOREIGN KEY ("citationId") REFERENCES "citation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_honour_tally"("id", "seedKey", "honourId", "scope", "count", "unit", "citationId") SELECT "id", "seedKey", "honourId", "scope", "count", "unit", "citationId" FROM "honour_tally"`);
        await queryRunner.query(`DROP TABLE "honour_tally"`);
        await queryRunner.query(`ALTER TABLE "temporary_honour_tally" RENAME TO "honour_tally"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d5a8ee8a91849d15d34dc57a45" ON "honour_tally" ("seedKey") `);
        await queryRunner.query(`CREATE INDEX "IDX_dbad9ba79118fafb09917d9b51" ON "honour_tally" ("honourId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_dbad9ba79118fafb09917d9b51"`);
        await queryRunner.query(`DROP INDEX "IDX_d5a8ee8a91849d15d34dc57a45"`);
        await queryRunner.query(`ALTER TABLE "honour_tally" RENAME TO "temporary_honour_tally"`);
        await queryRunner.query(`CREATE TABLE "honour_tally" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "seedKey" varchar(200), "honourId" integer NOT NULL, "scope" varchar(200) NOT NULL, "count" integer NOT NULL, "unit" varchar(20), "citationId" integer NOT NULL)`);
        await queryRunner.query(`INSERT INTO "honour_tally"("id", "seedKey", "honourId", "scope", "count", "unit", "citationId") SELECT "id", "seedKey", "honourId", "scope", "count", "unit", "citationId" FROM "temporary_honour_tally"`);
        await queryRunner.query(`DROP TABLE "temporary_honour_tally"`);
        await queryRunner.query(`CREATE INDEX "IDX_dbad9ba79118fafb09917d9b51" ON "honour_tally" ("honourId") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d5a8ee8a91849d15d34dc57a45" ON "honour_tally" ("seedKey") `);
        await queryRunner.query(`DROP INDEX "IDX_dbad9ba79118fafb09917d9b51"`);
        await queryRunner.query(`DROP INDEX "IDX_d5a8ee8a91849d15d34dc57a45"`);
        await queryRunner.query(`DROP TABLE "honour_tally"`);
    }

}
