/**
 * The one rule for "a quote is verbatim text of its document": equal once whitespace is set aside,
 * since printed reports break lines inside words. The seed loader and every write that cites use it.
 */
export function squashWhitespace(text: string): string {
  return text.replace(/\s+/g, "");
}

/** True if `quote` is non-blank and occurs in `text`, whitespace aside. */
export function quoteOccursIn(text: string, quote: string): boolean {
  const needle = squashWhitespace(quote);
  return needle.length > 0 && squashWhitespace(text).includes(needle);
}
