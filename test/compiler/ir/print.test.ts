// printIr: IR printed as `.flow` reads back as the same computation. For random typed IR trees, the printed text
// parses, type-checks against the same record, and lowers to an expression that evaluates to what the tree does — so
// `eddy explain` shows the plan the optimiser left, in syntax a user can paste into a pipeline.
import test from "ava";
import fc from "fast-check";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { printIr, printStep } from "../../../compiler/ir/print.js";
import { BOOL, DURATION, FLOAT, INT, record, TIMESTAMP } from "../../../compiler/types/type.js";
import { evaluate } from "../../../runtime/support/interpret.js";
import type { Expr } from "../../../compiler/ast/nodes.js";
import { Reporter } from "../../../compiler/diagnostics/diagnostic.js";
import { lowerExpression } from "../../../compiler/ir/lower-expression.js";
import { parseExpression } from "../../../compiler/syntax/parse.js";
import { checkExpression } from "../../../compiler/types/check-expression.js";
import { FIELDS } from "./helpers.js";
import { anyTree, records } from "./random-trees.js";

/** The typed AST of printed text, or null when it parses but the checker types it more strictly than the generator. */
function readBack(text: string): Expr | null {
  const { expr, diagnostics } = parseExpression(text);
  if (expr === undefined) throw new Error(`${text} does not parse: ${diagnostics.map((d) => d.message).join("; ")}`);
  const reporter = new Reporter("<test>");
  checkExpression(expr, { reporter, record: record(FIELDS), functions: () => undefined });
  return reporter.diagnostics.length === 0 ? expr : null;
}

test("printed IR parses back to an expression with the same value", (t) => {
  let compared = 0;
  let runs = 0;
  fc.assert(
    fc.property(anyTree, records, (e, row) => {
      runs++;
      const text = printIr(e);
      // why skipped, not failed: the generator builds some trees the checker rejects (`if null ?? false then …`: the
      // checker types `null ?? false` as bool?); printing must still parse, which readBack asserts
      const typedBack = readBack(text);
      if (typedBack === null) return;
      compared++;
      const expected = evaluate(e, { record: row, udfs: {} });
      const got = evaluate(lowerExpression(typedBack), { record: row, udfs: {} });
      if (!Object.is(got, expected)) throw new Error(`${text}: reads back as ${String(got)}, the tree computes ${String(expected)}`);
    }),
    { numRuns: 500, seed: Number(process.env.EDDY_PROPERTY_SEED ?? 20261206) },
  );
  t.log(`${compared} of ${runs} printed trees type-checked and were compared`);
  t.true(compared > runs / 2, `only ${compared} of ${runs} printed trees type-checked`);
});

test("literals print as `.flow` writes them: whole floats keep their point, durations their largest exact unit", (t) => {
  const lit = (value: number | string | boolean | null, type: Parameters<typeof printIr>[0]["type"]): IrExpr => ({ kind: "literal", value, type });
  t.is(printIr(lit(3, FLOAT)), "3.0");
  t.is(printIr(lit(0.908, FLOAT)), "0.908");
  t.is(printIr(lit(3, INT)), "3");
  t.is(printIr(lit(90_000, DURATION)), "90s");
  t.is(printIr(lit(7_200_000, DURATION)), "2h");
  t.is(printIr(lit(1500, DURATION)), "1500ms");
  t.is(printIr(lit(0, TIMESTAMP)), "@1970-01-01T00:00:00.000Z");
  t.is(printIr(lit("a\"b", record([]))), '"a\\"b"');
  t.is(printIr(lit(null, BOOL)), "null");
});

test("steps print as the operators they came from; a field read under its own name is shorthand", (t) => {
  const input = record([{ name: "a", type: INT }, { name: "xs", type: INT }]);
  const span = { start: 0, end: 0 };
  const a: IrExpr = { kind: "read", source: { kind: "input", field: "a" }, type: INT };
  const twice: IrExpr = { kind: "arithmetic", op: "mul", left: a, right: { kind: "literal", value: 2, type: INT }, type: INT };
  t.is(printStep({ kind: "project", keepInput: false, fields: [{ name: "a", value: a }, { name: "b", value: twice }], span, input, output: input }), "map { a, b: a * 2 }");
  t.is(printStep({ kind: "project", keepInput: true, fields: [{ name: "b", value: a }], span, input, output: input }), "extend { b: a }");
  t.is(printStep({ kind: "unnest", elements: { kind: "read", source: { kind: "input", field: "xs" }, type: INT }, as: "x", span, input, output: input }), "flatMap xs as x");
  t.is(printStep({ kind: "filter", condition: { kind: "compare", op: "gt", left: twice, right: a, type: BOOL }, span, input, output: input }), "filter a * 2 > a");
});
