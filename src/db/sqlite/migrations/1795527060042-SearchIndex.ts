import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search, kept in step with every write by triggers:
 * - search_text: FTS5 with the trigram tokenizer (substring match, case- and diacritic-insensitive)
 *   over names, pinyin, biographies, honour and proposal text, position titles;
 * - search_gram: every one- and two-character substring of names and titles, since trigram
 *   cannot match queries shorter than three characters (most Chinese given names are two);
 * - search_seq: the numbers 1..300, to cut grams inside a trigger (no CTEs there).
 * The statements are written out as they were when this migration was made: a migration is history,
 * and must build the same tables whatever the search code says today (src/search/index-layout.ts).
 * NB: TypeORM rebuilds a SQLite table to alter its columns, which drops that table's triggers:
 * a later migration that alters person, organisation, honour, proposal or position must re-create them.
 */
export class SearchIndex1795527060042 implements MigrationInterface {
  name = "SearchIndex1795527060042";

  public async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const statement of DOWN) await q.query(statement);
  }
}

const UP = [
  `CREATE VIRTUAL TABLE "search_text" USING fts5(body, tokenize = 'trigram remove_diacritics 1')`,
  `CREATE TABLE "search_gram" ("gram" varchar NOT NULL, "doc" integer NOT NULL, PRIMARY KEY ("gram", "doc")) WITHOUT ROWID`,
  `CREATE INDEX "IDX_search_gram_doc" ON "search_gram" ("doc")`,
  `CREATE TABLE "search_seq" ("n" integer PRIMARY KEY NOT NULL)`,
  `INSERT INTO "search_seq" ("n") VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15), (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31), (32), (33), (34), (35), (36), (37), (38), (39), (40), (41), (42), (43), (44), (45), (46), (47), (48), (49), (50), (51), (52), (53), (54), (55), (56), (57), (58), (59), (60), (61), (62), (63), (64), (65), (66), (67), (68), (69), (70), (71), (72), (73), (74), (75), (76), (77), (78), (79), (80), (81), (82), (83), (84), (85), (86), (87), (88), (89), (90), (91), (92), (93), (94), (95), (96), (97), (98), (99), (100)`,
  `INSERT INTO "search_seq" ("n") VALUES (101), (102), (103), (104), (105), (106), (107), (108), (109), (110), (111), (112), (113), (114), (115), (116), (117), (118), (119), (120), (121), (122), (123), (124), (125), (126), (127), (128), (129), (130), (131), (132), (133), (134), (135), (136), (137), (138), (139), (140), (141), (142), (143), (144), (145), (146), (147), (148), (149), (150), (151), (152), (153), (154), (155), (156), (157), (158), (159), (160), (161), (162), (163), (164), (165), (166), (167), (168), (169), (170), (171), (172), (173), (174), (175), (176), (177), (178), (179), (180), (181), (182), (183), (184), (185), (186), (187), (188), (189), (190), (191), (192), (193), (194), (195), (196), (197), (198), (199), (200)`,
  `INSERT INTO "search_seq" ("n") VALUES (201), (202), (203), (204), (205), (206), (207), (208), (209), (210), (211), (212), (213), (214), (215), (216), (217), (218), (219), (220), (221), (222), (223), (224), (225), (226), (227), (228), (229), (230), (231), (232), (233), (234), (235), (236), (237), (238), (239), (240), (241), (242), (243), (244), (245), (246), (247), (248), (249), (250), (251), (252), (253), (254), (255), (256), (257), (258), (259), (260), (261), (262), (263), (264), (265), (266), (267), (268), (269), (270), (271), (272), (273), (274), (275), (276), (277), (278), (279), (280), (281), (282), (283), (284), (285), (286), (287), (288), (289), (290), (291), (292), (293), (294), (295), (296), (297), (298), (299), (300)`,
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
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 9), "person"."name" FROM (SELECT * FROM "person") AS "person" WHERE "person"."name" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("person"."name", s."n", 1)), ("person"."id" * 64 + 9) FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 0 <= length("person"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("person"."name", s."n", 2)), ("person"."id" * 64 + 9) FROM (SELECT * FROM "person") AS "person", "search_seq" s WHERE "person"."name" IS NOT NULL AND s."n" + 1 <= length("person"."name")`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 10), "person"."namePinyinKey" FROM (SELECT * FROM "person") AS "person" WHERE "person"."namePinyinKey" IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("person"."id" * 64 + 11), "person"."biography" FROM (SELECT * FROM "person") AS "person" WHERE "person"."biography" IS NOT NULL`,
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
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("organisation"."id" * 64 + 17), "organisation"."name" FROM (SELECT * FROM "organisation") AS "organisation" WHERE "organisation"."name" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("organisation"."name", s."n", 1)), ("organisation"."id" * 64 + 17) FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 0 <= length("organisation"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("organisation"."name", s."n", 2)), ("organisation"."id" * 64 + 17) FROM (SELECT * FROM "organisation") AS "organisation", "search_seq" s WHERE "organisation"."name" IS NOT NULL AND s."n" + 1 <= length("organisation"."name")`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("organisation"."id" * 64 + 18), replace("organisation"."namePinyin", ' ', '') FROM (SELECT * FROM "organisation") AS "organisation" WHERE replace("organisation"."namePinyin", ' ', '') IS NOT NULL`,
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
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 25), "honour"."name" FROM (SELECT * FROM "honour") AS "honour" WHERE "honour"."name" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("honour"."name", s."n", 1)), ("honour"."id" * 64 + 25) FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 0 <= length("honour"."name")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("honour"."name", s."n", 2)), ("honour"."id" * 64 + 25) FROM (SELECT * FROM "honour") AS "honour", "search_seq" s WHERE "honour"."name" IS NOT NULL AND s."n" + 1 <= length("honour"."name")`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 26), replace("honour"."namePinyin", ' ', '') FROM (SELECT * FROM "honour") AS "honour" WHERE replace("honour"."namePinyin", ' ', '') IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("honour"."id" * 64 + 28), "honour"."nameEn" FROM (SELECT * FROM "honour") AS "honour" WHERE "honour"."nameEn" IS NOT NULL`,
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
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 37), "proposal"."title" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."title" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."title", s."n", 1)), ("proposal"."id" * 64 + 37) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 0 <= length("proposal"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."title", s."n", 2)), ("proposal"."id" * 64 + 37) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."title" IS NOT NULL AND s."n" + 1 <= length("proposal"."title")`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 38), "proposal"."summary" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."summary" IS NOT NULL`,
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("proposal"."id" * 64 + 39), "proposal"."topic" FROM (SELECT * FROM "proposal") AS "proposal" WHERE "proposal"."topic" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."topic", s."n", 1)), ("proposal"."id" * 64 + 39) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 0 <= length("proposal"."topic")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("proposal"."topic", s."n", 2)), ("proposal"."id" * 64 + 39) FROM (SELECT * FROM "proposal") AS "proposal", "search_seq" s WHERE "proposal"."topic" IS NOT NULL AND s."n" + 1 <= length("proposal"."topic")`,
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
  `INSERT INTO "search_text" ("rowid", "body") SELECT ("position"."id" * 64 + 45), "position"."title" FROM (SELECT * FROM "position") AS "position" WHERE "position"."title" IS NOT NULL`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("position"."title", s."n", 1)), ("position"."id" * 64 + 45) FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 0 <= length("position"."title")`,
  `INSERT OR IGNORE INTO "search_gram" ("gram", "doc") SELECT lower(substr("position"."title", s."n", 2)), ("position"."id" * 64 + 45) FROM (SELECT * FROM "position") AS "position", "search_seq" s WHERE "position"."title" IS NOT NULL AND s."n" + 1 <= length("position"."title")`,
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
  `DROP TABLE "search_seq"`,
  `DROP TABLE "search_gram"`,
  `DROP TABLE "search_text"`,
];
