import { ApiToken } from "./api-token.entity";
import { AuditEntry } from "./audit-entry.entity";
import { Award } from "./award.entity";
import { Citation } from "./citation.entity";
import { Congress } from "./congress.entity";
import { Honour } from "./honour.entity";
import { HonourTally } from "./honour-tally.entity";
import { Organisation } from "./organisation.entity";
import { Person } from "./person.entity";
import { Position } from "./position.entity";
import { Proposal } from "./proposal.entity";
import { Seat } from "./seat.entity";
import { Statistic } from "./statistic.entity";
import { SourceDocument } from "./source-document.entity";

export { ApiToken, AuditEntry, Award, Citation, Congress, Honour, HonourTally, Organisation, Person, Position, Proposal, Seat, SourceDocument, Statistic };
export * from "./enums";

export const entities = [
  SourceDocument,
  Citation,
  Organisation,
  Person,
  Position,
  Congress,
  Seat,
  Honour,
  HonourTally,
  Award,
  Proposal,
  Statistic,
  ApiToken,
  AuditEntry,
];
