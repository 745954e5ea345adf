import { MigrationInterface, QueryRunner } from "typeorm";

export class WriteSide1795527811532 implements MigrationInterface {
    name = 'WriteSide1795527811532'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "hash" varchar(64) NOT NULL, "role" varchar(16) NOT NULL, "label" varchar(100) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "revokedAt" datetime)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_60221392192b32c7560c128a6f" ON "api_token" ("hash") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fd235fdf1063bf6925e04050ca" ON "api_token" ("label") `);
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(30) NOT NULL, "actor" varchar(100) NOT NULL, "role" varchar(16) NOT NULL, "action" varchar(50) NOT NULL, "recordType" varchar(30) NOT NULL, "record" varchar(100) NOT NULL, "before" text, "after" text)`);
        await queryRunner.query(`CREATE INDEX "IDX_9d18bd4a32fc0cd8ff82b12037" ON "audit_entry" ("at") `);
        await queryRunner.query(`CREATE INDEX "IDX_fc8bce5eff4eb154e4728c6bc3" ON "audit_entry" ("actor") `);
        await queryRunner.query(`CREATE INDEX "IDX_bb7bf75a0c72b978c03124d8d8" ON "audit_entry" ("record") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_bb7bf75a0c72b978c03124d8d8"`);
        await queryRunner.query(`DROP INDEX "IDX_fc8bce5eff4eb154e4728c6bc3"`);
        await queryRunner.query(`DROP INDEX "IDX_9d18bd4a32fc0cd8ff82b12037"`);
        await queryRunner.query(`DROP TABLE "audit_entry"`);
        await queryRunner.query(`DROP INDEX "IDX_fd235fdf1063bf6925e04050ca"`);
        await queryRunner.query(`DROP INDEX "IDX_60221392192b32c7560c128a6f"`);
        await queryRunner.query(`DROP TABLE "api_token"`);
    }

}
