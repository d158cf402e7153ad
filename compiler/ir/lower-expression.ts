// Lowers a typed `.flow` expression (after the check passes annotated `type`, `ref` and `target`) into the IR:
// names become reads of a resolved source, operators are resolved by operand type, built-ins by overload.
import type { BinaryExpr, CallExpr, Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { UNKNOWN, type Type } from "../types/type.js";
import type { AggregateName, BuiltinName, IrExpr, IrField } from "./expr.js";

export interface LowerContext {
  /**
   * The accumulator slot of an aggregate call. Absent: slots are numbered in lowering order, so lowering an
   * operator's fields in order with one context numbers them as the accumulator lays them out.
   */
  readonly aggregateSlot?: (call: CallExpr) => number;
  /** `file.flow:line:col` of a span: set, UDF calls keep it as `at` for their failure message. */
  readonly tag?: (span: Span) => string;
  /** Keep spans on the nodes (the default); false for IR embedded in a generated job. */
  readonly spans?: boolean;
}

/** A lowering context whose aggregate slots count up across calls (see LowerContext.aggregateSlot). */
export function sequentialSlots(base: Omit<LowerContext, "aggregateSlot"> = {}): LowerContext {
  let next = 0;
  const slots = new Map<CallExpr, number>();
  return {
    ...base,
    aggregateSlot: (call) => {
      let slot = slots.get(call);
      if (slot === undefined) slots.set(call, (slot = next++));
      return slot;
    },
  };
}

const PRIMITIVES = new Set(["int", "float", "string", "bool", "timestamp", "duration"]);
/**
 * A value `===` compares exactly as eq() does. Not a nullable one: a field absent from a record reads as undefined
 * in generated code, and eq() (unlike `===`) takes undefined for null.
 */
const isPrimitive = (t: Type | undefined) => t !== undefined && PRIMITIVES.has(t.kind);
const isString = (t: Type | undefined) => t?.kind === "string" || (t?.kind === "nullable" && t.inner.kind === "string");

const EXPR_KINDS = new Set<string>([
  "IntLiteral", "FloatLiteral", "StringLiteral", "BoolLiteral", "NullLiteral", "DurationLiteral", "TimestampLiteral", "NameExpr",
  "FieldAccess", "IndexExpr", "CallExpr", "UnaryExpr", "BinaryExpr", "IfExpr", "RecordLiteral", "ArrayLiteral", "LambdaExpr",
] satisfies Expr["kind"][]);

/** True for a `.flow` expression node (IR nodes have lower-case kinds and are never mistaken for one). */
export function isExpr(node: { readonly kind: string }): node is Expr {
  return EXPR_KINDS.has(node.kind);
}

export function lowerExpression(expr: Expr, ctx: LowerContext = {}): IrExpr {
  const lower = (e: Expr) => lowerExpression(e, ctx);
  const type = expr.type ?? UNKNOWN;
  const span = ctx.spans === false ? {} : { span: expr.span };
  const base = { type, ...span };
  switch (expr.kind) {
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "DurationLiteral": case "TimestampLiteral":
      return { kind: "literal", value: expr.value, ...base };
    case "NullLiteral": return { kind: "literal", value: null, ...base };
    case "NameExpr": {
      const ref = expr.ref;
      switch (ref?.kind) {
        case "field": return { kind: "read", source: { kind: "input", field: ref.name }, ...base };
        case "lambdaParam": return { kind: "read", source: { kind: "lambdaParam", index: ref.index }, ...base };
        case "joinRight": return { kind: "read", source: { kind: "joinRight" }, ...base };
        case "stage": return { kind: "read", source: { kind: "stageEvent", stage: ref.stage }, ...base };
        default: throw new Error(`internal: cannot lower name \`${expr.name}\` (${ref?.kind ?? "unresolved"}) at offset ${expr.span.start}`);
      }
    }
    case "FieldAccess": {
      if (expr.object.kind === "NameExpr" && expr.object.ref?.kind === "window") {
        return { kind: "read", source: { kind: "windowBound", bound: expr.field.name === "start" ? "start" : "end" }, ...base };
      }
      return { kind: "getField", object: lower(expr.object), field: expr.field.name, nullSafe: expr.object.type?.kind === "nullable", ...base };
    }
    case "IndexExpr": return { kind: "index", object: lower(expr.object), index: lower(expr.index), ...base };
    case "UnaryExpr": return expr.op === "not" ? { kind: "not", operand: lower(expr.operand), ...base } : { kind: "negate", operand: lower(expr.operand), ...base };
    case "BinaryExpr": return lowerBinary(expr, lower(expr.left), lower(expr.right), base);
    case "IfExpr": return { kind: "conditional", condition: lower(expr.condition), then: lower(expr.then), else: lower(expr.else), ...base };
    case "RecordLiteral": return { kind: "record", fields: expr.fields.map((f) => ({ name: f.name.name, value: lower(f.value) })), ...base };
    case "ArrayLiteral": return { kind: "array", elements: expr.elements.map(lower), ...base };
    case "CallExpr": return lowerCall(expr, type, span, ctx);
    case "LambdaExpr": throw new Error(`internal: a lambda outside reduce at offset ${expr.span.start}`);
  }
}

/** Lowers the fields of one operator in order (aggregate slots then follow field order). */
export function lowerFields(fields: readonly { readonly name: { readonly name: string }; readonly value: Expr }[], ctx: LowerContext = sequentialSlots()): IrField[] {
  return fields.map((f) => ({ name: f.name.name, value: lowerExpression(f.value, ctx) }));
}

function lowerBinary(expr: BinaryExpr, left: IrExpr, right: IrExpr, base: { type: Type; span?: Span }): IrExpr {
  switch (expr.op) {
    case "and": case "or": return { kind: "logical", op: expr.op, left, right, ...base };
    case "??": return { kind: "coalesce", left, right, ...base };
    case "==": case "!=": {
      const negated = expr.op === "!=";
      if (expr.right.kind === "NullLiteral") return { kind: "isNull", negated, operand: left, ...base };
      if (expr.left.kind === "NullLiteral") return { kind: "isNull", negated, operand: right, ...base };
      const how = isPrimitive(expr.left.type) && isPrimitive(expr.right.type) ? "primitive" : "structural";
      return { kind: "equals", how, negated, left, right, ...base };
    }
    case "<": return { kind: "compare", op: "lt", left, right, ...base };
    case "<=": return { kind: "compare", op: "le", left, right, ...base };
    case ">": return { kind: "compare", op: "gt", left, right, ...base };
    case ">=": return { kind: "compare", op: "ge", left, right, ...base };
    case "in": {
      const list = expr.right.type;
      const how = list?.kind === "array" && isPrimitive(list.element) ? "primitive" : "structural";
      return { kind: "in", how, element: left, list: right, ...base };
    }
    case "+": return isString(expr.left.type) || isString(expr.right.type) ? { kind: "concat", parts: [left, right], ...base } : { kind: "arithmetic", op: "add", left, right, ...base };
    case "-": return { kind: "arithmetic", op: "sub", left, right, ...base };
    case "*": return { kind: "arithmetic", op: "mul", left, right, ...base };
    case "/": return { kind: "arithmetic", op: "div", left, right, ...base };
    case "%": return { kind: "arithmetic", op: "mod", left, right, ...base };
  }
}

const AGGREGATES = new Set<string>(["count", "sum", "avg", "min", "max", "first", "last", "collect", "distinctCount"]);
const STAGE_FUNCTIONS = new Set<string>(["first", "last", "count", "sum", "avg", "min", "max"]);

function lowerCall(expr: CallExpr, type: Type, span: { span?: Span }, ctx: LowerContext): IrExpr {
  const base = { type, ...span };
  const target = expr.target;
  const where = `\`${expr.callee.name}\` at offset ${expr.span.start}`;
  if (target?.kind === "aggregate") {
    if (!AGGREGATES.has(target.name)) throw new Error(`internal: unknown aggregate ${where}`);
    const args = expr.args.map((a) => lowerExpression(a.value, ctx));
    const slot = ctx.aggregateSlot?.(expr) ?? 0;
    return { kind: "aggregate", name: target.name as AggregateName, args, slot, ...base };
  }
  if (target?.kind === "iterative") {
    if (!STAGE_FUNCTIONS.has(target.name)) throw new Error(`internal: unknown stage function ${where}`);
    const name = target.name as "first" | "last" | "count" | "sum" | "avg" | "min" | "max";
    return target.field === undefined ? { kind: "stageFunction", name, stage: target.stage, ...base } : { kind: "stageFunction", name, stage: target.stage, field: target.field, ...base };
  }
  const args = expr.args.map((a) => lowerExpression(a.value, ctx));
  if (target?.kind === "udf") {
    const at = ctx.tag?.(expr.span);
    return { kind: "udf", module: target.module, exportName: target.exportName, args, ...(at === undefined ? {} : { at }), ...base };
  }
  if (target?.kind !== "builtin") throw new Error(`internal: unresolved call ${where}`);
  const argType = expr.args[0]?.value.type;
  const builtin = (name: BuiltinName): IrExpr => ({ kind: "builtin", name, args, ...base });
  const cast = (to: "int" | "float" | "string"): IrExpr => ({ kind: "cast", from: argType ?? UNKNOWN, to, operand: args[0]!, ...base });
  switch (target.name) {
    case "len": return builtin("length");
    case "lower": case "upper": case "trim": case "split": case "substring": case "startsWith": case "endsWith":
    case "abs": case "floor": case "ceil": case "round": case "hash": case "tumbleStart": case "hour": case "addMonths":
    case "dateFormat": case "regexpExtract": case "splitIndex": case "range":
      return builtin(target.name);
    case "concat": return args.length === 1 ? args[0]! : { kind: "concat", parts: args, ...base };
    case "contains": {
      if (argType?.kind !== "array") return builtin("containsString");
      return builtin(isPrimitive(argType.element) ? "containsPrimitive" : "containsStructural");
    }
    case "min": return builtin(isString(argType) ? "minString" : "min");
    case "max": return builtin(isString(argType) ? "maxString" : "max");
    case "toInt": return cast("int");
    case "toFloat": return cast("float");
    case "toString": return cast("string");
    default: throw new Error(`internal: unknown function ${where}`);
  }
}
