// Reports connector settings that depend on more than one argument or on the record type: the format of a
// `file(...)` connector (given, or said by the path's extension), the partitions of a `file(...)` sink or source and
// the key of a `postgres(...)` sink and whether it can take the changelogs with deletions sent to it, the scan of a
// `postgres(...)` source. Runs after sink types are inferred (a sink's key and partitions must name fields of its records).
import type { ConnectorCall, Expr } from "../ast/nodes.js";
import { checkDatagenFields } from "../types/check-datagen.js";
import { checkPostgresScan } from "../types/check-postgres-scan.js";
import { fileFormatOf, SINK_CONNECTORS, SOURCE_CONNECTORS } from "../types/connectors.js";
import { printType } from "../types/print-type.js";
import { hasRowKind, ROW_KIND_FIELD } from "../types/row-kind.js";
import { fieldOf, nonNull, type RecordType, type Type } from "../types/type.js";
import type { CheckContext } from "./context.js";

export function reportConnectorSettings(ctx: CheckContext): void {
  for (const decl of ctx.program.declarations) {
    if (decl.kind !== "SourceDecl" && decl.kind !== "SinkDecl") continue;
    const call = decl.connector;
    if (call.name.name === "file") reportFileFormat(ctx, call);
    if (call.name.name === "file" && decl.kind === "SinkDecl") reportFilePartitions(ctx, call, decl.recordType);
    else if (call.name.name === "file" && decl.kind === "SourceDecl") reportFileSourcePartitions(ctx, call, decl.recordType);
    else if (call.name.name === "postgres" && decl.kind === "SinkDecl") reportPostgresKey(ctx, call, decl.recordType);
    else if (call.name.name === "datagen" && decl.kind === "SourceDecl") checkDatagenFields(ctx.reporter, call, decl.recordType);
    else if (call.name.name === "postgres" && decl.kind === "SourceDecl") checkPostgresScan(ctx.reporter, decl, decl.recordType);
  }
  reportPostgresDeletions(ctx);
}

/** The argument of parameter `name` (positional ones by their index in `params`). */
function argument(call: ConnectorCall, params: readonly string[], name: string): Expr | undefined {
  const named = call.args.find((a) => a.name?.name === name);
  if (named !== undefined) return named.value;
  const index = params.indexOf(name);
  const positional = call.args.filter((a) => a.name === null);
  return index < 0 ? undefined : positional[index]?.value;
}

function reportFileFormat(ctx: CheckContext, call: ConnectorCall): void {
  const path = argument(call, ["path", "format"], "path");
  const format = argument(call, ["path", "format"], "format");
  // why: a format argument of the wrong type or value was reported when the arguments were checked
  if (path?.kind !== "StringLiteral" || format !== undefined) return;
  if (fileFormatOf(path.value, undefined) === undefined) ctx.reporter.report("FLOW3030", path.span, { path: path.value });
}

/** The parameter names of the `file(...)` sink or source, in positional order. */
const fileParams = (role: "source" | "sink") => (role === "sink" ? SINK_CONNECTORS : SOURCE_CONNECTORS).get("file")!.params.map((p) => p.name);

