// Windowing table-valued functions: `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size))`, HOP (slide, size), SESSION (gap)
// and CUMULATE (step, size), with positional or named arguments (DATA, TIMECOL, SIZE, SLIDE, STEP, GAP). The result
// is the input's rows with window_start, window_end and window_time columns; they stay virtual until a GROUP BY
// window_start, window_end turns the relation into a `.flow` `window … | aggregate` (Flink's window aggregation), or
// until the rows are read as they are (translate-window-columns.ts assigns the windows then).
import type { Argument, Call, Expr as SqlExpr, TableArgument, TableFunction } from "./ast.js";
import { TIMESTAMP_COLUMN } from "./column-type.js";
import { resolveColumn, timeAttributeAt, type Column, type Relation, type WindowTvf } from "./relation.js";
import { intervalMs } from "./translate-expression.js";
import { translateFrom } from "./translate-query.js";
import { withWindowColumns } from "./translate-window-columns.js";
import { abort, type Translator } from "./translator.js";

interface TvfShape {
  readonly assigner: WindowTvf["assigner"];
  /** The names of the duration parameters in positional order, and the order `.flow` takes them in. */
  readonly durations: readonly string[];
  readonly flowOrder: readonly string[];
}

const TVFS: ReadonlyMap<string, TvfShape> = new Map([
  ["TUMBLE", { assigner: "tumbling", durations: ["SIZE"], flowOrder: ["SIZE"] }],
  ["HOP", { assigner: "sliding", durations: ["SLIDE", "SIZE"], flowOrder: ["SIZE", "SLIDE"] }],
  ["SESSION", { assigner: "session", durations: ["GAP"], flowOrder: ["GAP"] }],
  ["CUMULATE", { assigner: "cumulate", durations: ["STEP", "SIZE"], flowOrder: ["SIZE", "STEP"] }],
]);

export function translateWindowTvf(t: Translator, ref: TableFunction): Relation {
  const c: Call = ref.call;
  const name = c.name.map((n) => n.name).join(".").toUpperCase();
  const shape = TVFS.get(name);
  if (shape === undefined) abort(t, "SQL3006", ref.span, { what: `the table function ${name}`, hint: "the windowing TVFs TUMBLE, HOP, SESSION and CUMULATE are supported" });
  // Arguments by name: DATA, TIMECOL, then the durations; positional ones take the names in order.
  const order = ["DATA", "TIMECOL", ...shape.durations];
  const named = new Map<string, Argument>();
  c.args.forEach((a, i) => {
    if (a.kind === "NamedArgument") named.set(a.name.name.toUpperCase(), a.value);
    else if (i < order.length) named.set(order[i]!, a);
    else abort(t, "SQL3008", a.span, { name, expected: `${order.length} arguments (an offset is not supported)`, actual: String(c.args.length) });
  });
  const data = named.get("DATA");
  if (data?.kind !== "TableArgument") abort(t, "SQL3015", data?.span ?? ref.span, { problem: `${name} reads a table first`, hint: `write ${name}(TABLE t, DESCRIPTOR(ts), …)` });
  const input = tableArgument(t, data);
  const timecol = named.get("TIMECOL");
  if (timecol?.kind !== "Descriptor" || timecol.columns.length !== 1) abort(t, "SQL3015", timecol?.span ?? ref.span, { problem: `${name} takes the time attribute as DESCRIPTOR(column)`, hint: "" });
  const column = timecol.columns[0]!;
  const attribute = timeAttributeAt(input, [column.name]);
  const processing = attribute === "processing";
  if (attribute === null) {
    abort(t, "SQL3013", column.span, {
      problem: `\`${column.name}\` is not a time attribute of the table`,
      hint: input.rowtime === null ? "declare one with WATERMARK FOR in CREATE TABLE, or a PROCTIME() column" : `the table's event-time attribute is \`${input.columns.find((x) => x.field === input.rowtime)?.name ?? input.rowtime}\``,
    });
  }
  const ms = new Map<string, number>();
  for (const d of shape.durations) {
    const v = named.get(d) as SqlExpr | undefined;
    if (v?.kind !== "Interval") abort(t, "SQL3015", v?.span ?? ref.span, { problem: `${name} takes its ${d.toLowerCase()} as an INTERVAL`, hint: "e.g. INTERVAL '10' SECOND" });
    const n = intervalMs(t, v);
    if (n <= 0) abort(t, "SQL3015", v.span, { problem: `the ${d.toLowerCase()} of a window must be positive`, hint: "" });
    ms.set(d, n);
  }
  if (shape.assigner === "sliding" && ms.get("SIZE")! % ms.get("SLIDE")! !== 0) {
    abort(t, "SQL3015", ref.span, { problem: "HOP's size must be a whole multiple of its slide (as Flink requires)", hint: "" });
  }
  if (shape.assigner === "cumulate" && ms.get("SIZE")! % ms.get("STEP")! !== 0) {
    const size = named.get("SIZE")!;
    abort(t, "SQL3060", size.span, { size: String(ms.get("SIZE")!), step: String(ms.get("STEP")!) });
  }
  const time = input.rowtime;
  const assignedBy = processing || time === null ? {} : { assignedBy: { time, partition: shape.assigner === "session" ? partitionFields(t, data, input) : [] } };
  const window: WindowTvf = { assigner: shape.assigner, durations: shape.flowOrder.map((d) => ms.get(d)!), processing, span: ref.span, ...assignedBy };
  const bounds: Column[] = (["start", "end", "time"] as const).map((bound) => ({ name: `window_${bound}`, qualifier: null, field: null, type: TIMESTAMP_COLUMN, virtual: { kind: "window", bound } }));
  return { ...input, columns: [...input.columns, ...bounds], window };
}

/** The fields of SESSION's `PARTITION BY` columns: sessions are per partition, as in Flink (none: one for all rows). */
function partitionFields(t: Translator, data: TableArgument, input: Relation): string[] {
  return data.partitionBy.map((p) => {
    const r = p.kind === "ColumnRef" ? resolveColumn(input.columns, p.path.map((x) => x.name)) : null;
    if (r?.kind !== "column" || r.rest.length > 0 || r.column.field === null) abort(t, "SQL3006", p.span, { what: "PARTITION BY other than a column of the table", hint: "compute the key in a view and partition by its column" });
    return r.column.field;
  });
}

function tableArgument(t: Translator, a: TableArgument): Relation {
  const from = translateFrom(t, { kind: "TableName", name: a.name, asOf: null, alias: null, span: a.span }, []);
  // a view of a window TVF: its rows as they are (a session's window_time is then their time attribute)
  return withWindowColumns(t, from.relation);
}
