// Tables in systems outside the job: PostgreSQL through Flink's JDBC connector (`'connector' = 'jdbc'`, a bounded scan
// source, a lookup table or a sink) and NATS JetStream through Eddy's own (`'connector' = 'jetstream'`, a source or a
// sink; Flink has none). Each becomes the `.flow` connector of the same system (docs/language.md, "Connectors"), with
// Flink's option names mapped onto its parameters; an option the `.flow` connector cannot honour is a located
// diagnostic, not silently dropped.
import type { Argument, ConnectorCall, Expr } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { CatalogTable } from "./catalog.js";
import { arg, boolLit, durationLit, ident, numberLit, stringLit } from "./flow-nodes.js";
import { flinkDurationMs } from "./flink-duration.js";
import { abort, type Translator } from "./translator.js";

type TableOption = { readonly value: string; readonly span: Span; readonly keySpan: Span };

/** Flink's partitioned scan: the four options go together. */
const PARTITION_OPTIONS = ["scan.partition.column", "scan.partition.num", "scan.partition.lower-bound", "scan.partition.upper-bound"] as const;
/**
 * The options a connector accepts, for the hint of an unknown one. One table may be read and written, so a jdbc table
 * takes the options of both roles; those of the other role do nothing (as in Flink).
 */
const JDBC_OPTIONS = ["url", "table-name", "username", "password", "driver", "sink.buffer-flush.max-rows", ...PARTITION_OPTIONS, "scan.fetch-size", "scan.auto-commit"] as const;
const JETSTREAM_SOURCE_OPTIONS = ["servers", "stream", "subject", "format", "scan.bounded", "scan.start-sequence"] as const;
const JETSTREAM_SINK_OPTIONS = ["servers", "stream", "subject", "format", "sink.min-duplicate-window"] as const;

/** The PostgreSQL JDBC driver's class: the only `driver` a `jdbc` table may name (Eddy writes to PostgreSQL only). */
const POSTGRES_DRIVER = "org.postgresql.Driver";

function checkKeys(t: Translator, table: CatalogTable, known: readonly string[], what: string): void {
  for (const [key, o] of table.options) {
    if (key !== "connector" && !known.includes(key)) abort(t, "SQL3005", o.keySpan, { key, problem: `not an option of ${what}`, hint: `its options: ${known.join(", ")}` });
  }
}

function required(t: Translator, table: CatalogTable, key: string): TableOption {
  const o = table.options.get(key);
  if (o === undefined) abort(t, "SQL3005", table.decl.name.at(-1)!.span, { key, problem: `table \`${table.name}\` needs it`, hint: `add '${key}' = '…' to its WITH clause` });
  return o;
}

