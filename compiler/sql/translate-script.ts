// A SQL script → one `.flow` program: DDL fills the catalog; every INSERT INTO (alone or in a statement set) and every
// top-level SELECT becomes a job. Jobs are named `insert_<table>` (the sink is the table: `nexmark_q5`) or `query_<n>`
// (its rows go to a `collect()` sink `result_<n>`). Settings of `SET` apply to the jobs after them: parallelism
// (`parallelism.default`) and checkpoints (`execution.checkpointing.interval`, `execution.checkpointing.mode`).
import { join } from "node:path";
import type { Declaration, Expr, ImportDecl, JobDecl, JobItem, Program, SinkDecl } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import { PACKAGE_ROOT, RUNNING_FROM_SOURCES } from "../bundle/package-layout.js";
import type { Reporter } from "../diagnostics/diagnostic.js";
import type { Insert, Query, Statement } from "./ast.js";
import { Catalog, lastName, type CatalogFunction, type CatalogTable } from "./catalog.js";
import { arg, field, ident, nameExpr, pipeline, stringLit } from "./flow-nodes.js";
import { ROW_KIND_FIELD } from "../types/row-kind.js";
import { isFieldName, isGlobalKey, type Relation } from "./relation.js";
import { flinkDurationMs } from "./flink-duration.js";
import { jdbcSink, jetstreamSink, primaryKeyOf } from "./translate-external-connectors.js";
import { filePartitionArgs } from "./translate-file-sink.js";
import { fileConnector } from "./translate-table.js";
import { fieldNames, translateQuery } from "./translate-query.js";
import { withWindowColumns } from "./translate-window-columns.js";
import { abort, newJob, TranslationAborted, type Translator } from "./translator.js";

/** What a script's query job produces, for clients that display or forward its rows (`eddy sql`, the Table API). */
export interface SqlQueryInfo {
  /** The job: `insert_<table>` or `query_<n>`. */
  readonly job: string;
  readonly kind: "insert" | "select";
  /** The sink: an INSERT's table, a SELECT's `collect()` sink `result_<n>`. */
  readonly sink: string;
  /** Output columns in order (a SELECT's names, an INSERT's target columns) and the record field of each. */
  readonly columns: readonly { readonly name: string; readonly field: string }[];
  /**
   * Insert-only rows, or updates keyed by the record fields of `upsertKey` (a GROUP BY without window, a top-N). A
   * SELECT's records carry every key field, also those not among `columns`; an empty key is one row (a global
   * aggregate). An INSERT's key lists only the key fields among the table's columns. Or (`retract`) insertions and
   * deletions of rows (a regular outer join, EXCEPT), each record's kind in its field `rowKindField`.
   */
  readonly changelog: { readonly kind: "insert-only" } | { readonly kind: "upsert"; readonly upsertKey: readonly string[] } | { readonly kind: "retract"; readonly rowKindField: string };
  readonly span: Span;
}

export interface TranslatedScript {
  readonly program: Program;
  readonly queries: readonly SqlQueryInfo[];
  readonly catalog: Catalog;
}

/**
 * Flink's class names of Nexmark's UDFs → Eddy's TypeScript implementations, relative to the package root: the source
 * in a checkout, the compiled module (typed by its .d.ts) in an installed package, which ships lib/ only.
 */
const KNOWN_FUNCTIONS: ReadonlyMap<string, { module: string; exportName: string }> = new Map([
  ["com.github.nexmark.flink.udf.CountChar", { module: RUNNING_FROM_SOURCES ? "runtime/connectors/nexmark/udf/count-char.ts" : "lib/runtime/connectors/nexmark/udf/count-char.js", exportName: "countChar" }],
]);

