import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { ORGANISER_OR_ADMIN } from "../auth/roles";
import { Congress } from "../entities";
import type { Context } from "../context";
import { badInput } from "../errors";
import { afterImport, importDelegates } from "../services/delegate-csv";
import { findRef, runWrite } from "../services/write";

@ObjectType({ simpleResolvers: true, description: "A problem with one row (or the header, row 1) of an imported file." })
class ImportError {
  @Field(() => Int, { description: "Spreadsheet row number: the header is row 1, the first delegate row 2." })
  row: number;

  @Field(() => String, { nullable: true, description: "The column at fault, if one is." })
  column: string | null;

  @Field(() => String, { description: "What is wrong, in words." })
  message: string;
}

@ObjectType({ simpleResolvers: true, description: "What an import did (or, on a dry run or with errors, would have done)." })
class ImportReport {
  @Field(() => Int, { description: "Rows that added a new person." })
  created: number;

  @Field(() => Int, { description: "Rows that changed an existing person (employer, gender, seat, titles or honours)." })
  updated: number;

  @Field(() => Int, { description: "Rows that matched a person and changed nothing." })
  unchanged: number;

  @Field(() => [ImportError], { description: "Every problem found; if there is any, nothing was written and the counts are 0." })
  errors: ImportError[];

  @Field(() => Int, { description: "Delegate rows read (not counting the header)." })
  rows: number;

  @Field(() => Boolean, { description: "True if nothing was written because dryRun was asked for." })
  dryRun: boolean;
}

/** Bigger files go through `npm run import`, which reads the file from disk. */
const MAX_CSV = 1_000_000;

@Resolver()
export class ImportResolver {
  @Authorized(ORGANISER_OR_ADMIN)
  @Mutation(() => ImportReport, {
    description:
      "Imports a delegate list (CSV with a header row: name required; delegation, employer, title, honours, gender, id optional) into a congress. All rows or none. Organiser or admin.",
  })
  async importDelegates(
    @Arg("csv", () => String, { description: "The file's text (UTF-8; a leading BOM is ignored)." }) csv: string,
    @Arg("congress", () => ID, { description: "The congress the delegates hold seats at." }) congress: string,
    // Nullable, as the contract has it (`Boolean = false`): null asks for what leaving it out asks for.
    @Arg("dryRun", () => Boolean, { nullable: true, defaultValue: false, description: "Check and count, write nothing (null: false)." }) dryRun: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<ImportReport> {
    if (csv.length > MAX_CSV) throw badInput(`csv: at most ${MAX_CSV} characters here; use npm run import for bigger files`, "csv");
    const report = await runWrite(ctx, "importDelegates", async (w) => {
      const target = await findRef(w.m, Congress, "Congress", congress, "congress");
      return importDelegates(w, csv, target.id, dryRun ?? false);
    });
    return afterImport(ctx.writer, report);
  }
}
