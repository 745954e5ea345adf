/**
 * A LIKE pattern that matches `text` anywhere, with % _ and \ taken literally (escaped with \,
 * which Dialect.contains declares as the escape character).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
}
