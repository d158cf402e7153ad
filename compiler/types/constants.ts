// Evaluates the constant expressions the language requires in some places (window sizes, delays, bounds).
import type { Argument, ConnectorCall, Expr } from "../ast/nodes.js";

/** Milliseconds of a duration literal, optionally negated; undefined when `expr` is not such a constant. */
export function constantDuration(expr: Expr): number | undefined {
  if (expr.kind === "DurationLiteral") return expr.value;
  if (expr.kind === "UnaryExpr" && expr.op === "-") {
    const inner = constantDuration(expr.operand);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/** The value of an integer literal, optionally negated. */
export function constantInt(expr: Expr): number | undefined {
  if (expr.kind === "IntLiteral") return expr.value;
  if (expr.kind === "UnaryExpr" && expr.op === "-") {
    const inner = constantInt(expr.operand);
    return inner === undefined ? undefined : -inner;
  }
  return undefined;
}

/** Literal data only (no field references or calls): what connector arguments may contain. */
export function isConstantData(expr: Expr): boolean {
  switch (expr.kind) {
    case "IntLiteral": case "FloatLiteral": case "StringLiteral": case "BoolLiteral": case "NullLiteral":
    case "DurationLiteral": case "TimestampLiteral":
      return true;
    case "UnaryExpr": return expr.op === "-" && isConstantData(expr.operand);
    case "ArrayLiteral": return expr.elements.every(isConstantData);
    case "RecordLiteral": return expr.fields.every((f) => !f.shorthand && isConstantData(f.value));
    default: return false;
  }
}

/** Text for a duration in messages: `-5s`, `250ms`. */
export function describeDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  for (const [unit, size] of [["d", 86_400_000], ["h", 3_600_000], ["m", 60_000], ["s", 1000]] as const) {
    if (abs !== 0 && abs % size === 0) return `${sign}${abs / size}${unit}`;
  }
  return `${sign}${abs}ms`;
}

/** The value of constant data (literals, negated numbers, arrays and records of them); undefined for anything else. */
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