function reportFilePartitions(ctx: CheckContext, call: ConnectorCall, type: RecordType | undefined): void {
  const params = fileParams("sink");
  const partitionBy = argument(call, params, "partitionBy");
  const commit = argument(call, params, "commit");
  const keys = partitionBy === undefined ? [] : partitionColumns(ctx, partitionBy, type, "sink");
  // 1. the commit settings need partitions, and the delay and pattern a commit
  if (commit !== undefined && partitionBy === undefined) ctx.reporter.report("FLOW3057", commit.span, { name: "commit" });
  for (const name of ["commitDelay", "timePattern"]) {
    const arg = argument(call, params, name);
    if (arg !== undefined && (commit === undefined || partitionBy === undefined)) ctx.reporter.report("FLOW3057", arg.span, { name });
  }
  // 2. the time pattern refers to partition columns only (an invalid partitionBy was reported above)
  const pattern = argument(call, params, "timePattern");
  if (pattern?.kind !== "StringLiteral" || keys === null || keys.length === 0) return;
  const references = [...pattern.value.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const unknown = references.filter((r) => !keys.includes(r));
  if (unknown.length > 0) {
    ctx.reporter.report("FLOW3058", pattern.span, { text: `\`timePattern\` refers to \`$${unknown[0]}\`, which is not a partition column (${keys.map((k) => `\`${k}\``).join(", ")})` });
  } else if (references.length === 0) {
    ctx.reporter.report("FLOW3058", pattern.span, { text: "`timePattern` refers to no partition column (`$name`): every partition would have the same time" });
  }
}

/**
 * A partitioned source (the files of `path/dt=…/hm=…/`): its partition columns are fields of its records, read from
 * the directory names — so of a type a directory name can hold.
 */
function reportFileSourcePartitions(ctx: CheckContext, call: ConnectorCall, type: RecordType | undefined): void {
  const partitionBy = argument(call, fileParams("source"), "partitionBy");
  if (partitionBy === undefined || partitionColumns(ctx, partitionBy, type, "source") === null || type === undefined) return;
  for (const e of partitionBy.kind === "ArrayLiteral" ? partitionBy.elements : []) {
    const field = e.kind === "StringLiteral" ? fieldOf(type, e.value) : undefined;
    if (field === undefined || isDirectoryValue(field.type)) continue;
    ctx.reporter.report("FLOW3056", e.span, { text: `partition column \`${field.name}\` is a \`${printType(field.type)}\`: a directory name holds an int, float, string, bool, timestamp or duration` });
  }
}

/** A type whose values a partition directory's name holds as text: a primitive, or null (`__DEFAULT_PARTITION__`). */
function isDirectoryValue(type: Type): boolean {
  const kind = nonNull(type).kind;
  return kind === "int" || kind === "float" || kind === "string" || kind === "bool" || kind === "timestamp" || kind === "duration";
}

/** The partition columns `partitionBy` names, reporting what is wrong with them; null when it is not a list of names. */
function partitionColumns(ctx: CheckContext, partitionBy: Expr, type: RecordType | undefined, role: "source" | "sink"): string[] | null {
  if (partitionBy.kind !== "ArrayLiteral" || partitionBy.elements.length === 0 || !partitionBy.elements.every((e) => e.kind === "StringLiteral")) {
    ctx.reporter.report("FLOW3056", partitionBy.span, { text: "`partitionBy` must be a non-empty array of column names" });
    return null;
  }
  const keys: string[] = [];
  for (const e of partitionBy.elements as (Expr & { kind: "StringLiteral" })[]) {
    if (keys.includes(e.value)) ctx.reporter.report("FLOW3056", e.span, { text: `partition column \`${e.value}\` is given more than once` });
    else if (type !== undefined && type.fields.length > 0 && fieldOf(type, e.value) === undefined) ctx.reporter.report("FLOW2005", e.span, { name: e.value, type: `\`${printType(type)}\`` });
    keys.push(e.value);
  }
  // why: partition columns are not written into the rows; with every field one, the files would hold empty rows
  if (type !== undefined && type.fields.length > 0 && type.fields.every((f) => keys.includes(f.name))) {
    const text = role === "sink" ? "every field of the sink's records is a partition column: the rows written would be empty" : "every field of the source's records is a partition column: the rows of its files would be empty";
    ctx.reporter.report("FLOW3056", partitionBy.span, { text });
  }
  return keys;
}

