// Finds the innermost bracket left open at the end of a file, for the note of a syntax error at end of input.
import type { Span } from "../ast/span.js";

const CLOSING: Readonly<Record<string, string>> = { "{": "}", "(": ")", "[": "]" };

/**
 * The last `{`, `(` or `[` that is never closed, skipping strings and comments as the grammar does; undefined when
 * every bracket is closed. Mismatched closers (`{ ]`) are ignored: only what stays open at the end is reported.
 */
export function unclosedBracket(source: string): { readonly bracket: string; readonly span: Span } | undefined {
  const open: number[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n" && source[i] !== "\r") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"') {
      i++;
      while (i < source.length && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
    } else {
      if (c in CLOSING) open.push(i);
      else if (c === "}" || c === ")" || c === "]") {
        const top = open[open.length - 1];
        if (top !== undefined && CLOSING[source[top]!] === c) open.pop();
      }
      i++;
    }
  }
  const at = open[open.length - 1];
  return at === undefined ? undefined : { bracket: source[at]!, span: { start: at, end: at + 1 } };
}
