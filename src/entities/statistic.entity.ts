import { Field, Float, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from "typeorm";
import { NodeEntity } from "../relay/node";
import { Citation } from "./citation.entity";
import { Organisation } from "./organisation.entity";

/**
 * A figure a source gives about what an organisation did or holds ("近三年,清远市新建工会573家").
 * Kept in the source's terms: its wording (label), unit and period as written; a year only where
 * the text fixes one; "近200" or "100多" approximate, with a note saying what the text writes.
 */
@ObjectType({ simpleResolvers: true, implements: NodeEntity, description: "A figure a source gives about an organisation's work, in the source's own terms." })
@Entity("statistic")
export class Statistic extends NodeEntity {
  get nodeType() {
    return "Statistic" as const;
  }

  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  seedKey: string | null;

  @Index()
  @Column({ type: "integer" })
  organisationId: number;

  @ManyToOne(() => Organisation, { onDelete: "CASCADE" })
  @JoinColumn({ name: "organisationId" })
  organisation?: Relation<Organisation>;

  @Field(() => String, { description: "Stable key of what is counted, upper case, e.g. NEW_UNIONS; the same metric in other periods or years shares it." })
  @Index()
  @Column({ type: "varchar", length: 64 })
  metric: string;

  @Field(() => String, {
    description: "What is counted, in the source's words, e.g. 新建工会; … joins phrases the source has apart (赴全市…县(市、区)检查安全生产工作).",
  })
  @Column({ type: "varchar", length: 200 })
  label: string;

  @Field(() => Float, { description: "The figure (for an approximate one, the number written: 近200 → 200, 100多 → 100)." })
  @Column({ type: "double precision" })
  value: number;

  @Field(() => String, { nullable: true, description: "Unit as written: 家, 名, 人, 人次, 个, 件, 元." })
  @Column({ type: "varchar", length: 20, nullable: true })
  unit: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Period as written, e.g. 近三年, 去年, 截至目前, 2024年; null where the source gives none for this figure.",
  })
  @Column({ type: "varchar", length: 100, nullable: true })
  period: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The calendar year, only where the text fixes one (2024年); null for 去年 or 近三年, which depend on when the source was written.",
  })
  @Index()
  @Column({ type: "integer", nullable: true })
  year: number | null;

  @Field(() => Boolean, { description: "The source gives the figure roughly (近200: about 200; 100多: more than 100); `note` says how it puts it." })
  @Column({ type: "boolean", default: false })
  approximate: boolean;

  @Field(() => Float, { nullable: true, description: "The whole the figure is part of, where the source gives it (6 of 8 counties: 8)." })
  @Column({ type: "double precision", nullable: true })
  outOf: number | null;

  @Field(() => String, {
    nullable: true,
    description: "How the figure was read where the source is ambiguous (the reading that claims least), or anything else it says.",
  })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Column({ type: "integer" })
  citationId: number;

  @ManyToOne(() => Citation, { onDelete: "RESTRICT" })
  @JoinColumn({ name: "citationId" })
  citation?: Relation<Citation>;
}

/** A metric key, as the API and the seed file take it: the column holds 64 characters. */
export const METRIC_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
export const METRIC_RULE = "upper-case letters, digits and underscores, starting with a letter, at most 64 (e.g. NEW_UNIONS)";

/**
 * What is wrong with a statistic's year, period, value and whole taken together, or null: a year
 * only where its period writes it (2024年), and no part larger than its whole. The seed loader and
 * the writes share it. Returns [field, message].
 */
export function statisticProblem(s: Pick<Statistic, "period" | "year" | "value" | "outOf">): [keyof Statistic, string] | null {
  if (s.year !== null && !(s.period ?? "").includes(String(s.year))) {
    return ["year", `${s.year} is given only where the period as written states it (e.g. period "${s.year}年"); for 去年 or 近三年 leave it null`];
  }
  if (s.outOf !== null && s.value > s.outOf) return ["outOf", `${s.outOf} is less than the value ${s.value}`];
  return null;
}
