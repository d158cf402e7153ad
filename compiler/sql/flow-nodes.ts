// Builders of `.flow` syntax-tree nodes for the SQL translator: every node is located on the SQL text it comes from,
// so that a problem the shared check passes find in a translated query is reported with a caret under the SQL.
import type {
  Argument, BinaryOperator, CallExpr, DurationLiteral, Expr, Identifier, IfExpr, NameExpr, Operator, Pipeline, RecordFieldInit,
  StringLiteral,
} from "../ast/nodes.js";
import type { Span } from "../ast/span.js";

export const ident = (name: string, span: Span): Identifier => ({ kind: "Identifier", name, span });

export const nameExpr = (name: string, span: Span): NameExpr => ({ kind: "NameExpr", name, span });

/** `object.field`, e.g. `window.start` or a join's `alias.field`. */
export const fieldAccess = (object: string, field: string, span: Span): Expr => ({ kind: "FieldAccess", object: nameExpr(object, span), field: ident(field, span), span });

export const stringLit = (value: string, span: Span): StringLiteral => ({ kind: "StringLiteral", value, span });

export const nullLit = (span: Span): Expr => ({ kind: "NullLiteral", span });

export const boolLit = (value: boolean, span: Span): Expr => ({ kind: "BoolLiteral", value, span });

/** An integer or float literal from its text (`raw`), as `.flow` writes it. */
export function numberLit(value: number, span: Span): Expr {
  return Number.isInteger(value) && Number.isSafeInteger(value)
    ? { kind: "IntLiteral", value, raw: String(value), span }
    : { kind: "FloatLiteral", value, raw: String(value), span };
}

/** `[from, from + 1, …, to]` as a `.flow` array literal (a literal list the emitter hoists into one constant). */
export function intList(from: number, to: number, span: Span): Expr {
  const elements: Expr[] = [];
  for (let i = from; i <= to; i++) elements.push(numberLit(i, span));
  return { kind: "ArrayLiteral", elements, span };
}

export const floatLit = (value: number, span: Span): Expr => ({ kind: "FloatLiteral", value, raw: Number.isInteger(value) ? `${value}.0` : String(value), span });

export function durationLit(ms: number, span: Span): DurationLiteral {
  return { kind: "DurationLiteral", amount: ms, unit: "ms", value: ms, span };
}

export const binary = (op: BinaryOperator, left: Expr, right: Expr, span: Span): Expr => ({ kind: "BinaryExpr", op, left, right, span });

export const not = (operand: Expr, span: Span): Expr => ({ kind: "UnaryExpr", op: "not", operand, span });

export const ifExpr = (condition: Expr, then: Expr, otherwise: Expr, span: Span): IfExpr => ({ kind: "IfExpr", condition, then, else: otherwise, span });

export const arg = (value: Expr, name: string | null = null): Argument => ({ kind: "Argument", name: name === null ? null : ident(name, value.span), value, span: value.span });

export function call(callee: string, args: readonly Expr[], span: Span): CallExpr {
  return { kind: "CallExpr", callee: ident(callee, span), args: args.map((a) => arg(a)), span };
}

export function field(name: string, value: Expr, span: Span = value.span): RecordFieldInit {
  return { kind: "RecordFieldInit", name: ident(name, span), value, shorthand: false, span };
}

export function pipeline(head: string, operators: readonly Operator[], span: Span): Pipeline {
  return { kind: "Pipeline", head: ident(head, span), operators, span };
}
