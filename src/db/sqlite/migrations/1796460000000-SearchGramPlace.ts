import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * search_gram.place: where a gram stands in its text (0 the whole text, 1 its start, 2 elsewhere),
 * so that search ranks one- and two-character queries without reading the texts of thousands of
 * names. The gram rows are rebuilt from the indexed tables and the triggers that write them
 * replaced. The statements are written out as the search code gave them when this migration was
 * made (`npm run search-index-sql`), so that it builds the same whatever the search code says today.
 */
export class SearchGramPlace1796460000000 implements MigrationInterface {
    name = 'SearchGramPlace1796460000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const statement of UP) await queryRunner.query(statement);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const statement of DOWN) await queryRunner.query(statement);
    }

}

const UP = [
  `DROP TRIGGER IF EXISTS "person_search_insert"`,
  `DROP TRIGGER IF EXISTS "person_search_update"`,
  `DROP TRIGGER IF EXISTS "person_search_delete"`,
  `DROP TRIGGER IF EXISTS "organisation_search_insert"`,
  `DROP TRIGGER IF EXISTS "organisation_search_update"`,
  `DROP TRIGGER IF EXISTS "organisation_search_delete"`,
  `DROP TRIGGER IF EXISTS "honour_search_insert"`,
  `DROP TRIGGER IF EXISTS "honour_search_update"`,
  `DROP TRIGGER IF EXISTS "honour_search_delete"`,
  `DROP TRIGGER IF EXISTS "proposal_search_insert"`,
  `DROP TRIGGER IF EXISTS "proposal_search_update"`,
  `DROP TRIGGER IF EXISTS "proposal_search_delete"`,
  `DROP TRIGGER IF EXISTS "position_search_insert"`,
  `DROP TRIGGER IF EXISTS "position_search_update"`,
  `DROP TRIGGER IF EXISTS "position_search_delete"`,
  `DROP TRIGGER IF EXISTS "statistic_search_insert"`,
  `DROP TRIGGER IF EXISTS "statistic_search_update"`,
  `DROP TRIGGER IF EXISTS "statistic_search_delete"`,
  `DROP TABLE "search_gram"`,
  `CREATE TABLE "search_gram" ("gram" varchar NOT NULL, "doc" integer NOT NULL, "place" integer NOT NULL, PRIMARY KEY ("gram", "doc")) WITHOUT ROWID`,
  `CREATE INDEX "IDX_search_gram_doc" ON "search_gram" ("doc")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("person"."name", s."n", 1)), ("person"."id" * 64 + 9), CASE WHEN lower("person"."name") = lower(substr("person"."name", s."n", 1)) THEN 0 WHEN lower(substr("person"."name", 1, 1)) = lower(substr("person"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 0 <= length("person"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("person"."name", s."n", 2)), ("person"."id" * 64 + 9), CASE WHEN lower("person"."name") = lower(substr("person"."name", s."n", 2)) THEN 0 WHEN lower(substr("person"."name", 1, 2)) = lower(substr("person"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 1 <= length("person"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("organisation"."name", s."n", 1)), ("organisation"."id" * 64 + 17), CASE WHEN lower("organisation"."name") = lower(substr("organisation"."name", s."n", 1)) THEN 0 WHEN lower(substr("organisation"."name", 1, 1)) = lower(substr("organisation"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 0 <= length("organisation"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("organisation"."name", s."n", 2)), ("organisation"."id" * 64 + 17), CASE WHEN lower("organisation"."name") = lower(substr("organisation"."name", s."n", 2)) THEN 0 WHEN lower(substr("organisation"."name", 1, 2)) = lower(substr("organisation"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 1 <= length("organisation"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("honour"."name", s."n", 1)), ("honour"."id" * 64 + 25), CASE WHEN lower("honour"."name") = lower(substr("honour"."name", s."n", 1)) THEN 0 WHEN lower(substr("honour"."name", 1, 1)) = lower(substr("honour"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 0 <= length("honour"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("honour"."name", s."n", 2)), ("honour"."id" * 64 + 25), CASE WHEN lower("honour"."name") = lower(substr("honour"."name", s."n", 2)) THEN 0 WHEN lower(substr("honour"."name", 1, 2)) = lower(substr("honour"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 1 <= length("honour"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."title", s."n", 1)), ("proposal"."id" * 64 + 37), CASE WHEN lower("proposal"."title") = lower(substr("proposal"."title", s."n", 1)) THEN 0 WHEN lower(substr("proposal"."title", 1, 1)) = lower(substr("proposal"."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 0 <= length("proposal"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."title", s."n", 2)), ("proposal"."id" * 64 + 37), CASE WHEN lower("proposal"."title") = lower(substr("proposal"."title", s."n", 2)) THEN 0 WHEN lower(substr("proposal"."title", 1, 2)) = lower(substr("proposal"."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 1 <= length("proposal"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."topic", s."n", 1)), ("proposal"."id" * 64 + 39), CASE WHEN lower("proposal"."topic") = lower(substr("proposal"."topic", s."n", 1)) THEN 0 WHEN lower(substr("proposal"."topic", 1, 1)) = lower(substr("proposal"."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 0 <= length("proposal"."topic")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."topic", s."n", 2)), ("proposal"."id" * 64 + 39), CASE WHEN lower("proposal"."topic") = lower(substr("proposal"."topic", s."n", 2)) THEN 0 WHEN lower(substr("proposal"."topic", 1, 2)) = lower(substr("proposal"."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 1 <= length("proposal"."topic")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("position"."title", s."n", 1)), ("position"."id" * 64 + 45), CASE WHEN lower("position"."title") = lower(substr("position"."title", s."n", 1)) THEN 0 WHEN lower(substr("position"."title", 1, 1)) = lower(substr("position"."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 0 <= length("position"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("position"."title", s."n", 2)), ("position"."id" * 64 + 45), CASE WHEN lower("position"."title") = lower(substr("position"."title", s."n", 2)) THEN 0 WHEN lower(substr("position"."title", 1, 2)) = lower(substr("position"."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 1 <= length("position"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("statistic"."label", s."n", 1)), ("statistic"."id" * 64 + 48), CASE WHEN lower("statistic"."label") = lower(substr("statistic"."label", s."n", 1)) THEN 0 WHEN lower(substr("statistic"."label", 1, 1)) = lower(substr("statistic"."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic") AS "statistic", "search_seq" s WHERE "statistic"."label" IS NOT NULL AND s."n" + 0 <= length("statistic"."label")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("statistic"."label", s."n", 2)), ("statistic"."id" * 64 + 48), CASE WHEN lower("statistic"."label") = lower(substr("statistic"."label", s."n", 2)) THEN 0 WHEN lower(substr("statistic"."label", 1, 2)) = lower(substr("statistic"."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic") AS "statistic", "search_seq" s WHERE "statistic"."label" IS NOT NULL AND s."n" + 1 <= length("statistic"."label")`,
  `CREATE TRIGGER "person_search_insert" AFTER INSERT ON "person" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
END`,
  `CREATE TRIGGER "person_search_update" AFTER UPDATE OF "name", "namePinyinKey", "biography" ON "person" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
END`,
  `CREATE TRIGGER "person_search_delete" AFTER DELETE ON "person" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
END`,
  `CREATE TRIGGER "organisation_search_insert" AFTER INSERT ON "organisation" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
END`,
  `CREATE TRIGGER "organisation_search_update" AFTER UPDATE OF "name", "namePinyin" ON "organisation" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
END`,
  `CREATE TRIGGER "organisation_search_delete" AFTER DELETE ON "organisation" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
END`,
  `CREATE TRIGGER "honour_search_insert" AFTER INSERT ON "honour" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
END`,
  `CREATE TRIGGER "honour_search_update" AFTER UPDATE OF "name", "namePinyin", "nameEn" ON "honour" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
END`,
  `CREATE TRIGGER "honour_search_delete" AFTER DELETE ON "honour" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
END`,
  `CREATE TRIGGER "proposal_search_insert" AFTER INSERT ON "proposal" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 1)) THEN 0 WHEN lower(substr(r."topic", 1, 1)) = lower(substr(r."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 2)) THEN 0 WHEN lower(substr(r."topic", 1, 2)) = lower(substr(r."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic");
END`,
  `CREATE TRIGGER "proposal_search_update" AFTER UPDATE OF "title", "summary", "topic" ON "proposal" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 1)) THEN 0 WHEN lower(substr(r."topic", 1, 1)) = lower(substr(r."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 2)) THEN 0 WHEN lower(substr(r."topic", 1, 2)) = lower(substr(r."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic");
END`,
  `CREATE TRIGGER "proposal_search_delete" AFTER DELETE ON "proposal" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
END`,
  `CREATE TRIGGER "position_search_insert" AFTER INSERT ON "position" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
END`,
  `CREATE TRIGGER "position_search_update" AFTER UPDATE OF "title" ON "position" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
END`,
  `CREATE TRIGGER "position_search_delete" AFTER DELETE ON "position" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
END`,
  `CREATE TRIGGER "statistic_search_insert" AFTER INSERT ON "statistic" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 1)) THEN 0 WHEN lower(substr(r."label", 1, 1)) = lower(substr(r."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 2)) THEN 0 WHEN lower(substr(r."label", 1, 2)) = lower(substr(r."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label");
END`,
  `CREATE TRIGGER "statistic_search_update" AFTER UPDATE OF "label" ON "statistic" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 1)) THEN 0 WHEN lower(substr(r."label", 1, 1)) = lower(substr(r."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 2)) THEN 0 WHEN lower(substr(r."label", 1, 2)) = lower(substr(r."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label");
END`,
  `CREATE TRIGGER "statistic_search_delete" AFTER DELETE ON "statistic" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
END`,
];