export function translateScript(statements: readonly Statement[], file: string, reporter: Reporter): TranslatedScript {
  const catalog = new Catalog(reporter);
  const imports = new Map<string, ImportDecl & { local: string }>();
  const t: Translator = {
    file,
    reporter,
    catalog,
    sources: new Map(),
    sourceTables: new Map(),
    sinks: new Map(),
    imports: [],
    patterns: [],
    schemas: [],
    importFunction: (f) => importFunction(t, f, imports),
    job: newJob(),
  };
  const jobs: JobDecl[] = [];
  const queries: SqlQueryInfo[] = [];
  let selects = 0;
  const jobNames = new Set<string>();
  const jobName = (base: string) => {
    let name = isFieldName(base) ? base : "insert";
    for (let i = 2; jobNames.has(name); i++) name = `${base}_${i}`;
    jobNames.add(name);
    return name;
  };
  const run = (s: Insert | { kind: "QueryStatement"; query: Query; span: Span }) => {
    t.job = newJob();
    try {
      const info = s.kind === "Insert" ? translateInsert(t, s, jobName(`insert_${lastName(s.table)}`)) : translateSelectStatement(t, s.query, `query_${++selects}`, s.span);
      jobs.push({ kind: "JobDecl", name: ident(info.job, s.span), items: [...settingItems(t, s.span), ...t.job.items], span: s.span });
      queries.push(info);
    } catch (e) {
      if (!(e instanceof TranslationAborted)) throw e;
    }
  };
  for (const s of statements) {
    if (catalog.define(s)) continue;
    switch (s.kind) {
      case "Insert": run(s); break;
      case "QueryStatement": run(s); break;
      case "StatementSet": for (const i of s.statements) run(i); break;
      case "Explain": run(s.statement.kind === "StatementSet" ? s.statement.statements[0]! : s.statement); break;
      default: break;
    }
  }
  if (jobs.length === 0 && !reporter.diagnostics.some((d) => d.severity === "error")) reporter.report("SQL3016", { start: 0, end: 0 });
  const declarations: Declaration[] = [...imports.values(), ...t.schemas, ...t.sources.values(), ...t.sinks.values(), ...t.patterns, ...jobs];
  return { program: { kind: "Program", file, declarations, span: { start: 0, end: 0 } }, queries, catalog };
}

function importFunction(t: Translator, f: CatalogFunction, imports: Map<string, ImportDecl & { local: string }>): string {
  const known = imports.get(f.name.toLowerCase());
  if (known !== undefined) return known.local;
  const className = f.decl.className;
  const builtin = KNOWN_FUNCTIONS.get(className.value);
  let module: string;
  let exportName: string;
  if (builtin !== undefined) {
    module = join(PACKAGE_ROOT, builtin.module);
    exportName = builtin.exportName;
  } else {
    const hash = className.value.lastIndexOf("#");
    if (hash <= 0 || hash === className.value.length - 1 || (f.decl.language !== null && f.decl.language !== "JAVA")) {
      abort(t, "SQL3015", className.span, { problem: `Eddy's functions are TypeScript: '${className.value}' names no module and export`, hint: "write CREATE FUNCTION f AS './module.ts#exportName' (the module relative to the SQL file)" });
    }
    // why relative to the SQL file: `.flow` imports resolve against the importing file, and this one is the script
    module = className.value.slice(0, hash);
    exportName = className.value.slice(hash + 1);
  }
  const local = isFieldName(f.name) ? f.name : `udf${imports.size}`;
  const span = f.decl.span;
  imports.set(f.name.toLowerCase(), {
    kind: "ImportDecl",
    names: [{ kind: "ImportName", name: ident(exportName, className.span), alias: local === exportName ? null : ident(local, f.decl.name.at(-1)!.span), span }],
    from: stringLit(module, className.span),
    span,
    local,
  });
  return local;
}

/** The job settings `SET` gave so far, as `.flow` job items. */
function settingItems(t: Translator, span: Span): JobItem[] {
  const items: JobItem[] = [];
  const parallelism = t.catalog.settings.get("parallelism.default");
  if (parallelism !== undefined) {
    const n = Number(parallelism);
    if (!Number.isSafeInteger(n) || n < 1) abort(t, "SQL3005", span, { key: "parallelism.default", problem: `'${parallelism}' is not a positive whole number`, hint: "" });
    items.push({ kind: "ParallelismSetting", value: { kind: "IntLiteral", value: n, raw: String(n), span }, span });
  }
  const interval = t.catalog.settings.get("execution.checkpointing.interval");
  if (interval !== undefined) {
    const ms = flinkDurationMs(interval);
    if (ms === undefined) abort(t, "SQL3005", span, { key: "execution.checkpointing.interval", problem: `'${interval}' is not a duration`, hint: "write e.g. '10s', '500 ms' or '1 min'" });
    const mode = t.catalog.settings.get("execution.checkpointing.mode")?.toLowerCase().replace("-", "_");
    items.push({ kind: "CheckpointSetting", interval: { kind: "DurationLiteral", amount: ms, unit: "ms", value: ms, span }, mode: mode === "at_least_once" ? "at_least_once" : mode === "exactly_once" ? "exactly_once" : null, span });
  }
  return items;
}

