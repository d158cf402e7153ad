// Tokens of the SELECT statements SQLTransformer evaluates: identifiers (plain or `quoted`), keywords (any case),
// numbers, 'strings' ('' escapes a quote), operators and punctuation, each with its offset in the statement.
import { SqlError } from "./sql-error.js";

export type TokenKind = "identifier" | "keyword" | "number" | "string" | "operator" | "end";

export interface Token {
  readonly kind: TokenKind;
  /** Keywords upper-cased; identifiers as written (quoted ones without their backquotes). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const KEYWORDS = new Set(["SELECT", "FROM", "WHERE", "AS", "AND", "OR", "NOT", "NULL", "TRUE", "FALSE", "CAST", "IS", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "JOIN", "UNION"]);
const OPERATORS = ["<>", "!=", "<=", ">=", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", ";"];

export function tokenize(statement: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < statement.length) {
    const c = statement[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "-" && statement[i + 1] === "-") {
      while (i < statement.length && statement[i] !== "\n") i++; // a line comment
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < statement.length && /[A-Za-z0-9_$]/.test(statement[i]!)) i++;
      const word = statement.slice(start, i);
      const upper = word.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: "keyword", text: upper, start, end: i } : { kind: "identifier", text: word, start, end: i });
      continue;
    }
    if (c === "`") {
      const close = statement.indexOf("`", i + 1);
      if (close === -1) throw new SqlError("this quoted identifier is never closed — end it with `", statement, start, statement.length);
      tokens.push({ kind: "identifier", text: statement.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(statement[i + 1] ?? ""))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(statement.slice(i))!;
      i += match[0].length;
      tokens.push({ kind: "number", text: match[0], start, end: i });
      continue;
    }
    if (c === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= statement.length) throw new SqlError("this string is never closed — end it with '", statement, start, statement.length);
        if (statement[i] === "'") {
          if (statement[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += statement[i++];
      }
      tokens.push({ kind: "string", text, start, end: i });
      continue;
    }
    const op = OPERATORS.find((o) => statement.startsWith(o, i));
    if (op === undefined) throw new SqlError(`unexpected character '${c}'`, statement, start);
    i += op.length;
    tokens.push({ kind: "operator", text: op, start, end: i });
  }
  tokens.push({ kind: "end", text: "end of statement", start: statement.length, end: statement.length });
  return tokens;
}
