// The typed expression IR both back ends run: generated code is emitted from it (emit-ir-expression.ts) and the
// interpreter behind `--no-fuse` evaluates it (runtime/support/interpret.ts). Every node carries its resolved type
// and the span of the surface syntax it came from (the source map diagnostics and UDF failures name); operators are
// already resolved (numeric vs string `+`, primitive vs structural equality, which record a read is from), so neither
// back end looks at types or names again. No `.flow` syntax node appears here: SQL lowers into the same nodes.
import type { Span } from "../ast/span.js";
import type { Type } from "../types/type.js";

/** A constant: numbers (int, float, duration in ms, timestamp in epoch ms), strings, booleans, SQL/`.flow` null. */
export type IrValue = number | string | boolean | null;

interface IrBase {
  readonly type: Type;
  /** Where the node was written; absent for nodes a pass synthesised and nodes embedded in a generated job. */
  readonly span?: Span;
}

/** Where a read takes its value from. */
export type ReadSource =
  /** A field of the record the operator processes. */
  | { readonly kind: "input"; readonly field: string }
  /** The whole right record of a join (`join other as o`: `o`). */
  | { readonly kind: "joinRight" }
  /** A lambda parameter by position (`reduce (a, b) => …`). */
  | { readonly kind: "lambdaParam"; readonly index: number }
  /** A CEP stage used as its single event (`large.amount`): the event under test in its own condition, else its last event. */
  | { readonly kind: "stageEvent"; readonly stage: string }
  /** The bounds of the window being fired (`window.start`, `window.end`; SQL's window_start/window_end). */
  | { readonly kind: "windowBound"; readonly bound: "start" | "end" };

export interface IrLiteral extends IrBase {
  readonly kind: "literal";
  readonly value: IrValue;
}
export interface IrRead extends IrBase {
  readonly kind: "read";
  readonly source: ReadSource;
}
/** Field of a nested record; `nullSafe` when the object may be null (the result is then null). */
export interface IrGetField extends IrBase {
  readonly kind: "getField";
  readonly object: IrExpr;
  readonly field: string;
  readonly nullSafe: boolean;
}
/** `xs[i]`: null when out of range. */
export interface IrIndex extends IrBase {
  readonly kind: "index";
  readonly object: IrExpr;
  readonly index: IrExpr;
}
export type ArithmeticOp = "add" | "sub" | "mul" | "div" | "mod";
/** Numeric arithmetic (int, float, duration, timestamp): `/` is real division. */
export interface IrArithmetic extends IrBase {
  readonly kind: "arithmetic";
  readonly op: ArithmeticOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
}
export interface IrNegate extends IrBase {
  readonly kind: "negate";
  readonly operand: IrExpr;
}
export interface IrNot extends IrBase {
  readonly kind: "not";
  readonly operand: IrExpr;
}
/** String concatenation of two or more parts (`.flow` string `+`, `concat(…)`; SQL `||`). */
export interface IrConcat extends IrBase {
  readonly kind: "concat";
  readonly parts: readonly IrExpr[];
}
export type CompareOp = "lt" | "le" | "gt" | "ge";
/** Ordering of numbers, strings, timestamps or durations. */
export interface IrCompare extends IrBase {
  readonly kind: "compare";
  readonly op: CompareOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
}
/**
 * Equality. `primitive`: both sides are primitive values or null (JavaScript `===`); `structural`: records or arrays
 * compared field by field (eq()). `negated` is `!=`.
 */
export interface IrEquals extends IrBase {
  readonly kind: "equals";
  readonly how: "primitive" | "structural";
  readonly negated: boolean;
  readonly left: IrExpr;
  readonly right: IrExpr;
}
/** `x == null` / `x != null` (SQL `IS [NOT] NULL`). */
export interface IrIsNull extends IrBase {
  readonly kind: "isNull";
  readonly negated: boolean;
  readonly operand: IrExpr;
}
/** Short-circuit `and` / `or` (the right side is evaluated only when it decides). */
export interface IrLogical extends IrBase {
  readonly kind: "logical";
  readonly op: "and" | "or";
  readonly left: IrExpr;
  readonly right: IrExpr;
}
/** `a ?? b` (SQL COALESCE of two): `b` only when `a` is null. */
export interface IrCoalesce extends IrBase {
  readonly kind: "coalesce";
  readonly left: IrExpr;
  readonly right: IrExpr;
}
/** `x in xs`; `primitive` when the elements are primitive (`===`), else structural. */
export interface IrIn extends IrBase {
  readonly kind: "in";
  readonly how: "primitive" | "structural";
  readonly element: IrExpr;
  readonly list: IrExpr;
}
/** `if c then a else b` (SQL CASE WHEN … is a chain of these). */
export interface IrConditional extends IrBase {
  readonly kind: "conditional";
  readonly condition: IrExpr;
  readonly then: IrExpr;
  readonly else: IrExpr;
}
/** Conversions between primitive types (`toInt`, `toFloat`, `toString`; SQL CAST): a failed parse is null. */
export interface IrCast extends IrBase {
  readonly kind: "cast";
  readonly from: Type;
  readonly to: "int" | "float" | "string";
  readonly operand: IrExpr;
}
export interface IrRecord extends IrBase {
  readonly kind: "record";
  readonly fields: readonly { readonly name: string; readonly value: IrExpr }[];
}
export interface IrArray extends IrBase {
  readonly kind: "array";
  readonly elements: readonly IrExpr[];
}