const DOWN = [
  `DROP TRIGGER IF EXISTS "person_search_insert"`,
  `DROP TRIGGER IF EXISTS "person_search_update"`,
  `DROP TRIGGER IF EXISTS "person_search_delete"`,
  `DROP TRIGGER IF EXISTS "organisation_search_insert"`,
  `DROP TRIGGER IF EXISTS "organisation_search_update"`,
  `DROP TRIGGER IF EXISTS "organisation_search_delete"`,
  `DROP TRIGGER IF EXISTS "honour_search_insert"`,
  `DROP TRIGGER IF EXISTS "honour_search_update"`,
  `DROP TRIGGER IF EXISTS "honour_search_delete"`,
  `DROP TRIGGER IF EXISTS "proposal_search_insert"`,
  `DROP TRIGGER IF EXISTS "proposal_search_update"`,
  `DROP TRIGGER IF EXISTS "proposal_search_delete"`,
  `DROP TRIGGER IF EXISTS "position_search_insert"`,
  `DROP TRIGGER IF EXISTS "position_search_update"`,
  `DROP TRIGGER IF EXISTS "position_search_delete"`,
  `DROP TRIGGER IF EXISTS "statistic_search_insert"`,
  `DROP TRIGGER IF EXISTS "statistic_search_update"`,
  `DROP TRIGGER IF EXISTS "statistic_search_delete"`,
  `DROP TABLE "search_gram"`,
  `CREATE TABLE "search_gram" ("gram" varchar NOT NULL, "doc" integer NOT NULL, PRIMARY KEY ("gram", "doc")) WITHOUT ROWID`,
  `CREATE INDEX "IDX_search_gram_doc" ON "search_gram" ("doc")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("person"."name", s."n", 1)), ("person"."id" * 64 + 9) FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 0 <= length("person"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("person"."name", s."n", 2)), ("person"."id" * 64 + 9) FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 1 <= length("person"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("organisation"."name", s."n", 1)), ("organisation"."id" * 64 + 17) FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 0 <= length("organisation"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("organisation"."name", s."n", 2)), ("organisation"."id" * 64 + 17) FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 1 <= length("organisation"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("honour"."name", s."n", 1)), ("honour"."id" * 64 + 25) FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 0 <= length("honour"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("honour"."name", s."n", 2)), ("honour"."id" * 64 + 25) FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 1 <= length("honour"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."title", s."n", 1)), ("proposal"."id" * 64 + 37) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 0 <= length("proposal"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."title", s."n", 2)), ("proposal"."id" * 64 + 37) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 1 <= length("proposal"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."topic", s."n", 1)), ("proposal"."id" * 64 + 39) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 0 <= length("proposal"."topic")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."topic", s."n", 2)), ("proposal"."id" * 64 + 39) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 1 <= length("proposal"."topic")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("position"."title", s."n", 1)), ("position"."id" * 64 + 45) FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 0 <= length("position"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("position"."title", s."n", 2)), ("position"."id" * 64 + 45) FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 1 <= length("position"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("statistic"."label", s."n", 1)), ("statistic"."id" * 64 + 48) FROM (SELECT * FROM "statistic") AS "statistic", "search_seq" s WHERE "statistic"."label" IS NOT NULL AND s."n" + 0 <= length("statistic"."label")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("statistic"."label", s."n", 2)), ("statistic"."id" * 64 + 48) FROM (SELECT * FROM "statistic") AS "statistic", "search_seq" s WHERE "statistic"."label" IS NOT NULL AND s."n" + 1 <= length("statistic"."label")`,
  `CREATE TRIGGER "person_search_insert" AFTER INSERT ON "person" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9) FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9) FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
END`,
  `CREATE TRIGGER "person_search_update" AFTER UPDATE OF "name", "namePinyinKey", "biography" ON "person" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9) FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9) FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
END`,
  `CREATE TRIGGER "person_search_delete" AFTER DELETE ON "person" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
END`,
  `CREATE TRIGGER "organisation_search_insert" AFTER INSERT ON "organisation" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17) FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17) FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
END`,
  `CREATE TRIGGER "organisation_search_update" AFTER UPDATE OF "name", "namePinyin" ON "organisation" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17) FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17) FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
END`,
  `CREATE TRIGGER "organisation_search_delete" AFTER DELETE ON "organisation" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
END`,
  `CREATE TRIGGER "honour_search_insert" AFTER INSERT ON "honour" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25) FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25) FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
END`,
  `CREATE TRIGGER "honour_search_update" AFTER UPDATE OF "name", "namePinyin", "nameEn" ON "honour" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25) FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25) FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
END`,
  `CREATE TRIGGER "honour_search_delete" AFTER DELETE ON "honour" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
END`,
  `CREATE TRIGGER "proposal_search_insert" AFTER INSERT ON "proposal" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic");
END`,
  `CREATE TRIGGER "proposal_search_update" AFTER UPDATE OF "title", "summary", "topic" ON "proposal" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39) FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic");
END`,
  `CREATE TRIGGER "proposal_search_delete" AFTER DELETE ON "proposal" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
END`,
  `CREATE TRIGGER "position_search_insert" AFTER INSERT ON "position" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45) FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45) FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
END`,
  `CREATE TRIGGER "position_search_update" AFTER UPDATE OF "title" ON "position" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45) FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45) FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title");
END`,
  `CREATE TRIGGER "position_search_delete" AFTER DELETE ON "position" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
END`,
  `CREATE TRIGGER "statistic_search_insert" AFTER INSERT ON "statistic" BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48) FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48) FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label");
END`,
  `CREATE TRIGGER "statistic_search_update" AFTER UPDATE OF "label" ON "statistic" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48) FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label");
  INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48) FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, "search_seq" s WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label");
END`,
  `CREATE TRIGGER "statistic_search_delete" AFTER DELETE ON "statistic" BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
END`,
];
