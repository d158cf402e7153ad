// Lowering typed `.flow` to IR: operators are resolved by operand type, names by what they refer to, built-ins by
// overload, and every node keeps the span of the text it came from.
import test from "ava";
import type { Expr } from "../../../compiler/ast/nodes.js";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { lowerExpression, lowerFields, sequentialSlots } from "../../../compiler/ir/lower-expression.js";
import { lowered } from "./helpers.js";
import { INT } from "../../../compiler/types/type.js";

const kindOf = (source: string) => {
  const e = lowered(source);
  return e.kind === "equals" ? `${e.kind}:${e.how}` : e.kind === "builtin" ? `builtin:${e.name}` : e.kind === "cast" ? `cast:${e.from.kind}->${e.to}` : e.kind === "arithmetic" ? `arithmetic:${e.op}` : e.kind;
};

test("`+` is concatenation on strings and addition on numbers", (t) => {
  t.is(kindOf("s + t"), "concat");
  t.is(kindOf("a + b"), "arithmetic:add");
  t.is(kindOf("a + f"), "arithmetic:add");
  t.is(kindOf("concat(s, t, u)"), "concat");
});

test("equality is primitive for non-null primitives, structural for nullable values and records, a null test against null", (t) => {
  t.is(kindOf("a == b"), "equals:primitive");
  t.is(kindOf("s != t"), "equals:primitive");
  t.is(kindOf("n == m"), "equals:structural");
  t.is(kindOf("n == a"), "equals:structural");
  t.is(kindOf("row == other"), "equals:structural");
  t.is(kindOf("n == null"), "isNull");
  t.like(lowered("null != n"), { kind: "isNull", negated: true, operand: { kind: "read", source: { kind: "input", field: "n" } } });
});

test("built-ins resolve their overload", (t) => {
  t.is(kindOf("min(s, t)"), "builtin:minString");
  t.is(kindOf("min(a, b)"), "builtin:min");
  t.is(kindOf("contains(s, t)"), "builtin:containsString");
  t.is(kindOf("contains(xs, a)"), "builtin:containsPrimitive");
  t.is(kindOf("len(s)"), "builtin:length");
  t.is(kindOf("toInt(s)"), "cast:string->int");
  t.is(kindOf("toInt(f)"), "cast:float->int");
  t.is(kindOf("toString(a)"), "cast:int->string");
});

test("every node keeps the span of its source text, and its type", (t) => {
  const source = "a - b * c";
  const e = lowered(source);
  if (e.kind !== "arithmetic") return t.fail(e.kind);
  t.is(source.slice(e.span!.start, e.span!.end), "a - b * c");
  t.is(source.slice(e.right.span!.start, e.right.span!.end), "b * c");
  t.deepEqual(e.right.type, INT);
  t.like(lowered("row.id"), { kind: "getField", field: "id", nullSafe: false, object: { kind: "read", source: { kind: "input", field: "row" } } });
});

test("aggregate calls are numbered by slot across an operator's fields; without spans when embedded", (t) => {
  const sum = lowered("a"); // a typed read to build aggregate calls around
  const call = (name: string, start: number): Expr => ({
    kind: "CallExpr", callee: { kind: "Identifier", name, span: { start, end: start } }, args: [], span: { start, end: start + 1 },
    target: { kind: "aggregate", name }, type: INT,
  });
  const fields = [
    { name: { name: "x" }, value: call("count", 0) },
    { name: { name: "y" }, value: { kind: "BinaryExpr", op: "+", left: call("count", 2), right: call("count", 4), span: { start: 2, end: 5 }, type: INT } as Expr },
  ];
  const ir = lowerFields(fields, sequentialSlots({ spans: false }));
  const slots = (e: IrExpr): number[] => (e.kind === "aggregate" ? [e.slot] : e.kind === "arithmetic" ? [...slots(e.left), ...slots(e.right)] : []);
  t.deepEqual(ir.flatMap((f) => slots(f.value)), [0, 1, 2]);
  t.false("span" in ir[1]!.value);
  t.is(sum.kind, "read");
  t.throws(() => lowerExpression({ kind: "NameExpr", name: "zz", span: { start: 3, end: 5 }, ref: { kind: "unresolved" } }), { message: /cannot lower name `zz` \(unresolved\) at offset 3/ });
});