/** The built-in scalar functions, each with one meaning (overloads are resolved: `minString` vs `min`). */
export type BuiltinName =
  | "length" | "lower" | "upper" | "trim" | "split" | "substring" | "containsString" | "containsPrimitive" | "containsStructural"
  | "startsWith" | "endsWith" | "abs" | "floor" | "ceil" | "round" | "min" | "max" | "minString" | "maxString" | "hash"
  | "tumbleStart" | "hour" | "addMonths" | "dateFormat" | "regexpExtract" | "splitIndex" | "range";

export interface IrBuiltinCall extends IrBase {
  readonly kind: "builtin";
  readonly name: BuiltinName;
  readonly args: readonly IrExpr[];
}
/** An imported TypeScript function; `at` (`file.flow:line:col`) names the call site when it throws. */
export interface IrUdfCall extends IrBase {
  readonly kind: "udf";
  /** Resolved path of the .ts module. */
  readonly module: string;
  readonly exportName: string;
  readonly args: readonly IrExpr[];
  readonly at?: string;
}
export type AggregateName = "count" | "sum" | "avg" | "min" | "max" | "first" | "last" | "collect" | "distinctCount";
/**
 * The value of an aggregate call in an aggregate's output expression; `slot` is its accumulator slot: the order of
 * the call among all aggregate calls of the operator's fields.
 */
export interface IrAggregateCall extends IrBase {
  readonly kind: "aggregate";
  readonly name: AggregateName;
  readonly args: readonly IrExpr[];
  readonly slot: number;
}
/** CEP iterative functions over the events a stage has accepted: `first(s)`, `count(s)`, `sum(s.f)`… */
export interface IrStageFunction extends IrBase {
  readonly kind: "stageFunction";
  readonly name: "first" | "last" | "count" | "sum" | "avg" | "min" | "max";
  readonly stage: string;
  readonly field?: string;
}

export type IrExpr =
  | IrLiteral | IrRead | IrGetField | IrIndex | IrArithmetic | IrNegate | IrNot | IrConcat | IrCompare | IrEquals
  | IrIsNull | IrLogical | IrCoalesce | IrIn | IrConditional | IrCast | IrRecord | IrArray | IrBuiltinCall | IrUdfCall
  | IrAggregateCall | IrStageFunction;

/** A named output expression (map/extend/aggregate fields, a pattern's emit record). */
export interface IrField {
  readonly name: string;
  readonly value: IrExpr;
}

/** The direct sub-expressions of a node, in evaluation order. */
export function childrenOf(e: IrExpr): readonly IrExpr[] {
  switch (e.kind) {
    case "literal": case "read": case "stageFunction": return [];
    case "getField": return [e.object];
    case "index": return [e.object, e.index];
    case "arithmetic": case "compare": case "equals": case "logical": case "coalesce": return [e.left, e.right];
    case "negate": case "not": case "isNull": case "cast": return [e.operand];
    case "concat": return e.parts;
    case "in": return [e.element, e.list];
    case "conditional": return [e.condition, e.then, e.else];
    case "record": return e.fields.map((f) => f.value);
    case "array": return e.elements;
    case "builtin": case "udf": case "aggregate": return e.args;
  }
}

/** `e` with each direct sub-expression replaced by `f` of it (the node itself kept as it is otherwise). */
export function mapChildren(e: IrExpr, f: (child: IrExpr) => IrExpr): IrExpr {
  switch (e.kind) {
    case "literal": case "read": case "stageFunction": return e;
    case "getField": return { ...e, object: f(e.object) };
    case "index": return { ...e, object: f(e.object), index: f(e.index) };
    case "arithmetic": case "compare": case "equals": case "logical": case "coalesce": return { ...e, left: f(e.left), right: f(e.right) };
    case "negate": case "not": case "isNull": case "cast": return { ...e, operand: f(e.operand) };
    case "concat": return { ...e, parts: e.parts.map(f) };
    case "in": return { ...e, element: f(e.element), list: f(e.list) };
    case "conditional": return { ...e, condition: f(e.condition), then: f(e.then), else: f(e.else) };
    case "record": return { ...e, fields: e.fields.map((x) => ({ name: x.name, value: f(x.value) })) };
    case "array": return { ...e, elements: e.elements.map(f) };
    case "builtin": case "udf": case "aggregate": return { ...e, args: e.args.map(f) };
  }
}

/** The aggregate calls under `e` (pre-order: the order of their slots). */
export function aggregateCallsIn(e: IrExpr, into: IrAggregateCall[] = []): IrAggregateCall[] {
  if (e.kind === "aggregate") into.push(e);
  else for (const c of childrenOf(e)) aggregateCallsIn(c, into);
  return into;
}
