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

/** Marks where words that stand apart in a quote are joined (工会驿站…完成了智能化改造). */
export const ELISION = "…";

/**
 * True if `words` are the quote's own: they occur in `quote` (whitespace aside), or, where they
 * join phrases the quote has apart, each phrase between ELISIONs does, in the quote's order. So a
 * label ("what is counted, in the source's words") may leave out the figure in its middle, and
 * neither reorder nor add a word.
 */
export function wordsOfQuote(quote: string, words: string): boolean {
  const haystack = squashWhitespace(quote);
  let from = 0;
  return words.split(ELISION).every((phrase) => {
    const needle = squashWhitespace(phrase);
    const at = needle ? haystack.indexOf(needle, from) : -1;
    from = at + needle.length;
    return at >= 0;
  });
}
