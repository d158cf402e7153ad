// Hand-written typing for parser.js, which scripts/build-parser.ts generates from sql.peggy (parser.js is not committed).
import type { Span } from "../../ast/span.js";
import type { Expr, Statement } from "../ast.js";

/** A problem the grammar noticed without stopping (e.g. an unknown INTERVAL unit); parse-sql.ts turns it into a diagnostic. */
export interface GrammarProblem {
  code: "SQL2003" | "SQL2004";
  span: Span;
  args: Record<string, string>;
}

export interface ParseOptions {
  startRule?: "Script" | "Expression";
  grammarSource?: string;
  problems?: GrammarProblem[];
}

export interface PeggyLocation {
  source: unknown;
  start: { offset: number; line: number; column: number };
  end: { offset: number; line: number; column: number };
}

export type PeggyExpectation =
  | { type: "literal"; text: string; ignoreCase: boolean }
  | { type: "class"; parts: (string | [string, string])[]; inverted: boolean; ignoreCase: boolean }
  | { type: "any" }
  | { type: "end" }
  | { type: "other"; description: string };

export class SyntaxError extends Error {
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: PeggyLocation;
}

export declare function parse(input: string, options?: ParseOptions & { startRule?: "Script" }): Statement[];
export declare function parse(input: string, options: ParseOptions & { startRule: "Expression" }): Expr;
