import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The search index on PostgreSQL, as SQLite's (src/search/index-layout.ts describes both):
 * - search_text: the indexed texts by row id, with a pg_trgm GIN index that finds substrings of
 *   three characters and more (ILIKE);
 * - search_gram: every one- and two-character substring of names and titles, with where it stands
 *   in its text, since trigrams cannot find them; a table rather than an array of grams per text,
 *   so that a gram carries its place and both engines rank short queries by the same SQL;
 * - search_syllable_aligned(spaced, key), for pinyin matches (SQLite registers it from JavaScript);
 * - the people's pinyin and initials under COLLATE "C", so that a prefix is a byte range of an
 *   index whatever the database's collation;
 * - a trigger function per trigger keeping the index in step with the indexed tables, and the
 *   rows already there indexed.
 * The statements are written out as the search code gave them when this migration was made
 * (`npm run search-index-sql -- --postgres TABLE`), so that it builds the same whatever the search code says today.
 */
export class SearchIndex1796500000001 implements MigrationInterface {
    name = 'SearchIndex1796500000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const statement of UP) await queryRunner.query(statement);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const statement of DOWN) await queryRunner.query(statement);
    }

}

const UP = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE TABLE "search_text" ("rowid" bigint NOT NULL, "body" text NOT NULL, CONSTRAINT "PK_search_text" PRIMARY KEY ("rowid"))`,
  `CREATE INDEX "IDX_search_text_trgm" ON "search_text" USING gin ("body" gin_trgm_ops)`,
  `CREATE TABLE "search_gram" ("gram" text NOT NULL, "doc" bigint NOT NULL, "place" smallint NOT NULL, CONSTRAINT "PK_search_gram" PRIMARY KEY ("gram", "doc") INCLUDE ("place"))`,
  `CREATE INDEX "IDX_search_gram_doc" ON "search_gram" ("doc")`,
  `CREATE INDEX "IDX_person_pinyin_key_c" ON "person" ("namePinyinKey" COLLATE "C")`,
  `CREATE INDEX "IDX_person_initials_c" ON "person" ("nameInitials" COLLATE "C")`,
  `CREATE OR REPLACE FUNCTION public.search_syllable_aligned(spaced text, key text)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
