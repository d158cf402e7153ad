// Aggregate functions follow SQL's null rules: sum, avg, min and max take a nullable argument and skip its nulls, so
// their result is nullable exactly when the argument is (null until a non-null value arrives); over a non-nullable
// argument the result type is what it always was.
import test from "ava";
import type { AggregateOp } from "../../../compiler/ast/nodes.js";
import { visit } from "../../../compiler/ast/visit.js";
import { printType } from "../../../compiler/types/print-type.js";
import { checksClean, checkText, reports } from "../helpers/check.js";

const program = (fields: string) => `schema R { k: string, i: int?, f: float?, s: string?, t: timestamp?, d: duration?, ni: int, nf: float, ns: string, c: bool, ts: timestamp }
source rs: R = collection([]) watermark ts delay 0s
sink out = collect()
job j { rs | keyBy k | aggregate { ${fields} } | to out }
`;

/** The type of each output field of the (only) aggregate, as printed in diagnostics. */
function fieldTypes(t: Parameters<typeof checksClean>[0], fields: string): Record<string, string> {
  const source = program(fields);
  checksClean(t, source);
  let op: AggregateOp | undefined;
  visit(checkText(source).program!, { AggregateOp: (a) => void (op ??= a) });
  return Object.fromEntries(op!.fields.map((f) => [f.name.name, printType(f.value.type!)]));
}

test("sum, avg, min and max accept a nullable argument; the result is nullable", (t) => {
  t.deepEqual(fieldTypes(t, "a: sum(i), b: sum(f), c: sum(d), e: avg(i), g: avg(f), h: min(s), l: max(t), m: min(d), n: max(i)"), {
    a: "int?", b: "float?", c: "duration?", e: "float?", g: "float?", h: "string?", l: "timestamp?", m: "duration?", n: "int?",
  });
});

test("over a non-nullable argument the result stays non-nullable", (t) => {
  t.deepEqual(fieldTypes(t, "a: sum(ni), b: sum(nf), e: avg(ni), g: avg(nf), h: min(ns), l: max(ni), m: min(nf), n: count(i)"), {
    a: "int", b: "float", e: "float", g: "float", h: "string", l: "int", m: "float", n: "int",
  });
});

test("SQL's SUM(x) FILTER (WHERE c) as `sum(if c then x else null)` checks, and is nullable", (t) => {
  t.deepEqual(fieldTypes(t, "a: sum(if c then ni else null), b: avg(if c then nf else null), e: max(if c then ns else null)"), {
    a: "int?", b: "float?", e: "string?",
  });
});

test("an unsuitable type is still refused when nullable, and named with its `?`", (t) => {
  const d = reports(t, program("a: sum(⟦s⟧)"), "FLOW3005");
  t.regex(d?.message ?? "", /string\?/);
  reports(t, program("a: avg(⟦d⟧)"), "FLOW3005");
  reports(t, program("a: min(⟦c⟧)"), "FLOW3005");
});

test("a nullable value inside the argument's arithmetic is still FLOW3006: only the aggregate itself skips nulls", (t) => {
  reports(t, program("a: sum(⟦i⟧ + 1)"), "FLOW3006");
});
