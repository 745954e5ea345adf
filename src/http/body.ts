import type { ServerResponse } from "http";

/**
 * Ends `res` with `text` as its body, encoded to UTF-8 once: its Content-Length and the write
 * share the bytes. Handed a string, Node's socket write encoded a 40 KB page of delegates (most of
 * it Chinese) at about three times the cost (bench/README.md, "A congress's delegates counted by
 * triggers; the delegates page's answer written as bytes").
 */
export function endWithText(res: ServerResponse, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  res.setHeader("Content-Length", bytes.length);
  res.end(bytes);
}