function reportPostgresKey(ctx: CheckContext, call: ConnectorCall, type: RecordType | undefined): void {
  const params = ["url", "table", "mode", "key"];
  const mode = argument(call, params, "mode");
  const key = argument(call, params, "key");
  const upsert = mode?.kind === "StringLiteral" && mode.value === "upsert";
  if (key === undefined) {
    if (upsert) ctx.reporter.report("FLOW3031", mode.span, { text: "`mode: \"upsert\"` needs `key`: the columns rows are upserted by" });
    return;
  }
  if (!upsert) {
    ctx.reporter.report("FLOW3031", key.span, { text: "`key` applies only to `mode: \"upsert\"` (an exactly-once sink inserts every record)" });
    return;
  }
  const names: { name: string; span: Expr["span"] }[] = [];
  if (key.kind === "StringLiteral") names.push({ name: key.value, span: key.span });
  else if (key.kind === "ArrayLiteral" && key.elements.length > 0 && key.elements.every((e) => e.kind === "StringLiteral")) {
    for (const e of key.elements) names.push({ name: (e as Expr & { kind: "StringLiteral" }).value, span: e.span });
  } else {
    ctx.reporter.report("FLOW3031", key.span, { text: "`key` must be a column name or a non-empty array of column names" });
    return;
  }
  const seen = new Set<string>();
  for (const { name, span } of names) {
    if (seen.has(name)) ctx.reporter.report("FLOW3031", span, { text: `key column \`${name}\` is given more than once` });
    seen.add(name);
    // why: the change kind of a changelog's records decides what happens to a row, and is written into no column
    if (name === ROW_KIND_FIELD) ctx.reporter.report("FLOW3031", span, { text: `\`${ROW_KIND_FIELD}\` is the change a record makes (insert or delete), not a column` });
    // why: an untyped sink without inputs has no fields to check against (reported elsewhere as unused)
    if (type === undefined || type.fields.length === 0) continue;
    if (fieldOf(type, name) === undefined) ctx.reporter.report("FLOW2005", span, { name, type: `\`${printType(type)}\`` });
  }
}

/**
 * A changelog with deletions into a `postgres(...)` sink (FLOW4042 where it is sent): only an upsert sink applies its
 * deletions (by key), and only when its records keep `__rowKind` — an exactly-once sink would insert each deletion as a
 * row, and so would an upsert sink whose declared type leaves the field out. Sinks imported from another file count too.
 */
function reportPostgresDeletions(ctx: CheckContext): void {
  for (const [name, inputs] of ctx.sinkInputs) {
    const symbol = ctx.symbols.get(name);
    if (symbol?.kind !== "sink" || symbol.decl.connector.name.name !== "postgres") continue;
    const decl = symbol.decl;
    const mode = argument(decl.connector, ["url", "table", "mode"], "mode");
    // why only these: an unknown mode was reported when the arguments were checked
    const exactlyOnce = mode === undefined || (mode.kind === "StringLiteral" && mode.value === "exactly_once");
    const dropsKind = !exactlyOnce && decl.type !== null && decl.recordType !== undefined && !hasRowKind(decl.recordType);
    if (!exactlyOnce && !dropsKind) continue;
    const note = exactlyOnce
      ? { message: `sink \`${name}\` inserts every record (exactly-once)`, span: mode?.span ?? decl.connector.span, file: symbol.file }
      : { message: `sink \`${name}\` declares its records without \`${ROW_KIND_FIELD}\``, span: decl.type!.span, file: symbol.file };
    for (const input of inputs) {
      if (input.file !== ctx.file || !hasRowKind(input.type)) continue;
      ctx.reporter.report("FLOW4042", input.span, exactlyOnce
        ? { what: `the exactly-once \`postgres\` sink \`${name}\``, hint: "write it with `mode: \"upsert\", key: …` (the table's primary key): an upsert sink deletes the row of a `-D` by its key" }
        : { what: `the \`postgres\` sink \`${name}\`, typed without \`${ROW_KIND_FIELD}\`,`, hint: `leave the sink's type out, or add \`${ROW_KIND_FIELD}: string\` to it: the upsert sink then deletes the row of a \`-D\` by its key (the field is no column)` },
        { notes: [note] });
    }
  }
}
