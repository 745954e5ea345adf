import type { Logger, QueryRunner } from "typeorm";
import { log } from "../log";

type Listener = (sql: string) => void;

/**
 * TypeORM logger that sees every statement the server runs. With DB_LOGGING=true each statement
 * is printed on one line (stderr); listeners let tests and the benchmark count statements.
 */
export class SqlLogger implements Logger {
  private listeners = new Set<Listener>();

  constructor(private readonly print: boolean) {}

  /** Calls `listener` with each statement until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens (statements run on worker threads are sent back only then: src/db/slow-reads.ts). */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** Tells the listeners of statements run elsewhere (a worker thread, which printed them itself). */
  relay(lines: readonly string[]): void {
    for (const line of lines) for (const listener of this.listeners) listener(line);
  }

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    if (!this.print && this.listeners.size === 0) return;
    const line = query.replace(/\s+/g, " ").trim();
    for (const listener of this.listeners) listener(line);
    if (this.print) {
      process.stderr.write(`sql: ${line}${parameters && parameters.length ? " -- " + JSON.stringify(parameters) : ""}\n`);
    }
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    if (this.print) process.stderr.write(`sql error: ${String(error)} in ${query.replace(/\s+/g, " ")} -- ${JSON.stringify(parameters ?? [])}\n`);
  }

  logQuerySlow(time: number, query: string): void {
    if (this.print) process.stderr.write(`sql slow (${time} ms): ${query.replace(/\s+/g, " ")}\n`);
  }

  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.print) process.stderr.write(`migration: ${message}\n`);
  }
  /** TypeORM's own messages: a warning (a pool's connection lost …) is a log line like any other; the rest print with DB_LOGGING. */
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") log("warn", "typeorm warning", { detail: String(message) });
    else if (this.print) process.stderr.write(`typeorm ${level}: ${String(message)}\n`);
  }
}
