// Accumulators of a generated running aggregate that takes rows back — over a changelog with deletions (each record's
// `__rowKind` says whether its row arrives or leaves) or over an update stream (the row an update replaces leaves):
// the code of runtime/support/retracting-aggregate.ts, specialised. Every slot can be added to and taken from:
// count and sum are numbers, avg a sum and its count of values, min, max and distinctCount a multiset of values
// (runtime/support/value-counts.ts). Nulls are skipped as SQL does; a sum or avg over no non-null value is null.
import { foldConstants } from "../ir/passes/fold-constants.js";
import type { IrAggregateFields } from "../ir/aggregation.js";
import type { IrAggregateCall } from "../ir/expr.js";
import { UNKNOWN, type Type } from "../types/type.js";
import { accumulatorLayout, type AccLayout, type AccSlot } from "./aggregate-code.js";
import { emitIrExpr, type ExprScope } from "./emit-expression.js";

const PRIMITIVE = new Set(["int", "float", "string", "bool", "timestamp", "duration"]);

/** The slots of accumulatorLayout (same fields), each as a value that rows can be taken back from. */
export function retractingLayout(op: IrAggregateFields, tsTypeOf: (t: Type) => string): AccLayout {
  const base = accumulatorLayout(op, tsTypeOf);
  const used = new Set(["n", ...base.slots.flatMap((s) => [s.field, ...(s.skipsNulls?.nonNulls === undefined ? [] : [s.skipsNulls.nonNulls])])]);
  const slots = base.slots.map((s): AccSlot => {
    const argType = s.call.args[0]?.type ?? UNKNOWN;
    const nullable = argType.kind === "nullable" || argType.kind === "null";
    switch (s.fn) {
      case "count": return s;
      case "sum": case "avg": {
        if (!nullable) return { field: s.field, call: s.call, fn: s.fn, tsType: "number", init: "0" };
        // why a count of non-null values for sum too: taking every value back must give null again, not 0
        let nonNulls = s.skipsNulls?.nonNulls ?? `${s.field}_n`;
        while (s.skipsNulls?.nonNulls === undefined && used.has(nonNulls)) nonNulls = `${nonNulls}_`;
        used.add(nonNulls);
        return { field: s.field, call: s.call, fn: s.fn, tsType: "number", init: "0", skipsNulls: { nonNulls } };
      }
      case "min": case "max": case "distinctCount": {
        const inner = argType.kind === "nullable" ? argType.inner : argType;
        const valueType = s.fn === "distinctCount" && !PRIMITIVE.has(inner.kind) ? "unknown" : tsTypeOf(inner);
        return { field: s.field, call: s.call, fn: s.fn, tsType: `Map<${valueType}, number>`, init: "new Map()", ...(nullable ? { skipsNulls: {} } : {}) };
      }
      default: throw new Error(`internal: \`${s.fn}\` cannot take a row back (FLOW4028 should have said so)`);
    }
  });
  return { slots };
}

/**
 * Statements adding one row's values to `acc` (`sign` 1) or taking them back (`sign` -1; a JavaScript expression,
 * `1`, `-1` or a local), then the row count. `helper` names a runtime support function.
 */
export function retractingUpdateLines(layout: AccLayout, acc: string, scope: ExprScope, sign: string, fresh: (base: string) => string, helper: (name: string) => string): string[] {
  const lines: string[] = [];
  const add = (target: string, x: string) => sign === "1" ? `${target} += ${x};` : sign === "-1" ? `${target} -= ${x};` : `${target} += ${sign} * ${x};`;
  const step = (target: string) => sign === "1" ? `${target}++;` : sign === "-1" ? `${target}--;` : `${target} += ${sign};`;
  for (const s of layout.slots) {
    const arg = s.call.args[0];
    const f = `${acc}.${s.field}`;
    if (arg === undefined) continue; // count(): the row count below
    const ir = foldConstants(arg);
    const v = emitIrExpr(ir, scope);
    const simple = ir.kind === "read" || ir.kind === "literal";
    const x = simple ? v : fresh(s.field);
    if (!simple) lines.push(`const ${x} = ${v};`);
    const nullable = arg.type.kind === "nullable" || arg.type.kind === "null";
    switch (s.fn) {
      case "count": lines.push(`if (${x} != null) ${step(f)}`); break;
      case "sum": case "avg": {
        const nonNulls = s.skipsNulls?.nonNulls;
        if (nonNulls === undefined) lines.push(add(f, x));
        else lines.push(`if (${x} != null) { ${add(f, x)} ${step(`${acc}.${nonNulls}`)} }`);
        break;
      }
      case "min": case "max": case "distinctCount": {
        const inner = arg.type.kind === "nullable" ? arg.type.inner.kind : arg.type.kind;
        const value = s.fn === "distinctCount" && !PRIMITIVE.has(inner) ? `JSON.stringify(${x})` : x;
        const change = `${helper("changeCount")}(${f}, ${value}, ${sign});`;
        lines.push(nullable ? `if (${x} != null) ${change}` : change);
        break;
      }
    }
  }
  lines.push(step(`${acc}.n`));
  return lines;
}

/** The value of an aggregate call from a retracting accumulator. */
export function retractingResultOf(layout: AccLayout, call: IrAggregateCall, acc: string, tsTypeOf: (t: Type) => string, helper: (name: string) => string): string {
  const s = layout.slots[call.slot];
  if (s === undefined) throw new Error(`internal: aggregate call ${call.name} without a slot`);
  const f = `${acc}.${s.field}`;
  const nonNulls = s.skipsNulls?.nonNulls;
  switch (s.fn) {
    case "count": return s.call.args.length === 0 ? `${acc}.n` : f;
    case "sum": return nonNulls === undefined ? f : `(${acc}.${nonNulls} === 0 ? null : ${f})`;
    case "avg": return nonNulls === undefined ? `(${f} / ${acc}.n)` : `(${acc}.${nonNulls} === 0 ? null : ${f} / ${acc}.${nonNulls})`;
    case "min": return `(${helper("minOf")}(${f}) as ${tsTypeOf(call.type)})`;
    case "max": return `(${helper("maxOf")}(${f}) as ${tsTypeOf(call.type)})`;
    case "distinctCount": return `${f}.size`;
    default: throw new Error(`internal: \`${s.fn}\` cannot take a row back`);
  }
}
