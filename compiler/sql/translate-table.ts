// Reading a catalog table: its connector becomes a `.flow` source declaration (one per table and event kind), its
// WATERMARK the source's `watermark … delay …`. A `nexmark` table is read the way Nexmark's own ddl_views.sql reads
// it — through one kind of event (`WHERE event_type = 2` and the `bid.*` columns) — which Eddy's nexmark connector
// produces directly (`nexmark(table: "bid")`): Flink's filter and projection push-down into the source, done here.
import type { Argument, ConnectorCall, FieldDecl, SourceDecl, Watermark } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { NEXMARK_TABLES } from "../types/nexmark.js";
import type { Expr as SqlExpr } from "./ast.js";
import type { CatalogTable } from "./catalog.js";
import { INT_COLUMN, typeNodeOf, type ColumnType } from "./column-type.js";
import { arg, boolLit, durationLit, ident, numberLit, stringLit } from "./flow-nodes.js";
import type { Column, Relation } from "./relation.js";
import { datagenRead } from "./translate-datagen.js";
import { intervalMs } from "./translate-expression.js";
import { jdbcSource, jetstreamSource } from "./translate-external-connectors.js";
import { fileSourcePartitionArgs } from "./translate-file-sink.js";
import { abort, type Translator } from "./translator.js";

/** The source connectors a table may name, for the error listing them. */
export const SOURCE_CONNECTORS = ["nexmark", "filesystem", "jetstream", "jdbc", "datagen"] as const;

const NEXMARK_KINDS = ["person", "auction", "bid"] as const;

/** Flink's nexmark connector options → Eddy's nexmark(...) settings (see runtime/connectors/nexmark/config.ts). */
const NEXMARK_OPTIONS: ReadonlyMap<string, string> = new Map([
  ["events.num", "events"],
  ["first-event.rate", "rate"],
  ["person.proportion", "personProportion"],
  ["auction.proportion", "auctionProportion"],
  ["bid.proportion", "bidProportion"],
  ["hot-auction.ratio", "hotAuctionRatio"],
  ["hot-seller.ratio", "hotSellersRatio"],
  ["hot-bidder.ratio", "hotBiddersRatio"],
  ["event.out-of-order-group-size", "outOfOrderGroupSize"],
]);

export interface TableRead {
  readonly relation: Relation;
  /** The WHERE conjuncts left to filter on (the event-kind filter of a nexmark table is consumed). */
  readonly remaining: SqlExpr[];
}

export function translateTable(t: Translator, table: CatalogTable, qualifier: string, where: SqlExpr[], span: Span): TableRead {
  switch (table.connector) {
    case "nexmark": return nexmarkRead(t, table, qualifier, where, span);
    case "filesystem": return { relation: typedRead(t, table, qualifier, fileCall(t, table)), remaining: where };
    case "jetstream": return { relation: typedRead(t, table, qualifier, jetstreamSource(t, table)), remaining: where };
    case "jdbc": return { relation: typedRead(t, table, qualifier, jdbcSource(t, table)), remaining: where };
    case "datagen": return { relation: datagenRead(t, table, qualifier), remaining: where };
    case null: abort(t, "SQL3005", table.decl.name.at(-1)!.span, { key: "connector", problem: `table \`${table.name}\` has no connector`, hint: `add WITH ('connector' = '${SOURCE_CONNECTORS.join("' | '")}', …)` });
    default: {
      const option = table.options.get("connector")!;
      abort(t, "SQL3004", option.span, { role: "source", name: table.connector, available: SOURCE_CONNECTORS.join(", ") });
    }
  }
}

function option(t: Translator, table: CatalogTable, key: string, required: true): { value: string; span: Span };
function option(t: Translator, table: CatalogTable, key: string, required: false): { value: string; span: Span } | undefined;
function option(t: Translator, table: CatalogTable, key: string, required: boolean): { value: string; span: Span } | undefined {
  const o = table.options.get(key);
  if (o === undefined && required) abort(t, "SQL3005", table.decl.span, { key, problem: `table \`${table.name}\` needs it`, hint: `add '${key}' = '…' to its WITH clause` });
  return o;
}

