// Specialised accumulators for `aggregate { … }`: one field per aggregate call, a creation literal, in-place update
// statements, result expressions and a merge (session windows) — generated per operator, no interpretation.
import type { IrAggregateFields } from "../ir/aggregation.js";
import { aggregateCallsIn, type IrAggregateCall } from "../ir/expr.js";
import { foldConstants } from "../ir/passes/fold-constants.js";
import { UNKNOWN, type Type } from "../types/type.js";
import { emitIrExpr, type ExprScope } from "./emit-expression.js";

export interface AccSlot {
  readonly field: string;
  readonly call: IrAggregateCall;
  readonly fn: string;
  /** TypeScript type of the field. */
  readonly tsType: string;
  readonly init: string;
  /**
   * Set for sum/avg/min/max of a nullable argument, which skip nulls as SQL does. avg then also keeps `nonNulls`, the
   * field counting the non-null values it divides by. Unset, the slot's code is exactly the non-nullable one.
   */
  readonly skipsNulls?: { readonly nonNulls?: string };
}

export interface AccLayout {
  /** By accumulator slot: `slots[call.slot]` is the slot of an aggregate call. */
  readonly slots: readonly AccSlot[];
}

const PRIMITIVE = new Set(["int", "float", "string", "bool", "timestamp", "duration"]);

export function accumulatorLayout(op: IrAggregateFields, tsTypeOf: (t: Type) => string): AccLayout {
  const slots: AccSlot[] = [];
  const used = new Set(["n"]);
  for (const f of op.fields) {
    for (const call of aggregateCallsIn(f.value)) {
      if (call.slot !== slots.length) throw new Error(`internal: aggregate call ${call.name} has slot ${call.slot}, expected ${slots.length}`);
      const fn = call.name;
      let field = f.value === call && !used.has(f.name) ? f.name : `agg${slots.length}`;
      while (used.has(field)) field = `${field}_`;
      used.add(field);
      const argType = call.args[0]?.type ?? UNKNOWN;
      const t = tsTypeOf(argType);
      let tsType = "number";
      let init = "0";
      let skipsNulls: AccSlot["skipsNulls"];
      switch (fn) {
        case "min": case "max": case "first": case "last": tsType = `${t} | null`; init = "null"; break;
        // why the parentheses: `number | null[]` would be a number or an array of nulls
        case "collect": tsType = /^[\w.]+$/.test(t) ? `${t}[]` : `(${t})[]`; init = "[]"; break;
        case "distinctCount": tsType = "Set<unknown>"; init = "new Set()"; break;
      }
      if (argType.kind === "nullable" && ["sum", "avg", "min", "max"].includes(fn)) {
        // why null, not 0: a sum over no non-null value is null (SQL), and the field says so without a counter
        if (fn === "sum") { tsType = "number | null"; init = "null"; }
        let nonNulls: string | undefined;
        if (fn === "avg") {
          nonNulls = `${field}_n`;
          while (used.has(nonNulls)) nonNulls = `${nonNulls}_`;
          used.add(nonNulls);
        }
        skipsNulls = nonNulls === undefined ? {} : { nonNulls };
      }
      slots.push({ field, call, fn, tsType, init, ...(skipsNulls === undefined ? {} : { skipsNulls }) });
    }
  }
  return { slots };
}

/** The accumulator's fields besides `n`, with their TypeScript types and initial values (count() reads `n`). */
function fieldsOf(layout: AccLayout): { name: string; type: string; init: string }[] {
  return layout.slots
    .filter((s) => s.fn !== "count" || s.call.args.length > 0)
    .flatMap((s) => {
      const own = { name: s.field, type: s.tsType, init: s.init };
      return s.skipsNulls?.nonNulls === undefined ? [own] : [own, { name: s.skipsNulls.nonNulls, type: "number", init: "0" }];
    });
}

/** `{ n: 0, total: 0, … }`: a fresh accumulator, with `extra` members after its own. */
export function createLiteral(layout: AccLayout, extra: readonly { readonly name: string; readonly init: string }[] = []): string {
  return `{ n: 0${[...fieldsOf(layout), ...extra].map((f) => `, ${f.name}: ${f.init}`).join("")} }`;
}

/** The accumulator interface's members. */
export function accumulatorMembers(layout: AccLayout): { name: string; type: string }[] {
  return [{ name: "n", type: "number" }, ...fieldsOf(layout).map((f) => ({ name: f.name, type: f.type }))];
}

