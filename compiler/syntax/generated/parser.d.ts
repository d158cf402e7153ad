// Hand-written typing for parser.js, which scripts/build-parser.ts generates from flow.peggy (committed; parser.js is not).
import type { Expr, Program, TypeNode } from "../../ast/nodes.js";

export interface ParseOptions {
  /** Start rule; the default is "Program". */
  startRule?: "Program" | "Expression" | "TypeRef";
  grammarSource?: string;
  /** Stored on Program.file. */
  fileName?: string;
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

export declare function parse(input: string, options?: ParseOptions & { startRule?: "Program" }): Program;
export declare function parse(input: string, options: ParseOptions & { startRule: "Expression" }): Expr;
export declare function parse(input: string, options: ParseOptions & { startRule: "TypeRef" }): TypeNode;
