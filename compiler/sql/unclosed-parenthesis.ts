// Finds the innermost `(` left open in SQL text, for the note of a syntax error at the end of the text.
import type { Span } from "../ast/span.js";

/**
 * The last `(` never closed, skipping strings, backquoted names and comments as the grammar does; undefined when
 * every parenthesis is closed. A stray `)` is ignored: only what stays open at the end is reported. O(length).
 */
export function unclosedParenthesis(text: string): Span | undefined {
  const open: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "-" && text[i + 1] === "-") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === "`") {
      // A doubled quote inside the token is an escaped quote: skipping pairs keeps the scan in step.
      i++;
      while (i < text.length && !(text[i] === c && text[i + 1] !== c)) i += text[i] === c ? 2 : 1;
      i++;
    } else {
      if (c === "(") open.push(i);
      else if (c === ")") open.pop();
      i++;
    }
  }
  const at = open[open.length - 1];
  return at === undefined ? undefined : { start: at, end: at + 1 };
}
