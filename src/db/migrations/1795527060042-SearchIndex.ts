import { MigrationInterface, QueryRunner } from "typeorm";
import { createSearchIndexSql, dropSearchIndexSql, FIRST_INDEXED } from "../../search/index-layout";

/**
 * Full-text search, kept in step with every write by triggers (see src/search/index-layout.ts):
 * - search_text: FTS5 with the trigram tokenizer (substring match, case- and diacritic-insensitive)
 *   over names, pinyin, biographies, honour and proposal text, position titles;
 * - search_gram: every one- and two-character substring of names and titles, since trigram
 *   cannot match queries shorter than three characters (most Chinese given names are two);
 * - search_seq: the numbers 1..MAX_GRAM_TEXT, to cut grams inside a trigger (no CTEs there).
 * NB: TypeORM rebuilds a SQLite table to alter its columns, which drops that table's triggers:
 * a later migration that alters person, organisation, honour, proposal or position must re-create them.
 */
export class SearchIndex1795527060042 implements MigrationInterface {
  name = "SearchIndex1795527060042";

  public async up(q: QueryRunner): Promise<void> {
    // The tables indexed then: a table a later migration creates is indexed by that migration.
    for (const statement of createSearchIndexSql(FIRST_INDEXED)) await q.query(statement);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const statement of dropSearchIndexSql()) await q.query(statement);
  }
}
