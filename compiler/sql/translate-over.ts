// OVER aggregations (`agg(x) OVER (PARTITION BY k ORDER BY ts ROWS|RANGE BETWEEN … PRECEDING AND CURRENT ROW)`) →
// `.flow`'s `over`: the rows keyed by the partition, extended with one field per distinct OVER call; the select list
// then reads those fields. Flink's rules: one window for every OVER call of a SELECT, ordered by the event-time
// attribute ascending, frames ending at the current row, over an insert-only input.
import type { Operator, RecordFieldInit } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { Call, Expr as SqlExpr, FrameBound, NamedWindow, TableRef, WindowSpec } from "./ast.js";
import { INT_COLUMN, type ColumnType } from "./column-type.js";
import { call, field, nameExpr } from "./flow-nodes.js";
import { printExpr, printWindow } from "./print-sql.js";
import { changingRows, timeAttributeAt, type Relation } from "./relation.js";
import { AGGREGATE_FUNCTIONS, forEachChild, intervalMs, nullSafe, translateExpr, type ExprScope, type Typed } from "./translate-expression.js";
import { aggregateCall } from "./translate-query.js";
import { abort, addStep, TranslationAborted, type Translator } from "./translator.js";

/** Calls with an OVER clause anywhere inside `e` (not inside subqueries). */
export function overCalls(e: SqlExpr, out: Call[] = []): Call[] {
  if (e.kind === "Call" && e.over !== null) {
    out.push(e);
    return out;
  }
  forEachChild(e, (c) => overCalls(c, out));
  return out;
}

/**
 * True when `from` is a subquery ranking its rows with ROW_NUMBER(): a top-N, whose rows are updates (Flink's rank
 * emits retractions as rows leave the top), seen without translating the subquery.
 */
export function ranksRows(from: TableRef | null): boolean {
  if (from?.kind !== "DerivedTable") return false;
  let body = from.query.body;
  while (body.kind === "Query") body = body.body;
  return body.kind === "Select" && body.items.some((i) => i.kind === "SelectExpr" && overCalls(i.expr).some((c) => c.name.length === 1 && c.name[0]!.name.toUpperCase() === "ROW_NUMBER"));
}

/** The relation with the OVER aggregates added as fields, and the scope the select list reads them through. */
export interface OverResult {
  readonly relation: Relation;
  readonly scope: ExprScope;
}

export function translateOver(t: Translator, rel: Relation, calls: readonly Call[], windows: readonly NamedWindow[]): OverResult {
  const window = sharedWindow(t, calls, windows);
  // why first: an update stream has no time attribute either, and this is what Flink says about it (Nexmark q6)
  if (rel.changelog.kind !== "insert-only") abort(t, "SQL3030", window.span, { what: changingRows(rel) });
  const time = checkOrder(t, rel, window);
  const frame = frameOf(t, window);
  const scope: ExprScope = { columns: rel.columns };
  const ops: Operator[] = [];
  // keyBy the partition (computed keys first become fields, as for a top-N); none: one partition
  const computed: RecordFieldInit[] = [];
  const keys = window.partitionBy.map((p, i) => {
    const typed = translateExpr(t, p, scope);
    if (typed.expr.kind === "NameExpr") return typed.expr;
    computed.push(field(`__p${i}`, typed.expr, p.span));
    return nameExpr(`__p${i}`, p.span);
  });
  if (computed.length > 0) ops.push({ kind: "ExtendOp", fields: computed, span: window.span });
  if (keys.length > 0) ops.push({ kind: "KeyByOp", keys, span: window.span });
  // one field per distinct call (the same call written twice is computed once)
  const fields = new Map<string, { field: string; type: ColumnType; truncate: boolean; nullable: boolean }>();
  const inits: RecordFieldInit[] = [];
  for (const c of calls) {
    const text = printExpr(c);
    if (fields.has(text)) continue;
    const name = c.name.map((n) => n.name).join(".").toUpperCase();
    if (c.name.length !== 1 || !AGGREGATE_FUNCTIONS.has(name)) abort(t, "SQL3034", c.span, { name });
    if (c.distinct) abort(t, "SQL3006", c.span, { what: `${name}(DISTINCT …) OVER (…)`, hint: "count the distinct values in a subquery" });
    const agg = aggregateCall(t, { ...c, over: null }, scope);
    const f = `__o${fields.size}`;
    inits.push(field(f, agg.expr, c.span));
    fields.set(text, { field: f, type: agg.type, truncate: agg.truncate, nullable: agg.nullable });
  }
  const preceding = frame.preceding === null ? null : frame.unit === "rows"
    ? { kind: "IntLiteral" as const, value: frame.preceding, raw: String(frame.preceding), span: frame.span }
    : { kind: "DurationLiteral" as const, amount: frame.preceding, unit: "ms" as const, value: frame.preceding, span: frame.span };
  ops.push({ kind: "OverOp", unit: frame.unit, preceding, processing: time === "processing", fields: inits, span: window.span });
  const stream = addStep(t, rel.stream, ops, window.span);
  const read: ExprScope = {
    columns: rel.columns,
    replace: (e) => {
      if (e.kind !== "Call" || e.over === null) return undefined;
      const f = fields.get(printExpr(e))!;
      const value: Typed = { expr: nameExpr(f.field, e.span), type: f.type, nullable: f.nullable };
      // why truncate: Flink's AVG of an integer column is an integer, as in GROUP BY
      if (!f.truncate) return value;
      return { ...nullSafe([value], ([v]) => call("toInt", [v!], e.span), e.span), type: INT_COLUMN };
    },
  };
  // The rows keep their columns, their event time and their order: insert-only, one row out per row in.
  return { relation: { ...rel, stream }, scope: read };
}

