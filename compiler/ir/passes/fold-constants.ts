// Folds constant sub-expressions of an IR expression (`2 * 60 * 1000`, `lower("A")`, `if true …`, `x and true`):
// expressions are pure, so evaluating them at compile time is exact. What cannot be folded exactly stays for run
// time: division by zero, an int result beyond 2^53, a non-finite float, anything reading a record.
import type { Type } from "../../types/type.js";
import type { IrExpr, IrLiteral, IrValue } from "../expr.js";

export function foldConstants(e: IrExpr): IrExpr {
  switch (e.kind) {
    case "literal": case "read": case "stageFunction": return e;
    case "getField": return { ...e, object: foldConstants(e.object) };
    case "index": return { ...e, object: foldConstants(e.object), index: foldConstants(e.index) };
    case "negate": {
      const operand = foldConstants(e.operand);
      const v = constant(operand);
      return typeof v === "number" ? literal(-v, e) ?? { ...e, operand } : { ...e, operand };
    }
    case "not": {
      const operand = foldConstants(e.operand);
      const v = constant(operand);
      return typeof v === "boolean" ? literal(!v, e)! : { ...e, operand };
    }
    case "arithmetic": {
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      const a = constant(left);
      const b = constant(right);
      if (typeof a !== "number" || typeof b !== "number") return { ...e, left, right };
      if ((e.op === "div" || e.op === "mod") && b === 0) return { ...e, left, right };
      const value = e.op === "add" ? a + b : e.op === "sub" ? a - b : e.op === "mul" ? a * b : e.op === "div" ? a / b : a % b;
      return literal(value, e) ?? { ...e, left, right };
    }
    case "concat": {
      const parts = e.parts.map(foldConstants);
      const values = parts.map(constant);
      return values.every((v) => typeof v === "string") ? literal(values.join(""), e)! : { ...e, parts };
    }
    case "compare": {
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      const a = constant(left);
      const b = constant(right);
      const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
      if (!comparable) return { ...e, left, right };
      const value = e.op === "lt" ? a < b : e.op === "le" ? a <= b : e.op === "gt" ? a > b : a >= b;
      return literal(value, e)!;
    }
    case "equals": {
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      const a = constant(left);
      const b = constant(right);
      if (a === undefined || b === undefined) return { ...e, left, right };
      // Literals are primitives: eq() and === agree on them.
      return literal((a === b) !== e.negated, e)!;
    }
    case "isNull": {
      const operand = foldConstants(e.operand);
      const v = constant(operand);
      return v === undefined ? { ...e, operand } : literal((v === null) !== e.negated, e)!;
    }
    case "logical": {
      // Boolean identities hold for any (pure) other side: `x or true` is true, `x and true` is x.
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      const absorbing = e.op === "or";
      const a = constant(left);
      if (typeof a === "boolean") return a === absorbing ? left : right;
      const b = constant(right);
      if (typeof b === "boolean") return b === absorbing ? right : left;
      return { ...e, left, right };
    }
    case "coalesce": {
      const left = foldConstants(e.left);
      const right = foldConstants(e.right);
      const a = constant(left);
      if (a === undefined) return { ...e, left, right };
      return a === null ? right : left;
    }
    case "in": return { ...e, element: foldConstants(e.element), list: foldConstants(e.list) };
    case "conditional": {
      const condition = foldConstants(e.condition);
      const c = constant(condition);
      if (typeof c === "boolean") return foldConstants(c ? e.then : e.else);
      return { ...e, condition, then: foldConstants(e.then), else: foldConstants(e.else) };
    }
    case "cast": return { ...e, operand: foldConstants(e.operand) };
    case "record": return { ...e, fields: e.fields.map((f) => ({ name: f.name, value: foldConstants(f.value) })) };
    case "array": return { ...e, elements: e.elements.map(foldConstants) };
    case "builtin": {
      const args = e.args.map(foldConstants);
      const values = args.map(constant);
      if (values.some((v) => v === undefined)) return { ...e, args };
      const value = foldBuiltin(e.name, values as IrValue[]);
      return value === undefined ? { ...e, args } : literal(value, e) ?? { ...e, args };
    }
    case "udf": return { ...e, args: e.args.map(foldConstants) };
    case "aggregate": return { ...e, args: e.args.map(foldConstants) };
  }
}

/** The value of a literal; undefined for anything else. */
function constant(e: IrExpr): IrValue | undefined {
  return e.kind === "literal" ? e.value : undefined;
}

/** A literal standing for `e` with `value`, when its type can hold the value exactly. */
function literal(value: IrValue, e: { readonly type: Type; readonly span?: IrExpr["span"] }): IrLiteral | undefined {
  const base = e.span === undefined ? { type: e.type } : { type: e.type, span: e.span };
  if (typeof value !== "number") return { kind: "literal", value, ...base };
  if (!Number.isFinite(value)) return undefined;
  switch (e.type.kind) {
    case "int": return Number.isSafeInteger(value) ? { kind: "literal", value, ...base } : undefined;
    case "float": case "duration": case "timestamp": return { kind: "literal", value, ...base };
    default: return undefined;
  }
}

function foldBuiltin(name: string, args: readonly IrValue[]): IrValue | undefined {
  const [a, b] = args;
  switch (name) {
    case "lower": return typeof a === "string" ? a.toLowerCase() : undefined;
    case "upper": return typeof a === "string" ? a.toUpperCase() : undefined;
    case "trim": return typeof a === "string" ? a.trim() : undefined;
    case "length": return typeof a === "string" ? a.length : undefined;
    case "abs": return typeof a === "number" ? Math.abs(a) : undefined;
    case "floor": return typeof a === "number" ? Math.floor(a) : undefined;
    case "ceil": return typeof a === "number" ? Math.ceil(a) : undefined;
    case "round": return typeof a === "number" ? Math.round(a) : undefined;
    case "min": return typeof a === "number" && typeof b === "number" ? Math.min(a, b) : undefined;
    case "max": return typeof a === "number" && typeof b === "number" ? Math.max(a, b) : undefined;
    default: return undefined;
  }
}
