import { Award, Congress, Honour, Organisation, Person, Position, Proposal, SourceDocument, Statistic } from "../../entities";
import { Connection } from "../../relay/connection";

export const PersonConnection = Connection(Person, "Person");
export const OrganisationConnection = Connection(Organisation, "Organisation");
export const HonourConnection = Connection(Honour, "Honour");
export const AwardConnection = Connection(Award, "Award");
export const ProposalConnection = Connection(Proposal, "Proposal");
export const CongressConnection = Connection(Congress, "Congress");
export const PositionConnection = Connection(Position, "Position");
export const SourceDocumentConnection = Connection(SourceDocument, "SourceDocument");
export const StatisticConnection = Connection(Statistic, "Statistic");
