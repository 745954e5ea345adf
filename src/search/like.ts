/**
 * A LIKE pattern that matches `text` anywhere, with % _ and \ taken literally.
 * Use with `ESCAPE '\'` (see LIKE_ESCAPE).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
}

export const LIKE_ESCAPE = "ESCAPE '\\'";