function translateSelectStatement(t: Translator, query: Query, name: string, span: Span): SqlQueryInfo {
  const rel = withWindowColumns(t, translateQuery(t, query));
  const visible = rel.columns.filter((c) => c.hidden !== true);
  const virtual = visible.find((c) => c.field === null && c.virtual?.kind !== "constant");
  // (a window TVF's columns are values by now: only a PROCTIME() column is left virtual)
  if (virtual !== undefined) abort(t, "SQL3006", span, { what: `selecting \`${virtual.name}\` as a value`, hint: "read PROCTIME() columns through a window TVF" });
  const sinkName = name.replace(/^query_/, "result_");
  const sink: SinkDecl = { kind: "SinkDecl", name: ident(sinkName, span), type: null, connector: { kind: "ConnectorCall", name: ident("collect", span), args: [], span }, span };
  t.sinks.set(sinkName, sink);
  return finish(t, rel, visible.map((c) => c.name), name, "select", sinkName, span);
}

function translateInsert(t: Translator, s: Insert, job: string): SqlQueryInfo {
  const entry = t.catalog.lookup(s.table);
  const tableName = lastName(s.table);
  if (entry === undefined) abort(t, "SQL3001", s.table.at(-1)!.span, { name: tableName, hint: "declare the sink with CREATE TABLE … WITH ('connector' = 'blackhole' | 'print' | 'filesystem')" });
  if (entry.kind !== "table") abort(t, "SQL3006", s.table.at(-1)!.span, { what: "INSERT INTO a view", hint: "insert into a table" });
  if (s.partition.length > 0) abort(t, "SQL3006", s.partition[0]!.span, { what: "INSERT … PARTITION", hint: "" });
  if (s.overwrite) abort(t, "SQL3006", s.span, { what: "INSERT OVERWRITE on a stream", hint: "use INSERT INTO" });
  const targets = s.columns === null ? entry.columns.map((c) => c.name) : s.columns.map((c) => c.name);
  for (const c of s.columns ?? []) if (!entry.columns.some((x) => x.name === c.name)) abort(t, "SQL3002", c.span, { name: c.name, hint: `the columns of \`${tableName}\`: ${entry.columns.map((x) => x.name).join(", ")}` });
  const rel = withWindowColumns(t, translateQuery(t, s.query));
  // why: an append-only sink would keep every version of an updated row as a row of its own (Flink rejects this too)
  if (rel.changelog.kind === "upsert" && !takesUpdates(entry)) {
    abort(t, "SQL3018", s.table.at(-1)!.span, { table: tableName, connector: entry.connector ?? "", changes: "updates", why: "a GROUP BY without a window, a top-N", hint: entry.connector === "jdbc" ? "declare the table's PRIMARY KEY (… NOT ENFORCED): the sink then upserts on it" : "aggregate in windows (their rows are final), or write to a 'jdbc' table with a PRIMARY KEY, 'print' or 'blackhole'" });
  }
  // why a jdbc table with a PRIMARY KEY takes deletions too: its sink deletes the row of a -D (or -U) by the key
  if (rel.changelog.kind === "retract" && !takesUpdates(entry)) {
    abort(t, "SQL3018", s.table.at(-1)!.span, { table: tableName, connector: entry.connector ?? "", changes: "deletes", why: "a regular outer join retracts a NULL-padded row when its match arrives; EXCEPT a row the right side gets", hint: entry.connector === "jdbc" ? "declare the table's PRIMARY KEY (… NOT ENFORCED): the sink then upserts on it and deletes by it" : "bound the join by time (an interval join) or window (a window join), or write to a 'jdbc' table with a PRIMARY KEY, 'print' (its JSON rows say `\"__rowKind\": \"+I\"` or `\"-D\"`) or 'blackhole'" });
  }
  const sinkName = declareSink(t, entry, s.table.at(-1)!.span);
  return finish(t, rel, targets, job, "insert", sinkName, s.span);
}