function wholeNumber(t: Translator, key: string, o: TableOption): number {
  const n = Number(o.value.trim());
  if (!/^\s*\d+\s*$/.test(o.value) || !Number.isSafeInteger(n) || n === 0) abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a positive whole number`, hint: "" });
  return n;
}

/** A whole number of either sign (Flink's Long options), e.g. a partition bound. */
function integer(t: Translator, key: string, o: TableOption): number {
  const n = Number(o.value.trim());
  if (!/^\s*-?\d+\s*$/.test(o.value) || !Number.isSafeInteger(n)) abort(t, "SQL3005", o.span, { key, problem: `'${o.value}' is not a whole number`, hint: "Flink's partition bounds are integers (BIGINT): write e.g. '0' and '999'" });
  return n;
}

/**
 * `jdbc:postgresql://host[:port]/db[?…]` with the table's username and password → the `postgres://` URL of Eddy's
 * sink. What the JDBC URL leaves out, the `PG*` environment variables supply, as for a `.flow` postgres sink.
 */
function postgresUrl(t: Translator, url: TableOption, user: TableOption | undefined, password: TableOption | undefined): string {
  const m = /^\s*jdbc:postgresql:\/\/([^/?#\s]*)(\/[^?#\s]*)?(\?[^#\s]*)?\s*$/.exec(url.value);
  if (m === null) abort(t, "SQL3005", url.span, { key: "url", problem: "Eddy's jdbc connector reads and writes PostgreSQL", hint: "write 'jdbc:postgresql://host:5432/database'" });
  if (password !== undefined && user === undefined) abort(t, "SQL3005", password.keySpan, { key: "password", problem: "a password needs a username", hint: "add 'username' = '…'" });
  const credentials = user === undefined ? "" : `${encodeURIComponent(user.value)}${password === undefined ? "" : `:${encodeURIComponent(password.value)}`}@`;
  return `postgres://${credentials}${m[1]}${m[2] ?? ""}${m[3] ?? ""}`;
}

/**
 * A `jdbc` table as a sink: Eddy's `postgres(…)` sink. With a PRIMARY KEY it writes upserts on the key and deletes by
 * it (Flink's JDBC sink also switches to upsert mode when the table declares one), so an update stream or a changelog
 * with deletions converges to the last row per key; without, it appends each checkpoint's rows exactly once (two-phase
 * commit).
 */
export function jdbcSink(t: Translator, table: CatalogTable): ConnectorCall {
  const args = jdbcArgs(t, table);
  const d = table.decl.span;
  const key = primaryKeyOf(table);
  if (key.length > 0) args.push(arg(stringLit("upsert", d), "mode"), arg({ kind: "ArrayLiteral", elements: key.map((k) => stringLit(k, d)), span: d }, "key"));
  const rows = table.options.get("sink.buffer-flush.max-rows");
  if (rows !== undefined) args.push(arg(numberLit(wholeNumber(t, "sink.buffer-flush.max-rows", rows), rows.span), "batchSize"));
  return { kind: "ConnectorCall", name: ident("postgres", d), args, span: d };
}

/** The options of every jdbc table — its PostgreSQL URL (with the credentials) and table name — checked, as arguments. */
function jdbcArgs(t: Translator, table: CatalogTable): Argument[] {
  for (const [key, o] of table.options) {
    // why a reason of its own: Flink's lookup options tune per-key queries and their cache, which Eddy does not make
    if (key.startsWith("lookup.")) abort(t, "SQL3005", o.keySpan, { key, problem: "Eddy loads a jdbc lookup table whole when the lookup opens: it queries no key, so there is no lookup cache or retry to set", hint: "leave it out (docs/sql.md, Queries: lookup joins)" });
  }
  checkKeys(t, table, JDBC_OPTIONS, "Eddy's jdbc connector");
  const driver = table.options.get("driver");
  if (driver !== undefined && driver.value.trim() !== POSTGRES_DRIVER) abort(t, "SQL3005", driver.span, { key: "driver", problem: "Eddy's jdbc connector reads and writes PostgreSQL", hint: `leave 'driver' out or write '${POSTGRES_DRIVER}'` });
  const url = postgresUrl(t, required(t, table, "url"), table.options.get("username"), table.options.get("password"));
  const name = required(t, table, "table-name");
  return [arg(stringLit(url, table.options.get("url")!.span), "url"), arg(stringLit(name.value, name.span), "table")];
}

/**
 * A `jdbc` table as a source (a query's FROM, or a lookup join's table): Eddy's `postgres(…)` source, a bounded scan of
 * the table — in ranges of `scan.partition.column` read in parallel when the four scan.partition options are given,
 * `scan.fetch-size` rows per round trip.
 */
export function jdbcSource(t: Translator, table: CatalogTable): ConnectorCall {
  const args = jdbcArgs(t, table);
  const partition = PARTITION_OPTIONS.map((key) => [key, table.options.get(key)] as const);
  const given = partition.filter(([, o]) => o !== undefined);
  if (given.length > 0 && given.length < partition.length) {
    const missing = partition.filter(([, o]) => o === undefined).map(([key]) => `'${key}'`);
    abort(t, "SQL3005", given[0]![1]!.keySpan, { key: given[0]![0], problem: `a partitioned scan needs ${missing.join(", ")} too (Flink takes the four scan.partition options together)`, hint: `add ${missing.map((k) => `${k} = '…'`).join(", ")}` });
  }
  if (given.length > 0) {
    const [column, num, lower, upper] = partition.map(([, o]) => o!) as [TableOption, TableOption, TableOption, TableOption];
    const c = table.columns.find((x) => x.name === column.value.trim());
    if (c === undefined) abort(t, "SQL3005", column.span, { key: "scan.partition.column", problem: `table \`${table.name}\` has no column '${column.value}'`, hint: `its columns: ${table.columns.map((x) => x.name).join(", ")}` });
    if (c.type.kind !== "int" && c.type.kind !== "float") abort(t, "SQL3005", column.span, { key: "scan.partition.column", problem: `column \`${c.name}\` is not numeric: the scan reads ranges of a numeric column`, hint: "partition on an INT, BIGINT, DOUBLE or DECIMAL column" });
    const lo = integer(t, "scan.partition.lower-bound", lower);
    const hi = integer(t, "scan.partition.upper-bound", upper);
    if (lo > hi) abort(t, "SQL3005", upper.span, { key: "scan.partition.upper-bound", problem: `${hi} is below the lower bound ${lo}`, hint: "the lower bound is the first range's smallest value, the upper bound the last range's largest" });
    args.push(
      arg(stringLit(c.name, column.span), "partitionColumn"),
      arg(numberLit(wholeNumber(t, "scan.partition.num", num), num.span), "partitions"),
      arg(signedLit(lo, lower.span), "lowerBound"),
      arg(signedLit(hi, upper.span), "upperBound"),
    );
  }
  const fetch = table.options.get("scan.fetch-size");
  // why 0 is left out: Flink's 0 means "no hint", and Eddy then fetches its default number of rows per round trip
  if (fetch !== undefined && fetch.value.trim() !== "0") args.push(arg(numberLit(wholeNumber(t, "scan.fetch-size", fetch), fetch.span), "fetchSize"));
  const autoCommit = table.options.get("scan.auto-commit");
  if (autoCommit !== undefined && autoCommit.value.trim().toLowerCase() !== "false") {
    abort(t, "SQL3005", autoCommit.span, { key: "scan.auto-commit", problem: "Eddy reads a jdbc table through a cursor inside a transaction (as Flink does with 'false'), not in auto-commit mode", hint: "leave it out or write 'false'" });
  }
  return { kind: "ConnectorCall", name: ident("postgres", table.decl.span), args, span: table.decl.span };
}

/** A whole-number literal, negated when below zero (`.flow` has no negative literals: `-5` is `-(5)`). */
function signedLit(n: number, span: Span): Expr {
  return n >= 0 ? numberLit(n, span) : { kind: "UnaryExpr", op: "-", operand: numberLit(-n, span), span };
}

/** The PRIMARY KEY columns of a table: a table constraint, or the one column declared `PRIMARY KEY`. */
export function primaryKeyOf(table: CatalogTable): readonly string[] {
  if (table.decl.primaryKey !== null) return table.decl.primaryKey.columns.map((c) => c.name);
  return table.decl.columns.flatMap((c) => (c.kind === "PhysicalColumn" && c.primaryKey ? [c.name.name] : []));
}

function checkJsonFormat(t: Translator, table: CatalogTable): void {
  const format = table.options.get("format");
  if (format !== undefined && format.value.trim().toLowerCase() !== "json") abort(t, "SQL3005", format.span, { key: "format", problem: `JetStream messages are JSON documents, not '${format.value}'`, hint: "leave 'format' out or write 'json'" });
}

/** The options of every jetstream table — its server, stream and subject (a sink needs one) — checked, as arguments. */
function jetstreamArgs(t: Translator, table: CatalogTable, known: readonly string[], what: string, needsSubject: boolean): Argument[] {
  checkKeys(t, table, known, what);
  checkJsonFormat(t, table);
  const servers = required(t, table, "servers");
  const stream = required(t, table, "stream");
  const args: Argument[] = [arg(stringLit(servers.value, servers.span), "servers"), arg(stringLit(stream.value, stream.span), "stream")];
  const subject = needsSubject ? required(t, table, "subject") : table.options.get("subject");
  if (subject !== undefined) args.push(arg(stringLit(subject.value, subject.span), "subject"));
  return args;
}

/** A `jetstream` table as a source: one JSON document per message, in stream order. */
export function jetstreamSource(t: Translator, table: CatalogTable): ConnectorCall {
  const args = jetstreamArgs(t, table, JETSTREAM_SOURCE_OPTIONS, "Eddy's jetstream source", false);
  const bounded = table.options.get("scan.bounded");
  if (bounded !== undefined) {
    const v = bounded.value.trim().toLowerCase();
    if (v !== "true" && v !== "false") abort(t, "SQL3005", bounded.span, { key: "scan.bounded", problem: `'${bounded.value}' is not 'true' or 'false'`, hint: "" });
    args.push(arg(boolLit(v === "true", bounded.span), "bounded"));
  }
  const start = table.options.get("scan.start-sequence");
  if (start !== undefined) args.push(arg(numberLit(wholeNumber(t, "scan.start-sequence", start), start.span), "start"));
  return { kind: "ConnectorCall", name: ident("jetstream", table.decl.span), args, span: table.decl.span };
}

/** A `jetstream` table as a sink: exactly-once JSON messages on `subject`. */
export function jetstreamSink(t: Translator, table: CatalogTable): ConnectorCall {
  const args = jetstreamArgs(t, table, JETSTREAM_SINK_OPTIONS, "Eddy's jetstream sink", true);
  const d = table.decl.span;
  const window = table.options.get("sink.min-duplicate-window");
  if (window !== undefined) {
    const ms = flinkDurationMs(window.value);
    if (ms === undefined) abort(t, "SQL3005", window.span, { key: "sink.min-duplicate-window", problem: `'${window.value}' is not a duration`, hint: "write it as Flink writes durations: '2 min', '120 s', '1 h'" });
    args.push(arg(durationLit(ms, window.span), "minDuplicateWindow"));
  }
  return { kind: "ConnectorCall", name: ident("jetstream", d), args, span: d };
}
