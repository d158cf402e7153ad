// Turns peggy's syntax error on SQL text into an SQL2001/SQL2002 diagnostic: located token, readable expectations, hints.
import type { Span } from "../ast/span.js";
import { describeExpected, type ExpectationGroup } from "../diagnostics/describe-expected.js";
import { closestName } from "../diagnostics/closest-name.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SyntaxError as PeggySyntaxError } from "./generated/parser.js";
import { unclosedParenthesis } from "./unclosed-parenthesis.js";
import { unterminatedToken } from "./unterminated-token.js";

/** Keywords that start or continue a clause: a misspelling of one of them is usually read as an alias first. */
const CLAUSE_KEYWORDS = ["SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "JOIN", "UNION", "WINDOW", "DEFINE", "MEASURES", "PATTERN"];

const CLOSE_HINT: Readonly<Record<string, string>> = {
  string: "end the string with `'` (a quote inside a string is written `''`)",
  "quoted identifier": "end the identifier with a backquote (a backquote inside it is written twice)",
  comment: "end the comment with `*/`",
};

// Sets of alternatives that read better as one word; a group replaces its members when half of them are expected.
const GROUPS: readonly ExpectationGroup[] = [
  {
    name: "expression",
    members: ["identifier", "number", "string", "`(`", "`-`", "`+`", "`CASE`", "`CAST`", "`TRY_CAST`", "`EXTRACT`", "`INTERVAL`", "`NOT`", "`NULL`", "`TRUE`", "`FALSE`", "`EXISTS`", "`DESCRIPTOR`", "`DATE`", "`TIME`", "`TIMESTAMP`", "`TIMESTAMP_LTZ`", "`CURRENT_TIMESTAMP`", "`CURRENT_DATE`", "`CURRENT_TIME`", "`LOCALTIMESTAMP`", "`LOCALTIME`", "`CURRENT_ROW_TIMESTAMP`", "`LEFT`", "`RIGHT`"],
  },
  { name: "statement", members: ["CREATE", "INSERT", "SET", "RESET", "EXPLAIN", "EXECUTE", "SELECT", "VALUES", "WITH"].map((k) => `\`${k}\``) },
  { name: "operator", members: ["`+`", "`-`", "`*`", "`/`", "`%`", "`||`", "`=`", "`<>`", "`!=`", "`<`", "`<=`", "`>`", "`>=`", "`AND`", "`OR`", "`IS`", "`IN`", "`LIKE`", "`BETWEEN`", "`NOT`"] },
];

export function describeSyntaxError(error: PeggySyntaxError, text: string, file: string, toOriginal: (span: Span) => Span): Diagnostic {
  const start = error.location.start.offset;
  // 1. A quote or comment that never closes makes the parser fail far below it: point at where it opens.
  const open = unterminatedToken(text);
  if (open !== undefined && open.span.start <= start) {
    return createDiagnostic("SQL2002", file, toOriginal(open.span), { what: open.what, close: CLOSE_HINT[open.what]! });
  }
  // 2. Otherwise: what was expected at the furthest point reached, and the whole token found there.
  const token = tokenAt(text, start);
  const expected = error.expected ?? [];
  const keywords = expected.flatMap((e) => (e.type === "literal" && /^[A-Z_]+$/.test(e.text) ? [e.text] : []));
  // 3. At the end of the text (or of the last statement) the cause is usually far above: a `(` never closed.
  const atEnd = /^\s*;?\s*$/.test(text.slice(start));
  const paren = atEnd ? unclosedParenthesis(text) : undefined;
  const notes = paren === undefined ? [] : [{ message: "this `(` is never closed", span: toOriginal(paren), file }];
  return createDiagnostic(
    "SQL2001",
    file,
    toOriginal({ start, end: start + token.length }),
    { expected: describeExpected(expected, GROUPS, ["--", "/*"]), found: token.length === 0 ? "end of input" : `\`${token}\`` },
    { notes, ...misspeltKeywordHint(text, start, token, keywords) },
  );
}

/**
 * "Did you mean `FROM`?": the found word is close to a keyword that fits here, or (as `SELECT a FORM t` reads `FORM`
 * as an alias and fails at `t`) the word just before it is close to a clause keyword.
 */
function misspeltKeywordHint(text: string, start: number, token: string, keywords: readonly string[]): { hint?: string } {
  if (token.length >= 3 && /^[A-Za-z_]\w*$/.test(token)) {
    const suggestion = closestName(token.toUpperCase(), keywords);
    if (suggestion !== undefined) return { hint: `did you mean \`${suggestion}\`?` };
  }
  const previous = /([A-Za-z_]\w*)\s*$/.exec(text.slice(0, start))?.[1];
  if (previous === undefined || previous.length < 4) return {};
  const upper = previous.toUpperCase();
  if (CLAUSE_KEYWORDS.includes(upper)) return {};
  const suggestion = closestName(upper, CLAUSE_KEYWORDS);
  return suggestion === undefined ? {} : { hint: `did you mean \`${suggestion}\`? \`${previous}\` was read as a name (an alias)` };
}

/** The whole word, number, quoted token or operator at `offset`, so the caret underlines what the user sees as one. */
function tokenAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const word = /^(?:[A-Za-z_][A-Za-z0-9_$]*|[0-9]+(?:\.[0-9]+)?|'(?:[^']|'')*'|`(?:[^`]|``)*`|<>|<=|>=|!=|\|\||=>)/.exec(rest);
  if (word !== null) return word[0];
  const char = rest.codePointAt(0);
  if (char === undefined) return "";
  return char === 10 || char === 13 ? "" : String.fromCodePoint(char);
}

