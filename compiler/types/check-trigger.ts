// Checks a window's `trigger` clause against its window and evaluates it to the Flink trigger it builds.
import type { TriggerSpec, WindowSpec } from "../ast/annotations.js";
import type { TriggerFiring, WindowTrigger } from "../ast/nodes.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import { checkDurationConstant } from "./check-arguments.js";
import { expectType, type ExprEnv } from "./check-expression.js";
import { constantInt } from "./constants.js";
import { INT } from "./type.js";
import { visit } from "../ast/visit.js";

/**
 * Reports what does not fit (FLOW4030 a trigger on a count window, FLOW4031 early/late firings on a window without
 * an event-time end, FLOW4032 late firings by time, and bad counts and intervals) and returns the evaluated trigger,
 * or undefined when an error left it incomplete. `window` is null when the assigner itself had errors; `env` sees
 * no fields (trigger arguments are constants).
 */
export function checkTrigger(reporter: Reporter, trigger: WindowTrigger, window: WindowSpec | null, env: ExprEnv): TriggerSpec | undefined {
  const purge = trigger.purge;
  const count = (f: TriggerFiring, what: string) => (isConstant(reporter, f, what) ? checkCount(reporter, f, what, env) : undefined);
  const every = (f: TriggerFiring, what: string) =>
    isConstant(reporter, f, what) ? checkDurationConstant(reporter, f.value, what, "positive", env, (ms) => ms > 0) : undefined;
  const value = (f: TriggerFiring, what: string) => (f.form === "count" ? count(f, what) : every(f, what));

  // why: a count window is Flink's countWindow, GlobalWindows with PurgingTrigger(CountTrigger): its trigger is taken
  if (window?.kind === "count") reporter.report("FLOW4030", trigger.span);

  if (trigger.firing !== null) {
    const f = trigger.firing;
    const n = value(f, f.form === "count" ? "the trigger count" : "the trigger interval");
    if (n === undefined || window === null || window.kind === "count") return undefined;
    return f.form === "count" ? { kind: "count", count: n, purge } : { kind: "continuous", intervalMs: n, time: window.time, purge };
  }

  // Early and late firings are relative to the watermark passing the window's end.
  const hasEnd = window !== null && window.time === "event" && window.kind !== "global" && window.kind !== "count";
  const early = trigger.early;
  const late = trigger.late;
  if (window !== null && !hasEnd && window.kind !== "count") {
    const what = window.kind === "global" ? "a global window, which has no end" : "a processing-time window";
    reporter.report("FLOW4031", (early ?? late)!.span, { what });
  }
  const earlyValue = early === null ? null : value(early, early.form === "count" ? "the early firing count" : "the early firing interval");
  let lateCount: number | null = null;
  if (late !== null) {
    if (late.form === "every") {
      reporter.report("FLOW4032", late.span);
      return undefined;
    }
    const n = count(late, "the late firing count");
    if (n === undefined) return undefined;
    lateCount = n;
  }
  if (earlyValue === undefined || !hasEnd) return undefined;
  const earlySpec = early === null || earlyValue === null ? null : early.form === "count" ? { kind: "count" as const, count: earlyValue } : { kind: "every" as const, intervalMs: earlyValue };
  return { kind: "firings", early: earlySpec, lateCount, purge };
}

/** A record count: an int constant of at least 1. */
function checkCount(reporter: Reporter, firing: TriggerFiring, what: string, env: ExprEnv): number | undefined {
  const type = expectType(firing.value, INT, env);
  if (type.kind !== "int") return undefined;
  const n = constantInt(firing.value);
  if (n === undefined) {
    reporter.report("FLOW4010", firing.value.span, { what });
    return undefined;
  }
  if (n < 1) {
    reporter.report("FLOW4024", firing.value.span, { what, value: n });
    return undefined;
  }
  return n;
}

/** Names and calls cannot be trigger arguments: say "must be a constant" rather than "no field in an empty record". */
function isConstant(reporter: Reporter, firing: TriggerFiring, what: string): boolean {
  let constant = true;
  visit(firing.value, {
    NameExpr: () => void (constant = false),
    CallExpr: () => void (constant = false),
  });
  if (!constant) reporter.report("FLOW4010", firing.value.span, { what });
  return constant;
}