SELECT EXISTS (SELECT 1 FROM (SELECT string_to_array(replace(lower(spaced), 'ü', 'v'), ' ') AS a) x, generate_subscripts(x.a, 1) AS i WHERE x.a[i] <> '' AND starts_with(array_to_string(x.a[i:], ''), key))
$function$
`,
  `DROP TRIGGER IF EXISTS "person_search_insert" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_insert()`,
  `DROP TRIGGER IF EXISTS "person_search_update" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_update()`,
  `DROP TRIGGER IF EXISTS "person_search_delete" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 1`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 1`,
  `CREATE OR REPLACE FUNCTION public.person_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "person_search_insert" AFTER INSERT ON "person" FOR EACH ROW EXECUTE FUNCTION public.person_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.person_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 9), r."name" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 9), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 10), r."namePinyinKey" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."namePinyinKey" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 11), r."biography" FROM (SELECT * FROM "person" WHERE "id" = NEW."id") AS r WHERE r."biography" IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "person_search_update" AFTER UPDATE OF "name", "namePinyinKey", "biography" ON "person" FOR EACH ROW EXECUTE FUNCTION public.person_search_update()`,
  `CREATE OR REPLACE FUNCTION public.person_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 9), (OLD."id" * 64 + 10), (OLD."id" * 64 + 11));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "person_search_delete" AFTER DELETE ON "person" FOR EACH ROW EXECUTE FUNCTION public.person_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 9), "person"."name" FROM (SELECT * FROM "person") AS "person" WHERE "person"."name" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("person"."name", s."n", 1)), ("person"."id" * 64 + 9), CASE WHEN lower("person"."name") = lower(substr("person"."name", s."n", 1)) THEN 0 WHEN lower(substr("person"."name", 1, 1)) = lower(substr("person"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person") AS "person", generate_series(1, 300) AS s("n") WHERE "person"."name" IS NOT NULL AND s."n" + 0 <= length("person"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("person"."name", s."n", 2)), ("person"."id" * 64 + 9), CASE WHEN lower("person"."name") = lower(substr("person"."name", s."n", 2)) THEN 0 WHEN lower(substr("person"."name", 1, 2)) = lower(substr("person"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "person") AS "person", generate_series(1, 300) AS s("n") WHERE "person"."name" IS NOT NULL AND s."n" + 1 <= length("person"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 10), "person"."namePinyinKey" FROM (SELECT * FROM "person") AS "person" WHERE "person"."namePinyinKey" IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 11), "person"."biography" FROM (SELECT * FROM "person") AS "person" WHERE "person"."biography" IS NOT NULL`,
  `DROP TRIGGER IF EXISTS "organisation_search_insert" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_insert()`,
  `DROP TRIGGER IF EXISTS "organisation_search_update" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_update()`,
  `DROP TRIGGER IF EXISTS "organisation_search_delete" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 2`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 2`,
  `CREATE OR REPLACE FUNCTION public.organisation_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "organisation_search_insert" AFTER INSERT ON "organisation" FOR EACH ROW EXECUTE FUNCTION public.organisation_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.organisation_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 17), r."name" FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 17), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 18), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "organisation" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "organisation_search_update" AFTER UPDATE OF "name", "namePinyin" ON "organisation" FOR EACH ROW EXECUTE FUNCTION public.organisation_search_update()`,
  `CREATE OR REPLACE FUNCTION public.organisation_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 17), (OLD."id" * 64 + 18));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "organisation_search_delete" AFTER DELETE ON "organisation" FOR EACH ROW EXECUTE FUNCTION public.organisation_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("organisation"."id" * 64 + 17), "organisation"."name" FROM (SELECT * FROM "organisation") AS "organisation" WHERE "organisation"."name" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("organisation"."name", s."n", 1)), ("organisation"."id" * 64 + 17), CASE WHEN lower("organisation"."name") = lower(substr("organisation"."name", s."n", 1)) THEN 0 WHEN lower(substr("organisation"."name", 1, 1)) = lower(substr("organisation"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation") AS "organisation", generate_series(1, 300) AS s("n") WHERE "organisation"."name" IS NOT NULL AND s."n" + 0 <= length("organisation"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("organisation"."name", s."n", 2)), ("organisation"."id" * 64 + 17), CASE WHEN lower("organisation"."name") = lower(substr("organisation"."name", s."n", 2)) THEN 0 WHEN lower(substr("organisation"."name", 1, 2)) = lower(substr("organisation"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "organisation") AS "organisation", generate_series(1, 300) AS s("n") WHERE "organisation"."name" IS NOT NULL AND s."n" + 1 <= length("organisation"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("organisation"."id" * 64 + 18), replace("organisation"."namePinyin", ' ', '') FROM (SELECT * FROM "organisation") AS "organisation" WHERE replace("organisation"."namePinyin", ' ', '') IS NOT NULL`,
  `DROP TRIGGER IF EXISTS "honour_search_insert" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_insert()`,
  `DROP TRIGGER IF EXISTS "honour_search_update" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_update()`,
  `DROP TRIGGER IF EXISTS "honour_search_delete" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 3`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 3`,
  `CREATE OR REPLACE FUNCTION public.honour_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "honour_search_insert" AFTER INSERT ON "honour" FOR EACH ROW EXECUTE FUNCTION public.honour_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.honour_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 25), r."name" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."name" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 1)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 1)) THEN 0 WHEN lower(substr(r."name", 1, 1)) = lower(substr(r."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 0 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."name", s."n", 2)), (r."id" * 64 + 25), CASE WHEN lower(r."name") = lower(substr(r."name", s."n", 2)) THEN 0 WHEN lower(substr(r."name", 1, 2)) = lower(substr(r."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."name" IS NOT NULL AND s."n" + 1 <= length(r."name") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 26), replace(r."namePinyin", ' ', '') FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE replace(r."namePinyin", ' ', '') IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 28), r."nameEn" FROM (SELECT * FROM "honour" WHERE "id" = NEW."id") AS r WHERE r."nameEn" IS NOT NULL;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "honour_search_update" AFTER UPDATE OF "name", "namePinyin", "nameEn" ON "honour" FOR EACH ROW EXECUTE FUNCTION public.honour_search_update()`,
  `CREATE OR REPLACE FUNCTION public.honour_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 25), (OLD."id" * 64 + 26), (OLD."id" * 64 + 28));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "honour_search_delete" AFTER DELETE ON "honour" FOR EACH ROW EXECUTE FUNCTION public.honour_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 25), "honour"."name" FROM (SELECT * FROM "honour") AS "honour" WHERE "honour"."name" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("honour"."name", s."n", 1)), ("honour"."id" * 64 + 25), CASE WHEN lower("honour"."name") = lower(substr("honour"."name", s."n", 1)) THEN 0 WHEN lower(substr("honour"."name", 1, 1)) = lower(substr("honour"."name", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour") AS "honour", generate_series(1, 300) AS s("n") WHERE "honour"."name" IS NOT NULL AND s."n" + 0 <= length("honour"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("honour"."name", s."n", 2)), ("honour"."id" * 64 + 25), CASE WHEN lower("honour"."name") = lower(substr("honour"."name", s."n", 2)) THEN 0 WHEN lower(substr("honour"."name", 1, 2)) = lower(substr("honour"."name", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "honour") AS "honour", generate_series(1, 300) AS s("n") WHERE "honour"."name" IS NOT NULL AND s."n" + 1 <= length("honour"."name") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 26), replace("honour"."namePinyin", ' ', '') FROM (SELECT * FROM "honour") AS "honour" WHERE replace("honour"."namePinyin", ' ', '') IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 28), "honour"."nameEn" FROM (SELECT * FROM "honour") AS "honour" WHERE "honour"."nameEn" IS NOT NULL`,
  `DROP TRIGGER IF EXISTS "proposal_search_insert" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_insert()`,
  `DROP TRIGGER IF EXISTS "proposal_search_update" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_update()`,
  `DROP TRIGGER IF EXISTS "proposal_search_delete" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 4`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 4`,
  `CREATE OR REPLACE FUNCTION public.proposal_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 1)) THEN 0 WHEN lower(substr(r."topic", 1, 1)) = lower(substr(r."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 2)) THEN 0 WHEN lower(substr(r."topic", 1, 2)) = lower(substr(r."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "proposal_search_insert" AFTER INSERT ON "proposal" FOR EACH ROW EXECUTE FUNCTION public.proposal_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.proposal_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 37), r."title" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 37), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 38), r."summary" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."summary" IS NOT NULL;
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 39), r."topic" FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r WHERE r."topic" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 1)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 1)) THEN 0 WHEN lower(substr(r."topic", 1, 1)) = lower(substr(r."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."topic" IS NOT NULL AND s."n" + 0 <= length(r."topic") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."topic", s."n", 2)), (r."id" * 64 + 39), CASE WHEN lower(r."topic") = lower(substr(r."topic", s."n", 2)) THEN 0 WHEN lower(substr(r."topic", 1, 2)) = lower(substr(r."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."topic" IS NOT NULL AND s."n" + 1 <= length(r."topic") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "proposal_search_update" AFTER UPDATE OF "title", "summary", "topic" ON "proposal" FOR EACH ROW EXECUTE FUNCTION public.proposal_search_update()`,
  `CREATE OR REPLACE FUNCTION public.proposal_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 37), (OLD."id" * 64 + 38), (OLD."id" * 64 + 39));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "proposal_search_delete" AFTER DELETE ON "proposal" FOR EACH ROW EXECUTE FUNCTION public.proposal_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 37), "proposal"."title" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."title" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."title", s."n", 1)), ("proposal"."id" * 64 + 37), CASE WHEN lower("proposal"."title") = lower(substr("proposal"."title", s."n", 1)) THEN 0 WHEN lower(substr("proposal"."title", 1, 1)) = lower(substr("proposal"."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", generate_series(1, 300) AS s("n") WHERE "proposal"."title" IS NOT NULL AND s."n" + 0 <= length("proposal"."title") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."title", s."n", 2)), ("proposal"."id" * 64 + 37), CASE WHEN lower("proposal"."title") = lower(substr("proposal"."title", s."n", 2)) THEN 0 WHEN lower(substr("proposal"."title", 1, 2)) = lower(substr("proposal"."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", generate_series(1, 300) AS s("n") WHERE "proposal"."title" IS NOT NULL AND s."n" + 1 <= length("proposal"."title") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 38), "proposal"."summary" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."summary" IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 39), "proposal"."topic" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."topic" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."topic", s."n", 1)), ("proposal"."id" * 64 + 39), CASE WHEN lower("proposal"."topic") = lower(substr("proposal"."topic", s."n", 1)) THEN 0 WHEN lower(substr("proposal"."topic", 1, 1)) = lower(substr("proposal"."topic", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", generate_series(1, 300) AS s("n") WHERE "proposal"."topic" IS NOT NULL AND s."n" + 0 <= length("proposal"."topic") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("proposal"."topic", s."n", 2)), ("proposal"."id" * 64 + 39), CASE WHEN lower("proposal"."topic") = lower(substr("proposal"."topic", s."n", 2)) THEN 0 WHEN lower(substr("proposal"."topic", 1, 2)) = lower(substr("proposal"."topic", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "proposal") AS "proposal", generate_series(1, 300) AS s("n") WHERE "proposal"."topic" IS NOT NULL AND s."n" + 1 <= length("proposal"."topic") ON CONFLICT DO NOTHING`,
  `DROP TRIGGER IF EXISTS "position_search_insert" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_insert()`,
  `DROP TRIGGER IF EXISTS "position_search_update" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_update()`,
  `DROP TRIGGER IF EXISTS "position_search_delete" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 5`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 5`,
  `CREATE OR REPLACE FUNCTION public.position_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "position_search_insert" AFTER INSERT ON "position" FOR EACH ROW EXECUTE FUNCTION public.position_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.position_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 45), r."title" FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r WHERE r."title" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 1)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 1)) THEN 0 WHEN lower(substr(r."title", 1, 1)) = lower(substr(r."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 0 <= length(r."title") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."title", s."n", 2)), (r."id" * 64 + 45), CASE WHEN lower(r."title") = lower(substr(r."title", s."n", 2)) THEN 0 WHEN lower(substr(r."title", 1, 2)) = lower(substr(r."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."title" IS NOT NULL AND s."n" + 1 <= length(r."title") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "position_search_update" AFTER UPDATE OF "title" ON "position" FOR EACH ROW EXECUTE FUNCTION public.position_search_update()`,
  `CREATE OR REPLACE FUNCTION public.position_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 45));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 45));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "position_search_delete" AFTER DELETE ON "position" FOR EACH ROW EXECUTE FUNCTION public.position_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("position"."id" * 64 + 45), "position"."title" FROM (SELECT * FROM "position") AS "position" WHERE "position"."title" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("position"."title", s."n", 1)), ("position"."id" * 64 + 45), CASE WHEN lower("position"."title") = lower(substr("position"."title", s."n", 1)) THEN 0 WHEN lower(substr("position"."title", 1, 1)) = lower(substr("position"."title", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position") AS "position", generate_series(1, 300) AS s("n") WHERE "position"."title" IS NOT NULL AND s."n" + 0 <= length("position"."title") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("position"."title", s."n", 2)), ("position"."id" * 64 + 45), CASE WHEN lower("position"."title") = lower(substr("position"."title", s."n", 2)) THEN 0 WHEN lower(substr("position"."title", 1, 2)) = lower(substr("position"."title", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "position") AS "position", generate_series(1, 300) AS s("n") WHERE "position"."title" IS NOT NULL AND s."n" + 1 <= length("position"."title") ON CONFLICT DO NOTHING`,
  `DROP TRIGGER IF EXISTS "statistic_search_insert" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_insert()`,
  `DROP TRIGGER IF EXISTS "statistic_search_update" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_update()`,
  `DROP TRIGGER IF EXISTS "statistic_search_delete" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_delete()`,
  `DELETE FROM "search_text" WHERE ("rowid" / 8) % 8 = 6`,
  `DELETE FROM "search_gram" WHERE ("doc" / 8) % 8 = 6`,
  `CREATE OR REPLACE FUNCTION public.statistic_search_insert()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 1)) THEN 0 WHEN lower(substr(r."label", 1, 1)) = lower(substr(r."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 2)) THEN 0 WHEN lower(substr(r."label", 1, 2)) = lower(substr(r."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "statistic_search_insert" AFTER INSERT ON "statistic" FOR EACH ROW EXECUTE FUNCTION public.statistic_search_insert()`,
  `CREATE OR REPLACE FUNCTION public.statistic_search_update()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
  INSERT INTO "search_text" ("rowid", "body") SELECT (r."id" * 64 + 48), r."label" FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r WHERE r."label" IS NOT NULL;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 1)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 1)) THEN 0 WHEN lower(substr(r."label", 1, 1)) = lower(substr(r."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."label" IS NOT NULL AND s."n" + 0 <= length(r."label") ON CONFLICT DO NOTHING;
  INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr(r."label", s."n", 2)), (r."id" * 64 + 48), CASE WHEN lower(r."label") = lower(substr(r."label", s."n", 2)) THEN 0 WHEN lower(substr(r."label", 1, 2)) = lower(substr(r."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic" WHERE "id" = NEW."id") AS r, generate_series(1, 300) AS s("n") WHERE r."label" IS NOT NULL AND s."n" + 1 <= length(r."label") ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "statistic_search_update" AFTER UPDATE OF "label" ON "statistic" FOR EACH ROW EXECUTE FUNCTION public.statistic_search_update()`,
  `CREATE OR REPLACE FUNCTION public.statistic_search_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM "search_text" WHERE "rowid" IN ((OLD."id" * 64 + 48));
  DELETE FROM "search_gram" WHERE "doc" IN ((OLD."id" * 64 + 48));
  RETURN NULL;
END
$function$
`,
  `CREATE TRIGGER "statistic_search_delete" AFTER DELETE ON "statistic" FOR EACH ROW EXECUTE FUNCTION public.statistic_search_delete()`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("statistic"."id" * 64 + 48), "statistic"."label" FROM (SELECT * FROM "statistic") AS "statistic" WHERE "statistic"."label" IS NOT NULL`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("statistic"."label", s."n", 1)), ("statistic"."id" * 64 + 48), CASE WHEN lower("statistic"."label") = lower(substr("statistic"."label", s."n", 1)) THEN 0 WHEN lower(substr("statistic"."label", 1, 1)) = lower(substr("statistic"."label", s."n", 1)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic") AS "statistic", generate_series(1, 300) AS s("n") WHERE "statistic"."label" IS NOT NULL AND s."n" + 0 <= length("statistic"."label") ON CONFLICT DO NOTHING`,
  `INSERT INTO "search_gram" ("gram", "doc", "place") SELECT lower(substr("statistic"."label", s."n", 2)), ("statistic"."id" * 64 + 48), CASE WHEN lower("statistic"."label") = lower(substr("statistic"."label", s."n", 2)) THEN 0 WHEN lower(substr("statistic"."label", 1, 2)) = lower(substr("statistic"."label", s."n", 2)) THEN 1 ELSE 2 END FROM (SELECT * FROM "statistic") AS "statistic", generate_series(1, 300) AS s("n") WHERE "statistic"."label" IS NOT NULL AND s."n" + 1 <= length("statistic"."label") ON CONFLICT DO NOTHING`,
];

const DOWN = [
  `DROP TRIGGER IF EXISTS "person_search_insert" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_insert()`,
  `DROP TRIGGER IF EXISTS "person_search_update" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_update()`,
  `DROP TRIGGER IF EXISTS "person_search_delete" ON "person"`,
  `DROP FUNCTION IF EXISTS public.person_search_delete()`,
  `DROP TRIGGER IF EXISTS "organisation_search_insert" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_insert()`,
  `DROP TRIGGER IF EXISTS "organisation_search_update" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_update()`,
  `DROP TRIGGER IF EXISTS "organisation_search_delete" ON "organisation"`,
  `DROP FUNCTION IF EXISTS public.organisation_search_delete()`,
  `DROP TRIGGER IF EXISTS "honour_search_insert" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_insert()`,
  `DROP TRIGGER IF EXISTS "honour_search_update" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_update()`,
  `DROP TRIGGER IF EXISTS "honour_search_delete" ON "honour"`,
  `DROP FUNCTION IF EXISTS public.honour_search_delete()`,
  `DROP TRIGGER IF EXISTS "proposal_search_insert" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_insert()`,
  `DROP TRIGGER IF EXISTS "proposal_search_update" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_update()`,
  `DROP TRIGGER IF EXISTS "proposal_search_delete" ON "proposal"`,
  `DROP FUNCTION IF EXISTS public.proposal_search_delete()`,
  `DROP TRIGGER IF EXISTS "position_search_insert" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_insert()`,
  `DROP TRIGGER IF EXISTS "position_search_update" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_update()`,
  `DROP TRIGGER IF EXISTS "position_search_delete" ON "position"`,
  `DROP FUNCTION IF EXISTS public.position_search_delete()`,
  `DROP TRIGGER IF EXISTS "statistic_search_insert" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_insert()`,
  `DROP TRIGGER IF EXISTS "statistic_search_update" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_update()`,
  `DROP TRIGGER IF EXISTS "statistic_search_delete" ON "statistic"`,
  `DROP FUNCTION IF EXISTS public.statistic_search_delete()`,
  `DROP FUNCTION IF EXISTS public.search_syllable_aligned(text, text)`,
  `DROP INDEX "IDX_person_initials_c"`,
  `DROP INDEX "IDX_person_pinyin_key_c"`,
  `DROP TABLE "search_gram"`,
  `DROP TABLE "search_text"`,
];