/** In-place updates of `acc` for one record, then the record count. */
export function updateLines(layout: AccLayout, acc: string, scope: ExprScope, fresh: (base: string) => string): string[] {
  const lines: string[] = [];
  for (const s of layout.slots) {
    const arg = s.call.args[0];
    const ir = arg === undefined ? undefined : foldConstants(arg);
    const v = ir === undefined ? "" : emitIrExpr(ir, scope);
    const f = `${acc}.${s.field}`;
    // why: min/max read the value twice; anything but a field read or a constant is computed once into a local
    const local = () => {
      if (ir?.kind === "read" || ir?.kind === "literal") return v;
      const name = fresh(s.field);
      lines.push(`const ${name} = ${v};`);
      return name;
    };
    if (s.skipsNulls !== undefined) {
      // why `!= null`: a field absent from the record reads as undefined, which is null to `.flow` as to SQL
      const x = local();
      switch (s.fn) {
        case "sum": lines.push(`if (${x} != null) ${f} = ${f} === null ? ${x} : ${f} + ${x};`); break;
        case "avg": lines.push(`if (${x} != null) { ${f} += ${x}; ${acc}.${s.skipsNulls.nonNulls}++; }`); break;
        case "min": lines.push(`if (${x} != null && (${f} === null || ${x} < ${f})) ${f} = ${x};`); break;
        case "max": lines.push(`if (${x} != null && (${f} === null || ${x} > ${f})) ${f} = ${x};`); break;
      }
      continue;
    }
    switch (s.fn) {
      case "count": {
        // why local(): `v` may be a conditional or `??` expression, which `!= null` would bind into (`c ? x : null != null`)
        if (arg !== undefined) lines.push(`if (${local()} != null) ${f}++;`);
        break;
      }
      case "sum": case "avg": lines.push(`${f} += ${v};`); break;
      case "min": { const x = local(); lines.push(`if (${f} === null || ${x} < ${f}) ${f} = ${x};`); break; }
      case "max": { const x = local(); lines.push(`if (${f} === null || ${x} > ${f}) ${f} = ${x};`); break; }
      case "first": lines.push(`if (${acc}.n === 0) ${f} = ${v};`); break;
      case "last": lines.push(`${f} = ${v};`); break;
      case "collect": lines.push(`${f}.push(${v});`); break;
      case "distinctCount": {
        // why: like SQL's COUNT(DISTINCT x), null is not counted, so `distinctCount(if c then x else null)` is a filtered count
        const argType = arg?.type;
        // `null` too: `distinctCount(if false then v else null)` folds to the null literal
        if (argType?.kind === "nullable" || argType?.kind === "null") {
          const x = local();
          const inner = argType.kind === "nullable" ? argType.inner.kind : "null";
          lines.push(`if (${x} != null) ${f}.add(${PRIMITIVE.has(inner) ? x : `JSON.stringify(${x})`});`);
        } else lines.push(`${f}.add(${PRIMITIVE.has(arg?.type?.kind ?? "") ? v : `JSON.stringify(${v})`});`);
        break;
      }
    }
  }
  lines.push(`${acc}.n++;`);
  return lines;
}

/** The value of an aggregate call from the accumulator. */
export function resultOf(layout: AccLayout, call: IrAggregateCall, acc: string, tsTypeOf: (t: Type) => string): string {
  const s = layout.slots[call.slot];
  if (s === undefined) throw new Error(`internal: aggregate call ${call.name} without a slot`);
  const f = `${acc}.${s.field}`;
  switch (s.fn) {
    case "count": return s.call.args.length === 0 ? `${acc}.n` : f;
    case "avg": {
      const nonNulls = s.skipsNulls?.nonNulls;
      return nonNulls === undefined ? `(${f} / ${acc}.n)` : `(${acc}.${nonNulls} === 0 ? null : ${f} / ${acc}.${nonNulls})`;
    }
    case "min": case "max": case "first": case "last": return `(${f} as ${tsTypeOf(call.type)})`;
    case "collect": return `[...${f}]`;
    case "distinctCount": return `${f}.size`;
    default: return f;
  }
}

/** Statements merging accumulator `b` into `a` (merging session windows). */
export function mergeLines(layout: AccLayout, a: string, b: string): string[] {
  const lines: string[] = [];
  for (const s of layout.slots) {
    const x = `${a}.${s.field}`;
    const y = `${b}.${s.field}`;
    if (s.fn === "sum" && s.skipsNulls !== undefined) {
      lines.push(`if (${y} !== null) ${x} = ${x} === null ? ${y} : ${x} + ${y};`);
      continue;
    }
    const nonNulls = s.skipsNulls?.nonNulls;
    if (nonNulls !== undefined) lines.push(`${a}.${nonNulls} += ${b}.${nonNulls};`);
    switch (s.fn) {
      case "count": if (s.call.args.length > 0) lines.push(`${x} += ${y};`); break;
      case "sum": case "avg": lines.push(`${x} += ${y};`); break;
      case "min": lines.push(`if (${y} !== null && (${x} === null || ${y} < ${x})) ${x} = ${y};`); break;
      case "max": lines.push(`if (${y} !== null && (${x} === null || ${y} > ${x})) ${x} = ${y};`); break;
      case "first": lines.push(`if (${a}.n === 0) ${x} = ${y};`); break;
      case "last": lines.push(`if (${b}.n > 0) ${x} = ${y};`); break;
      case "collect": lines.push(`for (const v of ${y}) ${x}.push(v);`); break;
      case "distinctCount": lines.push(`for (const v of ${y}) ${x}.add(v);`); break;
    }
  }
  lines.push(`${a}.n += ${b}.n;`);
  return lines;
}
