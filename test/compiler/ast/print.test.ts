// Round trip: parse(print(ast)) equals ast modulo spans, for random expressions and for the example programs.
import test from "ava";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import type { Argument, BinaryOperator, Expr, Identifier, RecordFieldInit } from "../../../compiler/ast/nodes.js";
import { printExpr, printProgram } from "../../../compiler/ast/print.js";
import { parse, parseExpression } from "../../../compiler/syntax/parse.js";
import { stripSpans } from "../helpers/strip-spans.js";

const S = { start: 0, end: 0 };
// Includes words that are keywords elsewhere (stage and operator names) but identifiers in expressions.
const NAMES = ["a", "b", "amount", "x_1", "_t", "next", "begin", "window", "count", "filter", "to", "where", "emit", "desc", "as"];
const ident = fc.constantFrom(...NAMES).map((name): Identifier => ({ kind: "Identifier", name, span: S }));
const BINARY: BinaryOperator[] = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "in", "??", "+", "-", "*", "/", "%"];

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc.nat({ max: 1_000_000 }).map((n): Expr => ({ kind: "IntLiteral", value: n, raw: String(n), span: S })),
  fc.constantFrom("1_000", "3.14", "0.5", "1e5", "2.5e-3", "7.0").map((raw): Expr =>
    raw.includes(".") || raw.includes("e") ? { kind: "FloatLiteral", value: Number(raw), raw, span: S } : { kind: "IntLiteral", value: 1000, raw, span: S }),
  fc.string().map((value): Expr => ({ kind: "StringLiteral", value, span: S })),
  fc.boolean().map((value): Expr => ({ kind: "BoolLiteral", value, span: S })),
  fc.constant<Expr>({ kind: "NullLiteral", span: S }),
  fc.tuple(fc.nat({ max: 500 }), fc.constantFrom("ms", "s", "m", "h", "d") as fc.Arbitrary<"ms" | "s" | "m" | "h" | "d">).map(([amount, unit]): Expr => ({
    kind: "DurationLiteral", amount, unit, value: amount * { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 }[unit], span: S,
  })),
  fc.constantFrom("2024-03-01T12:00:00Z", "2024-03-01", "1999-12-31T23:59:59.999+01:00").map((raw): Expr => ({
    kind: "TimestampLiteral", raw, value: Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw), span: S,
  })),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie("expr");
  const arg = fc.tuple(fc.option(ident, { nil: null }), sub).map(([name, value]): Argument => ({ kind: "Argument", name, value, span: S }));
  const field = fc.oneof(
    fc.tuple(ident, sub).map(([name, value]): RecordFieldInit => ({ kind: "RecordFieldInit", name, value, shorthand: false, span: S })),
    ident.map((name): RecordFieldInit => ({ kind: "RecordFieldInit", name, value: { kind: "NameExpr", name: name.name, span: S }, shorthand: true, span: S })),
  );
  return {
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      ident.map((id): Expr => ({ kind: "NameExpr", name: id.name, span: S })),
      fc.tuple(sub, ident).map(([object, f]): Expr => ({ kind: "FieldAccess", object, field: f, span: S })),
      fc.tuple(sub, sub).map(([object, index]): Expr => ({ kind: "IndexExpr", object, index, span: S })),
      fc.tuple(ident, fc.array(arg, { maxLength: 3 })).map(([callee, args]): Expr => ({ kind: "CallExpr", callee, args, span: S })),
      fc.tuple(fc.constantFrom("-", "not") as fc.Arbitrary<"-" | "not">, sub).map(([op, operand]): Expr => ({ kind: "UnaryExpr", op, operand, span: S })),
      fc.tuple(fc.constantFrom(...BINARY), sub, sub).map(([op, left, right]): Expr => ({ kind: "BinaryExpr", op, left, right, span: S })),
      fc.tuple(sub, sub, sub).map(([condition, then, otherwise]): Expr => ({ kind: "IfExpr", condition, then, else: otherwise, span: S })),
      fc.array(field, { maxLength: 3 }).map((fields): Expr => ({ kind: "RecordLiteral", fields, span: S })),
      fc.array(sub, { maxLength: 3 }).map((elements): Expr => ({ kind: "ArrayLiteral", elements, span: S })),
      fc.tuple(fc.array(ident, { maxLength: 2 }), sub).map(([params, body]): Expr => ({ kind: "LambdaExpr", params, body, span: S })),
    ),
  };
});

test("random expressions survive print → parse", (t) => {
  fc.assert(
    fc.property(expr, (e) => {
      const text = printExpr(e);
      const parsed = parseExpression(text);
      if (parsed.expr === undefined) throw new Error(`did not parse: ${text}\n${parsed.diagnostics[0]?.message}`);
      t.deepEqual(stripSpans(parsed.expr), stripSpans(e), text);
    }),
    { numRuns: 1000 },
  );
  t.pass();
});

for (const name of ["dsl-fraud-job.flow", "dsl-card-testing.flow", "dsl-wordcount.flow"]) {
  test(`${name} survives parse → print → parse`, (t) => {
    const first = parse(readFileSync(`test/compiler/fixtures/${name}`, "utf8"), name).program!;
    const printed = printProgram(first);
    const second = parse(printed, name);
    t.deepEqual(second.diagnostics, []);
    t.deepEqual(stripSpans(second.program), stripSpans(first), printed);
  });
}

test("precedence: the printer adds only the parentheses the grammar needs", (t) => {
  for (const [source, printed] of [
    ["(a + b) * c", "(a + b) * c"],
    ["a + (b * c)", "a + b * c"],
    ["not (a == b)", "not a == b"],
    ["(not a) == b", "(not a) == b"],
    ["a ?? (b ?? c)", "a ?? (b ?? c)"],
    ["(if a then b else c) + 1", "(if a then b else c) + 1"],
    ["- (-a)", "- -a"],
    ["(a < b) == c", "(a < b) == c"],
  ] as const) {
    t.is(printExpr(parseExpression(source).expr!), printed, source);
  }
});
