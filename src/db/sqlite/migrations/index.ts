import type { MigrationInterface } from "typeorm";
import { Initial1795526431963 } from "./1795526431963-Initial";
import { SearchIndex1795527060042 } from "./1795527060042-SearchIndex";
import { HonourTally1795527476827 } from "./1795527476827-HonourTally";
import { WriteSide1795527811532 } from "./1795527811532-WriteSide";
import { AwardHonourPersonIndex1795549964715 } from "./1795549964715-AwardHonourPersonIndex";
import { AwardPersonCoveringIndex1796224784469 } from "./1796224784469-AwardPersonCoveringIndex";
import { OrganisationNameAsWritten1796424219000 } from "./1796424219000-OrganisationNameAsWritten";
import { Statistic1796424219312 } from "./1796424219312-Statistic";
import { ProfileSourceFields1796424935966 } from "./1796424935966-ProfileSourceFields";
import { SearchGramPlace1796460000000 } from "./1796460000000-SearchGramPlace";
import { PersonNote1796470000000 } from "./1796470000000-PersonNote";
import { ImportDocumentTitles1796530000000 } from "./1796530000000-ImportDocumentTitles";
import { SeatNameSortKey1796600000000 } from "./1796600000000-SeatNameSortKey";
import { CongressSeatCount1796700000000 } from "./1796700000000-CongressSeatCount";
import { NamePinyinOrder1796800000000 } from "./1796800000000-NamePinyinOrder";

/** Every migration, in order; start-up runs the pending ones. New ones come from `npm run migration:generate`. */
export const migrations: (new () => MigrationInterface)[] = [
  Initial1795526431963,
  SearchIndex1795527060042,
  HonourTally1795527476827,
  WriteSide1795527811532,
  AwardHonourPersonIndex1795549964715,
  AwardPersonCoveringIndex1796224784469,
  OrganisationNameAsWritten1796424219000,
  Statistic1796424219312,
  ProfileSourceFields1796424935966,
  SearchGramPlace1796460000000,
  PersonNote1796470000000,
  ImportDocumentTitles1796530000000,
  SeatNameSortKey1796600000000,
  CongressSeatCount1796700000000,
  NamePinyinOrder1796800000000,
];
