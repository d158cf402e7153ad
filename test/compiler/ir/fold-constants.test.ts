// The IR constant-folding pass on its own: literals fold into one literal of the expression's type, boolean
// identities hold whatever the other side is, and what cannot be folded exactly stays for run time.
import test from "ava";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { foldConstants } from "../../../compiler/ir/passes/fold-constants.js";
import { emitIrExpr } from "../../../compiler/emit/emit-expression.js";
import { BARE_SCOPE, lowered } from "./helpers.js";

const folded = (source: string): IrExpr => foldConstants(lowered(source));
const text = (source: string): string => emitIrExpr(folded(source), BARE_SCOPE);

test("arithmetic on literals is one literal, typed as the expression", (t) => {
  t.deepEqual(folded("2 * 60 * 1000"), { kind: "literal", value: 120000, type: { kind: "int" }, span: { start: 0, end: 13 } });
  const half = folded("1.5 * 2.0");
  t.like(half, { kind: "literal", value: 3, type: { kind: "float" } });
  t.like(folded("-(3 - 5)"), { kind: "literal", value: 2, type: { kind: "int" } });
  t.like(folded("7 / 2"), { kind: "literal", value: 3.5 }, "`/` is real division");
  t.like(folded("1s + 500ms"), { kind: "literal", value: 1500, type: { kind: "duration" } });
});

test("constant parts fold inside an expression that reads fields", (t) => {
  t.is(text("a * (2 + 3)"), "a * 5");
  t.is(text("if a > 10 * 10 then s + lower(\"X\") else concat(\"p\", \"q\")"), "a > 100 ? s + \"x\" : \"pq\"");
});

test("boolean identities hold whatever the other side is", (t) => {
  t.is(text("a > 1 and true"), "a > 1");
  t.is(text("a > 1 and false"), "false");
  t.is(text("a > 1 or false"), "a > 1");
  t.is(text("a > 1 or true"), "true");
  t.is(text("true and p"), "p");
  t.is(text("not (1 > 2)"), "true");
});

test("comparisons, equality, null tests and ?? on literals", (t) => {
  t.is(text("\"a\" < \"b\""), "true");
  t.is(text("1 == 1.0"), "true");
  t.is(text("\"x\" != \"x\""), "false");
  t.is(text("null ?? a"), "a");
  t.is(text("3 ?? a"), "3");
  t.is(text("if 2 > 1 then \"yes\" else s"), "\"yes\"");
  t.is(text("abs(-4) + len(\"abc\")"), "7");
});

test("what is not exactly foldable stays: division by zero, an int beyond 2^53, field reads", (t) => {
  t.is(text("1 / 0"), "1 / 0");
  t.is(text("5 % 0"), "5 % 0");
  t.is(text("9007199254740991 * 2"), "9007199254740991 * 2");
  t.is(text("f * 1.0"), "f * 1");
  t.is(text("n ?? 1"), "n ?? 1");
});

test("folding keeps the value: -0 stays -0, never `--0`", (t) => {
  t.is(text("-(0)"), "-0");
  t.is(text("-(-(0 - 1))"), "-1");
});