/**
 * The window every OVER call of the SELECT uses (Flink plans one OVER aggregate per window, and Eddy one per SELECT),
 * with `OVER w` read from the WINDOW clause.
 */
function sharedWindow(t: Translator, calls: readonly Call[], windows: readonly NamedWindow[]): WindowSpec {
  windows.forEach((w, i) => {
    if (windows.slice(0, i).some((v) => v.name.name === w.name.name)) abort(t, "SQL3011", w.name.span, { what: "window", name: w.name.name });
  });
  const resolve = (w: WindowSpec): WindowSpec => {
    if (w.name === null) return w;
    const named = windows.find((v) => v.name.name === w.name!.name);
    if (named === undefined) abort(t, "SQL3035", w.span, { name: w.name.name, hint: windows.length === 0 ? "add `WINDOW " + w.name.name + " AS (PARTITION BY … ORDER BY …)` after the SELECT's HAVING (or WHERE)" : `windows of this SELECT: ${windows.map((v) => v.name.name).join(", ")}` });
    if (named.spec.name !== null) abort(t, "SQL3006", named.spec.span, { what: "a window defined as another window", hint: "write the window's PARTITION BY, ORDER BY and frame" });
    return named.spec;
  };
  const first = calls[0]!.over!;
  const shared = resolve(first);
  for (const c of calls) {
    if (printWindow(resolve(c.over!)) !== printWindow(shared)) {
      t.reporter.report("SQL3031", c.over!.span, {}, { notes: [{ message: "the first OVER window of this SELECT", span: first.span, file: t.file }] });
      throw new TranslationAborted();
    }
  }
  return shared;
}

/** ORDER BY exactly a time attribute of the input, ascending: its event time, or its processing time (a PROCTIME() column). */
function checkOrder(t: Translator, rel: Relation, w: WindowSpec): "event" | "processing" {
  if (w.orderBy.length !== 1) abort(t, "SQL3032", w.orderBy[1]?.span ?? w.span);
  const o = w.orderBy[0]!;
  const attribute = o.expr.kind === "ColumnRef" ? timeAttributeAt(rel, o.expr.path.map((p) => p.name)) : null;
  if (attribute === null || o.descending) abort(t, "SQL3032", o.span);
  return attribute;
}

interface Frame {
  readonly unit: "rows" | "range";
  /** Rows, or milliseconds; null: UNBOUNDED PRECEDING. */
  readonly preceding: number | null;
  readonly span: Span;
}

/** The frame as `.flow`'s `over` takes it: without a frame clause, RANGE UNBOUNDED PRECEDING (SQL's default with ORDER BY). */
function frameOf(t: Translator, w: WindowSpec): Frame {
  const f = w.frame;
  if (f === null) return { unit: "range", preceding: null, span: w.span };
  const unit = f.unit === "ROWS" ? "rows" : "range";
  if (f.end !== null && f.end.kind !== "CurrentRow") abort(t, "SQL3033", f.end.span, { problem: "an OVER frame ends at CURRENT ROW", hint: "write `BETWEEN … PRECEDING AND CURRENT ROW`" });
  return { unit, preceding: precedingOf(t, unit, f.start), span: f.span };
}

function precedingOf(t: Translator, unit: "rows" | "range", b: FrameBound): number | null {
  switch (b.kind) {
    case "UnboundedPreceding": return null;
    case "CurrentRow": return 0;
    case "Preceding": {
      const offset = b.offset;
      if (unit === "rows") {
        const n = offset.kind === "Number" ? Number(offset.text) : NaN;
        if (!Number.isSafeInteger(n) || n < 0) abort(t, "SQL3033", offset.span, { problem: "ROWS counts rows: its offset is a whole number", hint: "e.g. ROWS BETWEEN 10 PRECEDING AND CURRENT ROW" });
        return n;
      }
      if (offset.kind !== "Interval") abort(t, "SQL3033", offset.span, { problem: "a RANGE frame over event time is an INTERVAL", hint: "e.g. RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW" });
      const ms = intervalMs(t, offset);
      if (ms < 0) abort(t, "SQL3033", offset.span, { problem: "a RANGE frame reaches back zero or more", hint: "" });
      return ms;
    }
    default: abort(t, "SQL3033", b.span, { problem: "an OVER frame starts before the current row (FOLLOWING rows are not known yet)", hint: "write `n PRECEDING`, `INTERVAL … PRECEDING` or `UNBOUNDED PRECEDING`" });
  }
}
