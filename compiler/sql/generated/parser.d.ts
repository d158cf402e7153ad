// Hand-written typing for parser.js, which scripts/build-parser.ts generates from sql.peggy (parser.js is not committed).
import type { Span } from "../../ast/span.js";
import type { Expr, Statement } from "../ast.js";
// why shared: both parsers are Peggy's; their locations and expectations have one shape
import type { PeggyExpectation, PeggyLocation } from "../../syntax/generated/parser.js";

export type { PeggyExpectation, PeggyLocation };

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

export class SyntaxError extends Error {
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: PeggyLocation;
}

export declare function parse(input: string, options?: ParseOptions & { startRule?: "Script" }): Statement[];
export declare function parse(input: string, options: ParseOptions & { startRule: "Expression" }): Expr;