function integerOption(t: Translator, key: string, o: { value: string; span: Span }): number {
  const n = Number(o.value.trim());
  if (!/^\s*\d+\s*$/.test(o.value) || !Number.isSafeInteger(n)) abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a whole number`, hint: "" });
  return n;
}

/** `WATERMARK FOR col AS col - INTERVAL …`: the column and the delay (Eddy's bounded out-of-orderness). */
export function watermarkOf(t: Translator, table: CatalogTable, span: Span): { column: string; delayMs: number; span: Span } | null {
  const w = table.decl.watermark;
  if (w === null) return null;
  const e = w.expr;
  const reads = (x: SqlExpr) => x.kind === "ColumnRef" && x.path.length === 1 && x.path[0]!.name === w.column.name;
  if (reads(e)) return { column: w.column.name, delayMs: 0, span: w.span };
  if (e.kind === "Binary" && e.op === "-" && reads(e.left) && e.right.kind === "Interval") return { column: w.column.name, delayMs: intervalMs(t, e.right), span: w.span };
  abort(t, "SQL3006", e.span ?? span, { what: "this watermark expression", hint: `write WATERMARK FOR ${w.column.name} AS ${w.column.name} - INTERVAL 'n' SECOND (bounded out-of-orderness)` });
}

export function watermarkNode(w: { column: string; delayMs: number; span: Span }): Watermark {
  return { kind: "Watermark", field: ident(w.column, w.span), delay: durationLit(w.delayMs, w.span), span: w.span };
}

/**
 * The source reading `table` as `preferred` (a nexmark event kind, or the table's name), declared on first use: a
 * table read twice is one source read twice. Another table's source of the same name makes it `<table>_<preferred>`.
 */
export function declareSource(t: Translator, preferred: string, table: string, make: (name: string) => SourceDecl): string {
  for (const name of [preferred, `${table}_${preferred}`]) {
    const owner = t.sourceTables.get(name);
    if (owner === table) return name;
    if (owner === undefined) {
      t.sources.set(name, make(name));
      t.sourceTables.set(name, table);
      return name;
    }
  }
  throw new Error(`internal: no free source name for table ${table}`);
}

function nexmarkRead(t: Translator, table: CatalogTable, qualifier: string, where: SqlExpr[], span: Span): TableRead {
  // The event kind: a conjunct `event_type = k`.
  let kind: (typeof NEXMARK_KINDS)[number] | undefined;
  const remaining: SqlExpr[] = [];
  for (const c of where) {
    const k = eventTypeTest(c);
    if (k !== undefined && kind === undefined && NEXMARK_KINDS[k] !== undefined) kind = NEXMARK_KINDS[k];
    else remaining.push(c);
  }
  if (kind === undefined) abort(t, "SQL3009", span);
  const args: Argument[] = [];
  const rate = table.options.get("first-event.rate");
  for (const [key, o] of table.options) {
    if (key === "connector") continue;
    if (key === "next-event.rate") {
      if (rate === undefined || rate.value.trim() !== o.value.trim()) abort(t, "SQL3005", o.span, { key, problem: "Eddy generates events at one rate", hint: "give next-event.rate the value of first-event.rate" });
      continue;
    }
    const setting = NEXMARK_OPTIONS.get(key);
    if (setting === undefined) abort(t, "SQL3005", o.keySpan, { key, problem: "not an option of Eddy's nexmark connector", hint: `the options: ${[...NEXMARK_OPTIONS.keys(), "next-event.rate"].join(", ")}` });
    args.push(arg(numberLit(integerOption(t, key, o), o.span), setting));
  }
  args.push(arg(stringLit(kind, span), "table"));
  const watermark = watermarkOf(t, table, span);
  const record = NEXMARK_TABLES.get(kind)!;
  // The columns: the chosen kind's ROW fields (qualified by the ROW column's name, as `bid.price`), the computed
  // `dateTime`, and event_type as a constant.
  const columns: Column[] = [];
  for (const c of table.columns) {
    if (c.name === "event_type") {
      columns.push({ name: c.name, qualifier, field: null, type: INT_COLUMN, virtual: { kind: "constant", value: numberLit(NEXMARK_KINDS.indexOf(kind), span) } });
      continue;
    }
    if (c.name !== kind || c.type.kind !== "row") continue;
    for (const f of c.type.fields) {
      if (!record.fields.some((r) => r.name === f.name)) abort(t, "SQL3005", c.span, { key: `${c.name}.${f.name}`, problem: `Eddy's nexmark ${kind} has no field \`${f.name}\``, hint: `its fields: ${record.fields.map((r) => r.name).join(", ")}` });
      columns.push({ name: f.name, qualifier: kind, field: f.name, type: f.type, hidden: true, qualifiedOnly: true });
    }
  }
  for (const c of table.decl.columns) {
    if (c.kind !== "ComputedColumn") continue;
    // why only dateTime: the DDL computes it as the chosen kind's dateTime (a CASE on event_type), which the source carries
    if (c.name.name !== "dateTime") abort(t, "SQL3006", c.span, { what: `the computed column \`${c.name.name}\` of a nexmark table`, hint: "compute it in the view that reads the table" });
    columns.push({ name: "dateTime", qualifier, field: "dateTime", type: { kind: "timestamp" } });
  }
  if (watermark !== null && !columns.some((c) => c.field === watermark.column)) abort(t, "SQL3006", watermark.span, { what: `a watermark on \`${watermark.column}\``, hint: "Eddy's nexmark tables take their watermark on the computed dateTime column" });
  const name = declareSource(t, kind, table.name, (name) => ({
    kind: "SourceDecl", name: ident(name, table.decl.span), type: null,
    connector: { kind: "ConnectorCall", name: ident("nexmark", table.decl.span), args, span: table.decl.span },
    watermark: watermark === null ? null : watermarkNode(watermark), idle: null, span: table.decl.span,
  }));
  return { relation: { stream: name, columns, rowtime: watermark?.column ?? null, window: null, windowBounds: null, changelog: { kind: "insert-only" } }, remaining };
}

