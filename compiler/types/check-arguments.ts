// Binds named and positional arguments to declared parameters (connectors, restart strategies, window assigners)
// and checks the constant durations that settings require.
import type { Argument, Expr } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { expectType, type ExprEnv } from "./check-expression.js";
import type { ConnectorParam } from "./connectors.js";
import { constantDuration, describeDuration } from "./constants.js";
import { DURATION } from "./type.js";

/**
 * Pairs arguments with parameters: positional ones in order, then named ones by name. Reports unknown names
 * (FLOW2016), repeats (FLOW2018) and a wrong count (FLOW3004). Extra named arguments of open connectors pair with undefined.
 */
export function bindArguments(
  reporter: Reporter, callee: string, params: readonly ConnectorParam[], args: readonly Argument[], open: boolean, span: { start: number; end: number },
): [ConnectorParam | undefined, Argument][] {
  const bound: [ConnectorParam | undefined, Argument][] = [];
  const given = new Set<string>();
  let position = 0;
  for (const arg of args) {
    let param: ConnectorParam | undefined;
    if (arg.name === null) {
      param = params[position++];
      if (param === undefined) {
        reporter.report("FLOW3004", arg.span, { name: callee, expected: `at most ${params.length} positional`, actual: args.filter((a) => a.name === null).length });
        continue;
      }
    } else {
      param = params.find((p) => p.name === arg.name!.name);
      if (param === undefined && !open) {
        reporter.report("FLOW2016", arg.name.span, { callee, name: arg.name.name, available: params.map((p) => p.name).join(", ") || "none" });
        continue;
      }
    }
    const key = param?.name ?? arg.name!.name;
    if (given.has(key)) {
      reporter.report("FLOW2018", arg.span, { name: key });
      continue;
    }
    given.add(key);
    bound.push([param, arg]);
  }
  for (const p of params) {
    if (p.required && !given.has(p.name)) {
      reporter.report("FLOW3004", span, { name: callee, expected: `a \`${p.name}\``, actual: "none" });
    }
  }
  return bound;
}

export function checkParam(reporter: Reporter, param: ConnectorParam, value: Expr, env: ExprEnv): void {
  expectType(value, param.type, env);
  if (param.oneOf !== undefined && value.kind === "StringLiteral" && !param.oneOf.includes(value.value)) {
    reporter.report("FLOW3001", value.span, { expected: param.oneOf.map((v) => JSON.stringify(v)).join(" or "), actual: JSON.stringify(value.value) });
  }
}

/** A duration that must be a literal and satisfy `valid`; returns its milliseconds when it is a literal. */
export function checkDurationConstant(
  reporter: Reporter, expr: Expr, what: string, bound: string, env: ExprEnv, valid: (ms: number) => boolean,
): number | undefined {
  expectType(expr, DURATION, env);
  const ms = constantDuration(expr);
  if (ms === undefined) {
    if (expr.type?.kind === "duration") reporter.report("FLOW4010", expr.span, { what });
    return undefined;
  }
  if (!valid(ms)) reporter.report("FLOW4009", expr.span, { what, bound, value: describeDuration(ms) });
  return ms;
}
