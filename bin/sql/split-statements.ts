// Splits SQL text at the `;` that end statements (not those inside strings, backquoted names or comments): the shell
// knows from it when a statement typed over several lines is complete, and the session finds client commands.

/** One statement: `[start, end)` in the text, its `;` excluded. */
export interface StatementPiece {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The text with its comments replaced by spaces, trimmed: what a client command is recognised by. */
  readonly code: string;
}

export interface SplitText {
  /** The statements closed by a `;`, in order (blank ones included: `;;`). */
  readonly complete: readonly StatementPiece[];
  /** What follows the last `;`: a statement still being typed, or only blanks and comments. */
  readonly rest: StatementPiece;
  /** True when the text ends inside a string, a backquoted name or a `/*` comment. */
  readonly unterminated: boolean;
}

/** Scans `text` once: O(n). Strings are `'…'` (`''` inside), names `` `…` `` (` `` ` inside), comments `--…` and `/*…*\/`. */
export function splitStatements(text: string): SplitText {
  const complete: StatementPiece[] = [];
  let start = 0;
  let code = "";
  let i = 0;
  let unterminated = false;
  const piece = (end: number): StatementPiece => ({ start, end, text: text.slice(start, end), code: code.trim() });
  while (i < text.length) {
    const c = text[i]!;
    if (c === ";") {
      complete.push(piece(i));
      start = i + 1;
      code = "";
      i++;
    } else if (c === "'" || c === "`") {
      const close = closingQuote(text, i, c);
      unterminated = close < 0;
      const end = close < 0 ? text.length : close + 1;
      code += text.slice(i, end);
      i = end;
    } else if (c === "-" && text[i + 1] === "-") {
      const newline = text.indexOf("\n", i);
      const end = newline < 0 ? text.length : newline;
      code += " ".repeat(end - i);
      i = end;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      unterminated = close < 0;
      const end = close < 0 ? text.length : close + 2;
      code += " ".repeat(end - i);
      i = end;
    } else {
      code += c;
      i++;
    }
  }
  return { complete, rest: piece(text.length), unterminated };
}

/** The index of the quote closing the one at `open` (a doubled quote is an escaped one), or -1. */
function closingQuote(text: string, open: number, quote: string): number {
  let i = open + 1;
  for (;;) {
    const next = text.indexOf(quote, i);
    if (next < 0) return -1;
    if (text[next + 1] !== quote) return next;
    i = next + 2;
  }
}
