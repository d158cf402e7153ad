// Specialised accumulators for `aggregate { … }`: one field per aggregate call, a creation literal, in-place update
// statements, result expressions and a merge (session windows) — generated per operator, no interpretation.
import type { AggregateOp, CallExpr, Expr } from "../ast/nodes.js";
import type { Type } from "../types/type.js";
import { lowerExpression, type LowerContext } from "../ir/lower-expression.js";
import { foldConstants } from "../ir/passes/fold-constants.js";
import { emitIrExpr, type ExprScope } from "./emit-expression.js";

export interface AccSlot {
  readonly field: string;
  readonly call: CallExpr;
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
  readonly slots: readonly AccSlot[];
  readonly byCall: ReadonlyMap<CallExpr, AccSlot>;
}

function callsIn(expr: Expr, into: CallExpr[]): void {
  switch (expr.kind) {
    case "CallExpr":
      if (expr.target?.kind === "aggregate") into.push(expr);
      else for (const a of expr.args) callsIn(a.value, into);
      return;
    case "UnaryExpr": return callsIn(expr.operand, into);
    case "BinaryExpr": callsIn(expr.left, into); return callsIn(expr.right, into);
    case "IfExpr": callsIn(expr.condition, into); callsIn(expr.then, into); return callsIn(expr.else, into);
    case "FieldAccess": return callsIn(expr.object, into);
    case "IndexExpr": callsIn(expr.object, into); return callsIn(expr.index, into);
    case "RecordLiteral": for (const f of expr.fields) callsIn(f.value, into); return;
    case "ArrayLiteral": for (const e of expr.elements) callsIn(e, into); return;
    default: return;
  }
}

const PRIMITIVE = new Set(["int", "float", "string", "bool", "timestamp", "duration"]);

export function accumulatorLayout(op: AggregateOp, tsTypeOf: (t: Type) => string): AccLayout {
  const slots: AccSlot[] = [];
  const byCall = new Map<CallExpr, AccSlot>();
  const used = new Set(["n"]);
  for (const f of op.fields) {
    const calls: CallExpr[] = [];
    callsIn(f.value, calls);
    for (const call of calls) {
      const fn = (call.target as { name: string }).name;
      let field = f.value === call && !used.has(f.name.name) ? f.name.name : `agg${slots.length}`;
      while (used.has(field)) field = `${field}_`;
      used.add(field);
      const argType = call.args[0]?.value.type ?? { kind: "unknown" as const };
      const t = tsTypeOf(argType);
      let tsType = "number";
      let init = "0";
      let skipsNulls: AccSlot["skipsNulls"];
      switch (fn) {
        case "min": case "max": case "first": case "last": tsType = `${t} | null`; init = "null"; break;
        case "collect": tsType = `${t}[]`; init = "[]"; break;
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
      const slot: AccSlot = { field, call, fn, tsType, init, ...(skipsNulls === undefined ? {} : { skipsNulls }) };
      slots.push(slot);
      byCall.set(call, slot);
    }
  }
  return { slots, byCall };
}

/** Lowering that numbers each aggregate call by its slot in `layout` (IrAggregateCall.slot). */
export function slotLowering(layout: AccLayout): LowerContext {
  return {
    aggregateSlot: (call) => {
      const slot = layout.byCall.get(call);
      if (slot === undefined) throw new Error(`internal: aggregate call at offset ${call.span.start} without a slot`);
      return layout.slots.indexOf(slot);
    },
  };
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

/** `{ n: 0, total: 0, … }`: a fresh accumulator. */
export function createLiteral(layout: AccLayout): string {
  return `{ n: 0${fieldsOf(layout).map((f) => `, ${f.name}: ${f.init}`).join("")} }`;
}

/** The accumulator interface's members. */
export function accumulatorMembers(layout: AccLayout): { name: string; type: string }[] {
  return [{ name: "n", type: "number" }, ...fieldsOf(layout).map((f) => ({ name: f.name, type: f.type }))];
}

/** In-place updates of `acc` for one record, then the record count. */
export function updateLines(layout: AccLayout, acc: string, scope: ExprScope, fresh: (base: string) => string): string[] {
  const lines: string[] = [];
  for (const s of layout.slots) {
    const arg = s.call.args[0]?.value;
    const ir = arg === undefined ? undefined : foldConstants(lowerExpression(arg, scope.lowering));
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
export function resultOf(layout: AccLayout, call: CallExpr, acc: string, tsTypeOf: (t: Type) => string): string {
  const s = layout.byCall.get(call);
  if (s === undefined) throw new Error("internal: aggregate call without a slot");
  const f = `${acc}.${s.field}`;
  switch (s.fn) {
    case "count": return s.call.args.length === 0 ? `${acc}.n` : f;
    case "avg": {
      const nonNulls = s.skipsNulls?.nonNulls;
      return nonNulls === undefined ? `(${f} / ${acc}.n)` : `(${acc}.${nonNulls} === 0 ? null : ${f} / ${acc}.${nonNulls})`;
    }
    case "min": case "max": case "first": case "last": return `(${f} as ${tsTypeOf(call.type ?? { kind: "unknown" })})`;
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
