// Typed `.flow` expressions over a fixed record, lowered to IR, for the IR pass tests.
import type { Expr } from "../../../compiler/ast/nodes.js";
import { Reporter } from "../../../compiler/diagnostics/diagnostic.js";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { lowerExpression } from "../../../compiler/ir/lower-expression.js";
import { emitIrExpr, type ExprScope } from "../../../compiler/emit/emit-expression.js";
import * as builtins from "../../../runtime/support/builtins.js";
import { parseExpression } from "../../../compiler/syntax/parse.js";
import { checkExpression } from "../../../compiler/types/check-expression.js";
import { arrayOf, BOOL, FLOAT, INT, nullable, record, STRING, type RecordField } from "../../../compiler/types/type.js";

/** The record the test expressions read: ints a b c x, float f, strings s t u, nullable n m (int) and q (bool), bools p r. */
export const FIELDS: readonly RecordField[] = [
  ...["a", "b", "c", "x"].map((name) => ({ name, type: INT })),
  { name: "f", type: FLOAT },
  ...["s", "t", "u"].map((name) => ({ name, type: STRING })),
  { name: "n", type: nullable(INT) },
  { name: "m", type: nullable(INT) },
  { name: "q", type: nullable(BOOL) },
  { name: "p", type: BOOL },
  { name: "r", type: BOOL },
  { name: "xs", type: arrayOf(INT) },
  { name: "row", type: record([{ name: "id", type: INT }]) },
  { name: "other", type: record([{ name: "id", type: INT }]) },
];

/** The typed AST of `source` (throws on a syntax or type error, quoting it). */
export function typed(source: string): Expr {
  const { expr, diagnostics } = parseExpression(source);
  if (expr === undefined) throw new Error(`${source}: ${diagnostics.map((d) => d.message).join("; ")}`);
  const reporter = new Reporter("<test>");
  checkExpression(expr, { reporter, record: record(FIELDS), functions: () => undefined });
  if (reporter.diagnostics.length > 0) throw new Error(`${source}: ${reporter.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return expr;
}

export const lowered = (source: string): IrExpr => lowerExpression(typed(source));

/** Fields as bare locals (`a`), helpers by their own names. */
export const BARE_SCOPE: ExprScope = {
  field: (name) => name,
  udf: (_module, exportName) => exportName,
  helper: (name) => name,
};

/** The JavaScript for `source`, unfolded, with fields as bare locals. */
export const js = (source: string): string => emitIrExpr(lowered(source), BARE_SCOPE);

/** Fields read from `r`, helpers from `h` (the runtime support builtins, runtime/support/builtins.ts): emitted code that `run` can evaluate. */
export const RECORD_SCOPE: ExprScope = {
  field: (name) => `r.${name}`,
  udf: (_module, exportName) => `u.${exportName}`,
  helper: (name) => `h.${name}`,
};

/** Evaluates emitted code against `record` as generated code would. */
export function run(code: string, record: Readonly<Record<string, unknown>>): unknown {
  return new Function("r", "h", "u", `"use strict"; return (${code});`)(record, builtins, {});
}
