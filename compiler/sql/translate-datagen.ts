// A `'connector' = 'datagen'` table (Flink's DataGen SQL connector) as a `.flow` `datagen(…)` source: number-of-rows,
// rows-per-second and fields.<col>.kind/min/max/length/start/end as Flink reads them, and `seed` — an Eddy option:
// Flink's random values differ on every run, Eddy's come from the seed so that a replay makes the same rows.
import type { Argument, Expr, FieldDecl, RecordFieldInit } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { CatalogTable } from "./catalog.js";
import { typeNodeOf, type ColumnType } from "./column-type.js";
import { arg, field, ident, numberLit, stringLit } from "./flow-nodes.js";
import type { Column, Relation } from "./relation.js";
import { declareSource, watermarkNode, watermarkOf } from "./translate-table.js";
import { abort, type Translator } from "./translator.js";

const TABLE_OPTIONS: ReadonlyMap<string, string> = new Map([["number-of-rows", "rows"], ["rows-per-second", "rate"], ["seed", "seed"]]);
const FIELD_OPTIONS = new Set(["kind", "min", "max", "length", "start", "end"]);
const GENERATED: ReadonlySet<ColumnType["kind"]> = new Set(["int", "float", "string", "bool", "timestamp"]);

export function datagenRead(t: Translator, table: CatalogTable, qualifier: string): Relation {
  const span = table.decl.span;
  const args: Argument[] = [];
  const fields = new Map<string, RecordFieldInit[]>();
  for (const [key, o] of table.options) {
    if (key === "connector") continue;
    const setting = TABLE_OPTIONS.get(key);
    if (setting !== undefined) {
      args.push(arg(numberLit(wholeNumber(t, key, o), o.span), setting));
      continue;
    }
    const m = /^fields\.(.+)\.([a-z-]+)$/.exec(key);
    const column = m === null ? undefined : table.columns.find((c) => c.name === m[1]);
    if (m === null || !FIELD_OPTIONS.has(m[2]!)) {
      abort(t, "SQL3005", o.keySpan, { key, problem: "not an option of Eddy's datagen connector", hint: "the options: number-of-rows, rows-per-second, seed, fields.<column>.kind|min|max|length|start|end" });
    }
    if (column === undefined) abort(t, "SQL3005", o.keySpan, { key, problem: `table \`${table.name}\` has no column \`${m[1]}\``, hint: "" });
    const name = m[2]!;
    let value: Expr;
    if (name === "kind") {
      const kind = o.value.trim().toLowerCase();
      if (kind !== "random" && kind !== "sequence") abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a kind of field`, hint: "'random' or 'sequence'" });
      value = stringLit(kind, o.span);
    } else {
      const n = Number(o.value.trim());
      if (o.value.trim() === "" || !Number.isFinite(n)) abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a number`, hint: "" });
      value = numberLit(n, o.span);
    }
    const list = fields.get(column.name) ?? [];
    list.push(field(name, value, o.span));
    fields.set(column.name, list);
  }
  if (fields.size > 0) {
    args.push(arg({ kind: "RecordLiteral", fields: [...fields].map(([name, settings]) => field(name, { kind: "RecordLiteral", fields: settings, span }, span)), span }, "fields"));
  }
  if (table.decl.columns.some((c) => c.kind !== "PhysicalColumn")) {
    const c = table.decl.columns.find((x) => x.kind !== "PhysicalColumn")!;
    abort(t, "SQL3006", c.span, { what: "computed and metadata columns of a datagen table", hint: "compute them in a view over the table" });
  }
  const declared: FieldDecl[] = table.columns.map((c) => {
    if (!GENERATED.has(c.type.kind)) abort(t, "SQL3005", c.span, { key: c.name, problem: `Eddy's datagen makes INT/BIGINT, DOUBLE, STRING, BOOLEAN and TIMESTAMP columns, not ${c.type.kind}`, hint: "" });
    // why not nullable: the generator never makes NULL (Flink's null-rate is not supported)
    return { kind: "FieldDecl", name: ident(c.name, c.span), type: typeNodeOf(c.type, false, c.span)!, span: c.span };
  });
  const watermark = watermarkOf(t, table, span);
  const name = declareSource(t, table.name, table.name, (name) => ({
    kind: "SourceDecl", name: ident(name, span), type: { kind: "RecordTypeNode", fields: declared, span },
    connector: { kind: "ConnectorCall", name: ident("datagen", span), args, span },
    watermark: watermark === null ? null : watermarkNode(watermark), idle: null, span,
  }));
  const columns: Column[] = table.columns.map((c) => ({ name: c.name, qualifier, field: c.name, type: c.type as ColumnType }));
  return { stream: name, columns, rowtime: watermark?.column ?? null, window: null, windowBounds: null, changelog: { kind: "insert-only" } };
}

function wholeNumber(t: Translator, key: string, o: { value: string; span: Span }): number {
  const n = Number(o.value.trim());
  if (!/^\s*\d+\s*$/.test(o.value) || !Number.isSafeInteger(n)) abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a whole number`, hint: "" });
  return n;
}