/** The final `map` to the output columns (by position) and `to <sink>`. */
function finish(t: Translator, rel: Relation, targets: readonly string[], job: string, kind: "insert" | "select", sink: string, span: Span): SqlQueryInfo {
  const visible = rel.columns.filter((c) => c.hidden !== true);
  if (visible.length !== targets.length) abort(t, "SQL3010", span, { actual: String(visible.length), table: sink, expected: String(targets.length) });
  const names = targets.map((n) => {
    if (!isFieldName(n)) abort(t, "SQL3017", span, { name: n });
    return n;
  });
  const fields = fieldNames(names);
  const seen = new Set(fields);
  const values: Expr[] = visible.map((c) => (c.virtual?.kind === "constant" ? c.virtual.value : nameExpr(c.field!, span)));
  const byName = new Map(visible.map((c, i) => [c.field, fields[i]!]));
  // A SELECT's update rows also carry the key fields it did not select (a top-N's rank, a group key left out), so that
  // a client can tell which earlier row each one replaces; an INSERT's rows are the table's columns, nothing more.
  // (The constant of a global aggregate or an unpartitioned top-N identifies nothing: it is left out.)
  const shownKey = rel.changelog.kind === "upsert" ? rel.changelog.key.filter((k) => !isGlobalKey(k)) : [];
  const keyOnly = kind === "select" ? shownKey.filter((k) => !byName.has(k) && !seen.has(k)) : [];
  for (const k of keyOnly) {
    fields.push(k);
    values.push(nameExpr(k, span));
    byName.set(k, k);
  }
  const identity = values.every((v, i) => v.kind === "NameExpr" && v.name === fields[i]) && fields.length === rel.columns.filter((c) => c.field !== null).length;
  const ops = identity ? [] : [{ kind: "MapOp" as const, fields: fields.map((f, i) => field(f, values[i]!, span)), span }];
  t.job.items.push(pipeline(rel.stream, [...ops, { kind: "ToOp", sink: ident(sink, span), span }], span));
  const changelog: SqlQueryInfo["changelog"] = rel.changelog.kind === "upsert"
    ? { kind: "upsert", upsertKey: shownKey.flatMap((k) => (byName.has(k) ? [byName.get(k)!] : [])) }
    : rel.changelog.kind === "retract" ? { kind: "retract", rowKindField: ROW_KIND_FIELD } : { kind: "insert-only" };
  return { job, kind, sink, columns: names.map((name, i) => ({ name, field: fields[i]! })), changelog, span };
}

/**
 * Sinks that take an update stream or a changelog with deletions: upserts and deletions on a jdbc table's PRIMARY KEY;
 * print and blackhole take any row.
 */
function takesUpdates(table: CatalogTable): boolean {
  return table.connector === "print" || table.connector === "blackhole" || (table.connector === "jdbc" && primaryKeyOf(table).length > 0);
}

const SINK_CONNECTORS = ["blackhole", "print", "filesystem", "jdbc", "jetstream"] as const;

function declareSink(t: Translator, table: CatalogTable, span: Span): string {
  const name = isFieldName(table.name) ? table.name : `sink${t.sinks.size}`;
  if (t.sinks.has(name)) return name;
  const d = table.decl.span;
  let call: SinkDecl["connector"];
  switch (table.connector) {
    case "blackhole": call = { kind: "ConnectorCall", name: ident("discard", d), args: [], span: d }; break;
    case "print": call = { kind: "ConnectorCall", name: ident("stdout", d), args: [arg(stringLit("jsonl", d), "format")], span: d }; break;
    case "filesystem": {
      call = { kind: "ConnectorCall", name: ident("file", d), args: [...fileConnector(t, table, "sink"), ...filePartitionArgs(t, table)], span: d };
      break;
    }
    case "jdbc": call = jdbcSink(t, table); break;
    case "jetstream": call = jetstreamSink(t, table); break;
    case null: abort(t, "SQL3005", span, { key: "connector", problem: `table \`${table.name}\` has no connector`, hint: `add WITH ('connector' = '${SINK_CONNECTORS.join("' | '")}')` });
    default: abort(t, "SQL3004", table.options.get("connector")!.span, { role: "sink", name: table.connector, available: SINK_CONNECTORS.join(", ") });
  }
  t.sinks.set(name, { kind: "SinkDecl", name: ident(name, d), type: null, connector: call, span: d });
  return name;
}
