// A window TVF's rows read as they are (Flink's window TVF without aggregation, StreamExecWindowTableFunction): every
// row once per window it belongs to, with window_start, window_end and window_time (= window_end − 1 ms) as values.
// The windows Flink's assigners give a row at time ts, built from existing `.flow` steps:
//   TUMBLE(size)        one window: [tumbleStart(ts, size), + size)                    → a `map`
//   HOP(slide, size)    size/slide windows, latest start first: tumbleStart(ts, slide) − i·slide, i = 0 … size/slide − 1
//                                                                                      → `flatMap [0, 1, …] as i` + `map`
//   CUMULATE(step, size) from tumbleStart(ts, size), the ends step·j (j = 1 … size/step) after ts, earliest first
//                                                                                      → `flatMap [1, 2, …] as j` + `filter` + `map`
//   SESSION(gap)        a row's session is known once it closes (Flink's UnalignedWindowTableFunctionOperator emits the
//                       session's rows, in arrival order, when the watermark passes its end): per PARTITION BY key,
//                       `window session(gap) | aggregate { rows: collect({…}) }` + `flatMap rows` + `map`
// Aligned windows (the first three) leave each row its own timestamp, so the input's time attribute stays the rows';
// a session's rows carry its window_time as their timestamp, which becomes their time attribute.
import type { Expr, Operator, RecordFieldInit } from "../ast/nodes.js";
import type { Expr as SqlExpr } from "./ast.js";
import { binary, durationLit, field, fieldAccess, ident, intList, nameExpr, numberLit, call } from "./flow-nodes.js";
import { resolveColumn, type Column, type Relation } from "./relation.js";
import { forEachChild } from "./translate-expression.js";
import { abort, addStep, type Translator } from "./translator.js";

/** `rel` with its window TVF's rows assigned to their windows and the window columns real fields; `rel` itself if it has no window TVF. */
export function withWindowColumns(t: Translator, rel: Relation): Relation {
  const window = rel.window;
  if (window === null) return rel;
  if (window.assignedBy === undefined) {
    // why: a `.flow` expression has no clock (expressions are pure), and no other step tells a row's processing time
    abort(t, "SQL3006", window.span, { what: "a processing-time window TVF without aggregation", hint: "window on an event-time attribute (a WATERMARK column), or aggregate the rows with GROUP BY window_start, window_end" });
  }
  const span = window.span;
  const { time, partition } = window.assignedBy;
  const present = [...new Set(rel.columns.flatMap((c) => (c.field === null ? [] : [c.field])))];
  const taken = new Set(present);
  const fresh = (base: string) => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };
  const bounds = { start: fresh("window_start"), end: fresh("window_end"), time: fresh("window_time") };
  const ts = nameExpr(time, span);
  const ms = (n: number) => durationLit(n, span);
  const ops: Operator[] = [];
  // The window's start and end as expressions over the record after `ops` (inputs kept as fields of the same names).
  let start: Expr;
  let end: Expr;
  let read = (f: string): Expr => nameExpr(f, span);
  switch (window.assigner) {
    case "tumbling": {
      const [size] = window.durations as [number];
      start = call("tumbleStart", [ts, ms(size)], span);
      end = binary("+", start, ms(size), span);
      break;
    }
    case "sliding": {
      const [size, slide] = window.durations as [number, number];
      const i = fresh("__window_index");
      ops.push({ kind: "FlatMapOp", expr: intList(0, size / slide - 1, span), as: ident(i, span), span });
      start = binary("-", call("tumbleStart", [ts, ms(slide)], span), binary("*", ms(slide), nameExpr(i, span), span), span);
      end = binary("+", start, ms(size), span);
      break;
    }
    case "cumulate": {
      const [size, step] = window.durations as [number, number];
      const j = fresh("__window_step");
      ops.push({ kind: "FlatMapOp", expr: intList(1, size / step, span), as: ident(j, span), span });
      start = call("tumbleStart", [ts, ms(size)], span);
      end = binary("+", start, binary("*", ms(step), nameExpr(j, span), span), span);
      // the windows of the cycle that end after the row: Flink's first end is tumbleStart(ts, step) + step
      ops.push({ kind: "FilterOp", condition: binary(">", end, ts, span), span });
      break;
    }
    case "session": {
      const [gap] = window.durations as [number];
      const rows = fresh("__session_rows");
      const row = fresh("__session_row");
      if (partition.length > 0) ops.push({ kind: "KeyByOp", keys: partition.map((p) => nameExpr(p, span)), span });
      else {
        const g = fresh("__g");
        ops.push({ kind: "ExtendOp", fields: [field(g, numberLit(0, span))], span });
        ops.push({ kind: "KeyByOp", keys: [nameExpr(g, span)], span });
      }
      const record: Expr = { kind: "RecordLiteral", fields: present.map((f) => field(f, nameExpr(f, span))), span };
      ops.push({ kind: "WindowOp", assigner: { kind: "WindowAssigner", name: ident("session", span), args: [{ kind: "Argument", name: null, value: ms(gap), span }], processing: false, span }, trigger: null, allowedLateness: null, lateTo: null, span });
      ops.push({ kind: "AggregateOp", fields: [field(rows, call("collect", [record], span)), field(bounds.start, fieldAccess("window", "start", span)), field(bounds.end, fieldAccess("window", "end", span))], span });
      ops.push({ kind: "FlatMapOp", expr: nameExpr(rows, span), as: ident(row, span), span });
      start = nameExpr(bounds.start, span);
      end = nameExpr(bounds.end, span);
      read = (f) => fieldAccess(row, f, span);
      break;
    }
  }
  const fields: RecordFieldInit[] = [
    ...present.map((f) => field(f, read(f), span)),
    field(bounds.start, start, span),
    field(bounds.end, end, span),
    // window_time is window_end − 1 ms, as Flink's TimeWindow.maxTimestamp()
    field(bounds.time, binary("-", end, ms(1), span), span),
  ];
  ops.push({ kind: "MapOp", fields, span });
  const stream = addStep(t, rel.stream, ops, span);
  const columns: Column[] = rel.columns.map((c) => {
    if (c.virtual?.kind !== "window") return c;
    const { virtual: _, ...real } = c;
    return { ...real, field: bounds[c.virtual.bound] };
  });
  const rowtime = window.assigner === "session" ? bounds.time : rel.rowtime;
  return { ...rel, stream, columns, rowtime, window: null, windowBounds: null };
}

/** True when `e` reads one of a window TVF's window_start, window_end, window_time columns of `rel`. */
export function readsWindowColumn(rel: Relation, e: SqlExpr): boolean {
  if (rel.window === null) return false;
  if (e.kind === "ColumnRef") {
    const r = resolveColumn(rel.columns, e.path.map((p) => p.name));
    return r.kind === "column" && r.column.virtual?.kind === "window";
  }
  let reads = false;
  forEachChild(e, (c) => {
    reads ||= readsWindowColumn(rel, c);
  });
  return reads;
}
