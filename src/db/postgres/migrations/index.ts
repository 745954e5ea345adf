import type { MigrationInterface } from "typeorm";
import { Initial1796500000000 } from "./1796500000000-Initial";
import { SearchIndex1796500000001 } from "./1796500000001-SearchIndex";
import { PersonNote1796500000002 } from "./1796500000002-PersonNote";
import { SeatNameSortKey1796600000000 } from "./1796600000000-SeatNameSortKey";
import { NamePinyinOrder1796800000000 } from "./1796800000000-NamePinyinOrder";

/** PostgreSQL's migrations, in order; start-up runs the pending ones. SQLite has its own (src/db/sqlite/migrations). */
export const postgresMigrations: (new () => MigrationInterface)[] = [
  Initial1796500000000,
  SearchIndex1796500000001,
  PersonNote1796500000002,
  SeatNameSortKey1796600000000,
  NamePinyinOrder1796800000000,
];
