// The value of constant data in .flow source (connector arguments, inline records), as plain JavaScript data.
import type { Argument, ConnectorCall, Expr } from "../ast/nodes.js";

export function constantValue(expr: Expr): unknown {
  switch (expr.kind) {
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "DurationLiteral": case "TimestampLiteral":
      return expr.value;
    case "NullLiteral": return null;
    case "UnaryExpr": return -(constantValue(expr.operand) as number);
    case "ArrayLiteral": return expr.elements.map(constantValue);
    case "RecordLiteral": return Object.fromEntries(expr.fields.map((f) => [f.name.name, constantValue(f.value)]));
    default: return undefined;
  }
}

/** Connector arguments by parameter name (positional ones take the names in `params` order). */
export function connectorArgs(call: ConnectorCall, params: readonly string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  call.args.forEach((a: Argument, i) => {
    const name = a.name?.name ?? params[i];
    if (name !== undefined) out.set(name, constantValue(a.value));
  });
  return out;
}
