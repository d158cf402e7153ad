// Tables in systems outside the job: PostgreSQL through Flink's JDBC connector (`'connector' = 'jdbc'`, a sink) and
// NATS JetStream through Eddy's own (`'connector' = 'jetstream'`, a source or a sink; Flink has none). Each becomes
// the `.flow` connector of the same system (docs/language.md, "Connectors"), with Flink's option names mapped onto
// its parameters; an option the `.flow` connector cannot honour is a located diagnostic, not silently dropped.
import type { Argument, ConnectorCall } from "../ast/nodes.js";
import type { Span } from "../ast/span.js";
import type { CatalogTable } from "./catalog.js";
import { arg, boolLit, durationLit, ident, numberLit, stringLit } from "./flow-nodes.js";
import { flinkDurationMs } from "./flink-duration.js";
import { abort, type Translator } from "./translator.js";

type TableOption = { readonly value: string; readonly span: Span; readonly keySpan: Span };

/** The options a connector accepts, for the hint of an unknown one. */
const JDBC_OPTIONS = ["url", "table-name", "username", "password", "driver", "sink.buffer-flush.max-rows"] as const;
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

/**
 * `jdbc:postgresql://host[:port]/db[?…]` with the table's username and password → the `postgres://` URL of Eddy's
 * sink. What the JDBC URL leaves out, the `PG*` environment variables supply, as for a `.flow` postgres sink.
 */
function postgresUrl(t: Translator, url: TableOption, user: TableOption | undefined, password: TableOption | undefined): string {
  const m = /^\s*jdbc:postgresql:\/\/([^/?#\s]*)(\/[^?#\s]*)?(\?[^#\s]*)?\s*$/.exec(url.value);
  if (m === null) abort(t, "SQL3005", url.span, { key: "url", problem: "Eddy's jdbc connector writes to PostgreSQL", hint: "write 'jdbc:postgresql://host:5432/database'" });
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
  checkKeys(t, table, JDBC_OPTIONS, "Eddy's jdbc connector");
  const driver = table.options.get("driver");
  if (driver !== undefined && driver.value.trim() !== POSTGRES_DRIVER) abort(t, "SQL3005", driver.span, { key: "driver", problem: "Eddy's jdbc connector writes to PostgreSQL", hint: `leave 'driver' out or write '${POSTGRES_DRIVER}'` });
  const url = postgresUrl(t, required(t, table, "url"), table.options.get("username"), table.options.get("password"));
  const d = table.decl.span;
  const name = required(t, table, "table-name");
  const args: Argument[] = [arg(stringLit(url, table.options.get("url")!.span), "url"), arg(stringLit(name.value, name.span), "table")];
  const key = primaryKeyOf(table);
  if (key.length > 0) args.push(arg(stringLit("upsert", d), "mode"), arg({ kind: "ArrayLiteral", elements: key.map((k) => stringLit(k, d)), span: d }, "key"));
  const rows = table.options.get("sink.buffer-flush.max-rows");
  if (rows !== undefined) args.push(arg(numberLit(wholeNumber(t, "sink.buffer-flush.max-rows", rows), rows.span), "batchSize"));
  return { kind: "ConnectorCall", name: ident("postgres", d), args, span: d };
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