/** `event_type = k` (either way round) → k. */
function eventTypeTest(e: SqlExpr): number | undefined {
  if (e.kind !== "Binary" || e.op !== "=") return undefined;
  const isColumn = (x: SqlExpr) => x.kind === "ColumnRef" && x.path.at(-1)!.name === "event_type";
  const value = (x: SqlExpr) => (x.kind === "Number" && /^\d+$/.test(x.text) ? Number(x.text) : undefined);
  if (isColumn(e.left)) return value(e.right);
  if (isColumn(e.right)) return value(e.left);
  return undefined;
}

const FILE_FORMATS: ReadonlyMap<string, "jsonl" | "csv"> = new Map([["json", "jsonl"], ["csv", "csv"]]);

/**
 * The `file(...)` connector arguments of a filesystem table (shared by sources and sinks): its path, its format and,
 * for csv, `header: false` — Flink's csv format reads and writes rows only, the columns in DDL order (the partition
 * columns left out); a source of a PARTITIONED BY table also its `partitionBy`.
 */
export function fileConnector(t: Translator, table: CatalogTable, role: "source" | "sink" = "source"): Argument[] {
  const path = option(t, table, "path", true);
  const format = option(t, table, "format", true);
  const flowFormat = FILE_FORMATS.get(format.value.trim().toLowerCase());
  if (flowFormat === undefined) abort(t, "SQL3005", format.span, { key: "format", problem: `Eddy reads and writes 'json' (one object per line) and 'csv', not '${format.value}'`, hint: "" });
  const args = [arg(stringLit(localPath(t, path), path.span), "path"), arg(stringLit(flowFormat, format.span), "format")];
  if (flowFormat === "csv") args.push(arg(boolLit(false, format.span), "header"));
  // why sources only: a sink's partitions come with its commit options (translate-file-sink.ts's filePartitionArgs)
  return role === "source" ? [...args, ...fileSourcePartitionArgs(t, table)] : args;
}

/** A `path` option as a local path: Flink's paths are URIs, and `file://` names the local file system. */
function localPath(t: Translator, path: { value: string; span: Span }): string {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(path.value);
  if (scheme === null) return path.value;
  if (scheme[1]!.toLowerCase() !== "file") abort(t, "SQL3005", path.span, { key: "path", problem: `Eddy reads and writes the local file system, not '${scheme[1]}://'`, hint: "give a local path, or a file:// URI" });
  return path.value.slice("file://".length);
}

function fileCall(t: Translator, table: CatalogTable): ConnectorCall {
  return { kind: "ConnectorCall", name: ident("file", table.decl.span), args: fileConnector(t, table), span: table.decl.span };
}

/** A source typed by the table's columns (a file, a JetStream stream, a PostgreSQL table): the DDL is the schema its records must fit. */
function typedRead(t: Translator, table: CatalogTable, qualifier: string, connector: ConnectorCall): Relation {
  const span = table.decl.span;
  const watermarkColumn = table.decl.watermark?.column.name;
  // why the time attribute is not null: every row needs a timestamp (Flink fails a row whose rowtime is NULL; Eddy's
  // file source sends it to the dead-letter output)
  const nullable = (c: (typeof table.columns)[number]) => c.nullable && c.name !== watermarkColumn;
  const fields: FieldDecl[] = table.columns.map((c) => {
    const type = typeNodeOf(c.type, nullable(c), c.span);
    if (type === undefined) abort(t, "SQL3006", c.span, { what: `a ROW column of a ${table.connector} table`, hint: "flatten it into columns" });
    return { kind: "FieldDecl", name: ident(c.name, c.span), type, span: c.span };
  });
  if (table.decl.columns.some((c) => c.kind !== "PhysicalColumn")) {
    const c = table.decl.columns.find((x) => x.kind !== "PhysicalColumn")!;
    abort(t, "SQL3006", c.span, { what: `computed and metadata columns of a ${table.connector} table`, hint: "compute them in a view over the table" });
  }
  const watermark = watermarkOf(t, table, span);
  const name = declareSource(t, table.name, table.name, (name) => ({
    kind: "SourceDecl", name: ident(name, span), type: { kind: "RecordTypeNode", fields, span },
    connector,
    watermark: watermark === null ? null : watermarkNode(watermark), idle: null, span,
  }));
  const columns: Column[] = table.columns.map((c) => ({ name: c.name, qualifier, field: c.name, type: c.type as ColumnType, nullable: nullable(c) }));
  return { stream: name, columns, rowtime: watermark?.column ?? null, window: null, windowBounds: null, changelog: { kind: "insert-only" } };
}
