// Random typed IR trees over the record of helpers.ts (ints a b c x, strings s t, nullable ints n m, nullable bool q,
// bools p r, int array xs) and random such records: the material of the IR property tests.
import fc from "fast-check";
import type { IrExpr } from "../../../compiler/ir/expr.js";
import { arrayOf, BOOL, FLOAT, INT, nullable, STRING, type Type } from "../../../compiler/types/type.js";

const NUMBER = FLOAT;
const NULLABLE_INT = nullable(INT);
const lit = (value: number | string | boolean | null, type: Type): IrExpr => ({ kind: "literal", value, type });
const read = (field: string, type: Type): IrExpr => ({ kind: "read", source: { kind: "input", field }, type });

export const trees = fc.letrec<{ num: IrExpr; bool: IrExpr; str: IrExpr; nint: IrExpr }>((tie) => {
  const num = tie("num");
  const bool = tie("bool");
  const str = tie("str");
  const nint = tie("nint");
  return {
    num: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.integer({ min: -9, max: 9 }).map((v) => lit(v, NUMBER)),
      fc.constantFrom("a", "b", "c", "x").map((f) => read(f, INT)),
      fc.tuple(fc.constantFrom("add", "sub", "mul", "div", "mod" as const), num, num).map(([op, left, right]): IrExpr => ({ kind: "arithmetic", op, left, right, type: NUMBER })),
      num.map((operand): IrExpr => ({ kind: "negate", operand, type: NUMBER })),
      fc.tuple(bool, num, num).map(([condition, then, otherwise]): IrExpr => ({ kind: "conditional", condition, then, else: otherwise, type: NUMBER })),
      fc.tuple(nint, num).map(([left, right]): IrExpr => ({ kind: "coalesce", left, right, type: NUMBER })),
      str.map((s): IrExpr => ({ kind: "builtin", name: "length", args: [s], type: INT })),
      fc.tuple(fc.constantFrom("abs", "floor", "round" as const), num).map(([name, x]): IrExpr => ({ kind: "builtin", name, args: [x], type: NUMBER })),
      fc.tuple(fc.constantFrom("min", "max" as const), num, num).map(([name, x, y]): IrExpr => ({ kind: "builtin", name, args: [x, y], type: NUMBER })),
    ),
    bool: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.boolean().map((v) => lit(v, BOOL)),
      fc.constantFrom("p", "r").map((f) => read(f, BOOL)),
      bool.map((operand): IrExpr => ({ kind: "not", operand, type: BOOL })),
      fc.tuple(fc.constantFrom("and", "or" as const), bool, bool).map(([op, left, right]): IrExpr => ({ kind: "logical", op, left, right, type: BOOL })),
      fc.tuple(fc.constantFrom("lt", "le", "gt", "ge" as const), num, num).map(([op, left, right]): IrExpr => ({ kind: "compare", op, left, right, type: BOOL })),
      fc.tuple(fc.constantFrom("lt", "ge" as const), str, str).map(([op, left, right]): IrExpr => ({ kind: "compare", op, left, right, type: BOOL })),
      fc.tuple(fc.boolean(), num, num).map(([negated, left, right]): IrExpr => ({ kind: "equals", how: "primitive", negated, left, right, type: BOOL })),
      fc.tuple(fc.boolean(), nint, nint).map(([negated, left, right]): IrExpr => ({ kind: "equals", how: "structural", negated, left, right, type: BOOL })),
      fc.tuple(fc.boolean(), nint).map(([negated, operand]): IrExpr => ({ kind: "isNull", negated, operand, type: BOOL })),
      fc.tuple(num, fc.array(num, { maxLength: 3 })).map(([element, elements]): IrExpr => ({ kind: "in", how: "primitive", element, list: { kind: "array", elements, type: arrayOf(NUMBER) }, type: BOOL })),
      fc.tuple(bool, bool, bool).map(([condition, then, otherwise]): IrExpr => ({ kind: "conditional", condition, then, else: otherwise, type: BOOL })),
      fc.tuple(str, str).map(([s, prefix]): IrExpr => ({ kind: "builtin", name: "startsWith", args: [s, prefix], type: BOOL })),
      // `q ?? p` next to and/or: JavaScript rejects `??` mixed with && or || unless parenthesised
      fc.tuple(fc.constantFrom(read("q", nullable(BOOL)), lit(null, nullable(BOOL))), bool).map(([left, right]): IrExpr => ({ kind: "coalesce", left, right, type: BOOL })),
    ),
    str: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("", "a", "Bc", "x y", "-1").map((v) => lit(v, STRING)),
      fc.constantFrom("s", "t").map((f) => read(f, STRING)),
      fc.array(str, { minLength: 2, maxLength: 3 }).map((parts): IrExpr => ({ kind: "concat", parts, type: STRING })),
      fc.tuple(fc.constantFrom("lower", "upper", "trim" as const), str).map(([name, s]): IrExpr => ({ kind: "builtin", name, args: [s], type: STRING })),
      num.map((operand): IrExpr => ({ kind: "cast", from: NUMBER, to: "string", operand, type: STRING })),
      fc.tuple(bool, str, str).map(([condition, then, otherwise]): IrExpr => ({ kind: "conditional", condition, then, else: otherwise, type: STRING })),
    ),
    nint: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom("n", "m").map((f) => read(f, NULLABLE_INT)),
      fc.constant(lit(null, NULLABLE_INT)),
      fc.tuple(nint, nint).map(([left, right]): IrExpr => ({ kind: "coalesce", left, right, type: NULLABLE_INT })),
      // why int indexes only: the checker requires an int index (expectType in check-expression.ts); a fractional one
      // reads no element
      fc.oneof(fc.integer({ min: -1, max: 3 }).map((v) => lit(v, INT)), fc.constantFrom("a", "b", "c").map((f) => read(f, INT)))
        .map((index): IrExpr => ({ kind: "index", object: read("xs", arrayOf(INT)), index, type: NULLABLE_INT })),
      fc.tuple(bool, nint, num).map(([condition, then, otherwise]): IrExpr => ({ kind: "conditional", condition, then, else: otherwise, type: NULLABLE_INT })),
    ),
  };
});

export const records = fc.record({
  a: fc.integer({ min: -5, max: 5 }),
  b: fc.integer({ min: -5, max: 5 }),
  c: fc.integer({ min: -5, max: 5 }),
  x: fc.integer({ min: -5, max: 5 }),
  s: fc.constantFrom("", "a", "Ab", " z "),
  t: fc.constantFrom("", "a", "b c"),
  n: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  m: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  p: fc.boolean(),
  r: fc.boolean(),
  q: fc.option(fc.boolean(), { nil: null }),
  xs: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 }),
});

export const anyTree = fc.oneof(trees.num, trees.bool, trees.str, trees.nint);
