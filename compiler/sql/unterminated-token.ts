// Finds a string, quoted identifier or block comment left open, for a syntax error at the end of SQL text.
import type { Span } from "../ast/span.js";

export interface UnterminatedToken {
  readonly what: "string" | "quoted identifier" | "comment";
  /** The opening quote or `/*`. */
  readonly span: Span;
}

/**
 * Scans SQL the way the grammar does (`--` line comments, `/* … *\/`, `'…'` with `''`, `` `…` `` with ``` `` ```)
 * and returns the first token that is opened and never closed; undefined when every one is closed. O(length).
 */
export function unterminatedToken(text: string): UnterminatedToken | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "-" && text[i + 1] === "-") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return { what: "comment", span: { start: i, end: i + 2 } };
      i = end + 2;
    } else if (c === "'" || c === "`") {
      const close = closingQuote(text, i + 1, c);
      if (close < 0) return { what: c === "'" ? "string" : "quoted identifier", span: { start: i, end: i + 1 } };
      i = close + 1;
    } else i++;
  }
  return undefined;
}

/** The offset of the quote that closes a quoted token whose body starts at `from`, or -1; a doubled quote is escaped. */
function closingQuote(text: string, from: number, quote: string): number {
  let i = from;
  for (;;) {
    const at = text.indexOf(quote, i);
    if (at < 0) return -1;
    if (text[at + 1] !== quote) return at;
    i = at + 2;
  }
}
