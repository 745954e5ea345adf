import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Organisations, honours and congresses in pinyin order (NameOrderField.NAME_PINYIN): an index of
 * each table's pinyin (the id breaks ties and ends a page's cursor), and the congresses' pinyin,
 * which they had none of. Its rows are left empty here, since a migration cannot derive pinyin
 * (migrations import no live code); start-up fills them in.
 */
export class NamePinyinOrder1796800000000 implements MigrationInterface {
  name = "NamePinyinOrder1796800000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "congress" ADD "namePinyin" character varying(800) NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE INDEX "IDX_congress_name_pinyin" ON "congress" ("namePinyin", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_organisation_name_pinyin" ON "organisation" ("namePinyin", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_honour_name_pinyin" ON "honour" ("namePinyin", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_honour_name_pinyin"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_name_pinyin"`);
    await queryRunner.query(`DROP INDEX "IDX_congress_name_pinyin"`);
    await queryRunner.query(`ALTER TABLE "congress" DROP COLUMN "namePinyin"`);
  }
}
