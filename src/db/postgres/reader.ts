import type { Pool, PoolClient } from "pg";
import type { Logger } from "typeorm";
import type { SqlReader } from "../reader";
import { postgresDialect } from "./dialect";
import { numberPlaceholders } from "./placeholders";

/**
 * SQL the app writes itself, on a pg pool. Statements are unnamed (the driver's extended protocol
 * without a name): PostgreSQL plans each with its parameters, where a named statement would
 * switch to a generic plan after five runs, and a generic plan of a pattern match scans the whole
 * trigram index. Every statement is logged as TypeORM logs its own (DB_LOGGING, the tests' counts).
 */
export class PgReader implements SqlReader {
  readonly dialect = postgresDialect;
  /** The connection a snapshot's reads go to, while one is open. */
  private pinned: PoolClient | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Pick<Logger, "logQuery" | "logQueryError">,
    readonly isolated = false,
  ) {}

  async snapshot<T>(read: () => Promise<T>): Promise<T> {
    // A worker runs one task at a time, so no other read shares the connection; a nested snapshot joins it.
    if (!this.isolated || this.pinned !== null) return read();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      this.pinned = client;
      const result = await read();
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw error;
    } finally {
      this.pinned = null;
      client.release(broken);
    }
  }

  async rows<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return (await this.run(sql, params)).rows as T[];
  }

  async json(sql: string, params: readonly unknown[]): Promise<unknown> {
    const { rows, fields } = await this.run(sql, params);
    if (rows.length === 0 || fields.length === 0) throw new Error("json: the query answered no row");
    const value = (rows[0] as Record<string, unknown>)[fields[0].name];
    // The driver parses json columns itself; text is parsed here.
    return typeof value === "string" ? JSON.parse(value) : value;
  }

  private async run(sql: string, params: readonly unknown[]) {
    this.logger.logQuery(sql, params as unknown[]);
    try {
      return await (this.pinned ?? this.pool).query({ text: numberPlaceholders(sql), values: params as unknown[] });
    } catch (error) {
      this.logger.logQueryError(error as Error, sql, params as unknown[]);
      throw error;
    }
  }
}
