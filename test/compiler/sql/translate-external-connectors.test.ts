// Tables in PostgreSQL (Flink's `jdbc` connector) and NATS JetStream (Eddy's `jetstream`) become the `.flow`
// connectors of those systems: each case reads the `.flow` the SQL translates to, and each wrong option is one
// diagnostic on the option. (test/integration/postgres/sql-jdbc-sink.test.ts writes through them into a real server,
// test/integration/postgres/sql-jdbc-source.test.ts reads a real table.)
import test from "ava";
import { printDeclaration } from "../../../compiler/ast/index.js";
import { printProgram } from "../../../compiler/ast/print.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { flinkDurationMs } from "../../../compiler/sql/flink-duration.js";

const T = "CREATE TABLE t (a INT NOT NULL, b STRING) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";

/** The `.flow` declaration of the sink or source named `name` in the translated program. */
function declaration(text: string, name: string): string {
  const result = checkSql(text, "q.sql");
  if (!result.check.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const decl = result.check.program!.declarations.find((d) => (d.kind === "SinkDecl" || d.kind === "SourceDecl") && d.name.name === name)!;
  return printDeclaration(decl);
}

/** The errors of a script as [code, the text their span covers]. */
function errors(text: string): [string, string][] {
  return checkSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, text.slice(d.span.start, d.span.end)]);
}

test("a jdbc table without a primary key is an exactly-once PostgreSQL sink; credentials go into the URL, escaped", (t) => {
  const sql = `${T}CREATE TABLE out_ (a INT, b STRING) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://db.local:5433/shop?sslmode=disable', 'table-name' = 'public.out', 'username' = 'eddy', 'password' = 'p@ss:w/rd', 'sink.buffer-flush.max-rows' = '250');\nINSERT INTO out_ SELECT a, b FROM t;`;
  t.is(declaration(sql, "out_"), 'sink out_ = postgres(url: "postgres://eddy:p%40ss%3Aw%2Frd@db.local:5433/shop?sslmode=disable", table: "public.out", batchSize: 250)');
});

test("a jdbc table with a PRIMARY KEY upserts on it, so a GROUP BY's update rows converge to one row per key", (t) => {
  const inline = `${T}CREATE TABLE totals (a INT PRIMARY KEY NOT ENFORCED, n BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1:5432/test', 'table-name' = 'totals');\nINSERT INTO totals SELECT a, COUNT(*) FROM t GROUP BY a;`;
  t.is(declaration(inline, "totals"), 'sink totals = postgres(url: "postgres://127.0.0.1:5432/test", table: "totals", mode: "upsert", key: ["a"])');
  const constraint = `${T}CREATE TABLE totals (a INT, b STRING, n BIGINT, PRIMARY KEY (a, b) NOT ENFORCED) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1/test', 'table-name' = 'totals', 'driver' = 'org.postgresql.Driver');\nINSERT INTO totals SELECT a, b, COUNT(*) FROM t GROUP BY a, b;`;
  t.is(declaration(constraint, "totals"), 'sink totals = postgres(url: "postgres://127.0.0.1/test", table: "totals", mode: "upsert", key: ["a", "b"])');
});

test("an update stream into a table that only appends is SQL3018 on the table's name; print and blackhole take it", (t) => {
  const group = "SELECT a, COUNT(*) FROM t GROUP BY a;";
  t.deepEqual(errors(`${T}CREATE TABLE o (a INT, n BIGINT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o');\nINSERT INTO o ${group}`), [["SQL3018", "o"]]);
  t.deepEqual(errors(`${T}CREATE TABLE o (a INT, n BIGINT) WITH ('connector' = 'jetstream', 'servers' = 'h:4222', 'stream' = 'S', 'subject' = 's');\nINSERT INTO o ${group}`), [["SQL3018", "o"]]);
  t.deepEqual(errors(`${T}CREATE TABLE o (a INT, n BIGINT) WITH ('connector' = 'print');\nINSERT INTO o ${group}`), []);
  t.deepEqual(errors(`${T}CREATE TABLE o (a INT, n BIGINT) WITH ('connector' = 'blackhole');\nINSERT INTO o ${group}`), []);
});

test("jdbc options Eddy cannot honour are located diagnostics", (t) => {
  const table = (options: string) => `${T}CREATE TABLE o (a INT) WITH ('connector' = 'jdbc', ${options});\nINSERT INTO o SELECT a FROM t;`;
  t.deepEqual(errors(table("'url' = 'jdbc:mysql://h/db', 'table-name' = 'o'")), [["SQL3005", "'jdbc:mysql://h/db'"]]);
  t.deepEqual(errors(table("'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o', 'driver' = 'com.mysql.Driver'")), [["SQL3005", "'com.mysql.Driver'"]]);
  t.deepEqual(errors(table("'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o', 'sink.max-retries' = '3'")), [["SQL3005", "'sink.max-retries'"]]);
  t.deepEqual(errors(table("'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o', 'password' = 'x'")), [["SQL3005", "'password'"]]);
  t.deepEqual(errors(table("'url' = 'jdbc:postgresql://h/db'")), [["SQL3005", "o"]]);
});

const CUSTOMERS = (options: string, columns = "id BIGINT NOT NULL, name STRING, score DOUBLE, tags ARRAY<STRING>, since TIMESTAMP(3)") =>
  `CREATE TABLE customers (${columns}) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://127.0.0.1:5432/shop', 'username' = 'eddy', 'table-name' = 'crm.customers'${options});\n`;

test("a jdbc table read by a query is a postgres source typed by its columns, Flink's scan options as arguments", (t) => {
  t.is(
    declaration(`${CUSTOMERS("")}SELECT id, name FROM customers;`, "customers"),
    'source customers: { id: int, name: string?, score: float?, tags: [string?]?, since: timestamp? } = postgres(url: "postgres://eddy@127.0.0.1:5432/shop", table: "crm.customers")',
  );
  const partitioned = CUSTOMERS(", 'scan.partition.column' = 'id', 'scan.partition.num' = '3', 'scan.partition.lower-bound' = '-10', 'scan.partition.upper-bound' = '989', 'scan.fetch-size' = '200', 'scan.auto-commit' = 'false'");
  t.is(
    declaration(`${partitioned}SELECT id FROM customers;`, "customers"),
    'source customers: { id: int, name: string?, score: float?, tags: [string?]?, since: timestamp? } = postgres(url: "postgres://eddy@127.0.0.1:5432/shop", table: "crm.customers", partitionColumn: "id", partitions: 3, lowerBound: -10, upperBound: 989, fetchSize: 200)',
  );
  // Flink's 0 is "no fetch-size hint": Eddy's default
  t.notRegex(declaration(`${CUSTOMERS(", 'scan.fetch-size' = '0'")}SELECT id FROM customers;`, "customers"), /fetchSize/);
});

test("a jdbc table's scan options Eddy cannot honour are located diagnostics", (t) => {
  const read = (options: string, columns?: string) => errors(`${CUSTOMERS(options, columns)}SELECT id FROM customers;`);
  t.deepEqual(read(", 'scan.partition.column' = 'id'"), [["SQL3005", "'scan.partition.column'"]], "the four partition options go together");
  t.deepEqual(read(", 'scan.partition.num' = '2', 'scan.partition.column' = 'id', 'scan.partition.lower-bound' = '0'"), [["SQL3005", "'scan.partition.column'"]], "at the first one in Flink's order");
  const partition = (column: string, lower: string, upper: string, num = "2") => `, 'scan.partition.column' = '${column}', 'scan.partition.num' = '${num}', 'scan.partition.lower-bound' = '${lower}', 'scan.partition.upper-bound' = '${upper}'`;
  t.deepEqual(read(partition("id", "zero", "9")), [["SQL3005", "'zero'"]], "non-numeric bound");
  t.deepEqual(read(partition("id", "0", "9.5")), [["SQL3005", "'9.5'"]], "fractional bound");
  t.deepEqual(read(partition("id", "10", "9")), [["SQL3005", "'9'"]], "bounds out of order");
  t.deepEqual(read(partition("id", "0", "9", "0")), [["SQL3005", "'0'"]], "no partitions");
  t.deepEqual(read(partition("name", "0", "9")), [["SQL3005", "'name'"]], "a STRING column");
  t.deepEqual(read(partition("nope", "0", "9")), [["SQL3005", "'nope'"]], "no such column");
  t.deepEqual(read(", 'scan.fetch-size' = 'many'"), [["SQL3005", "'many'"]]);
  t.deepEqual(read(", 'scan.auto-commit' = 'true'"), [["SQL3005", "'true'"]]);
  t.deepEqual(read("", "id BIGINT, address ROW<city STRING>"), [["SQL3006", "address ROW<city STRING>"]]);
});

test("a bad partition bound is reported with its caret, what is wrong and what to write", (t) => {
  const sql = `${CUSTOMERS(", 'scan.partition.column' = 'id', 'scan.partition.num' = '2', 'scan.partition.lower-bound' = 'zero', 'scan.partition.upper-bound' = '9'")}SELECT id FROM customers;`;
  const result = checkSql(sql, "q.sql");
  const line = sql.split("\n")[0]!;
  const column = line.indexOf("'zero'");
  t.is(
    formatDiagnostics(result.check.diagnostics, () => sql),
    [
      "error[SQL3005]: option `scan.partition.lower-bound`: 'zero' is not a whole number",
      ` --> q.sql:1:${column + 1}`,
      "  |",
      `1 | ${line}`,
      `  | ${" ".repeat(column)}^^^^^^`,
      "help: Flink's partition bounds are integers (BIGINT): write e.g. '0' and '999'",
      "",
      "1 error",
      "",
    ].join("\n"),
  );
});

test("a jdbc table in a lookup join is looked up whole; Flink's lookup cache options are SQL3005 (Eddy sends no per-key query)", (t) => {
  const orders = "CREATE TABLE o (id INT, cid BIGINT) WITH ('connector' = 'filesystem', 'path' = 'o.jsonl', 'format' = 'json');\n";
  const join = "SELECT o.id, c.name FROM (SELECT *, PROCTIME() AS pt FROM o) AS o JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.cid = c.id;";
  const result = checkSql(`${orders}${CUSTOMERS("")}${join}`, "q.sql");
  t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), []);
  t.regex(printProgram(result.check.program!), /\| lookup customers as __lookup on cid == __lookup\.id and cid != null/);
  t.deepEqual(errors(`${orders}${CUSTOMERS(", 'lookup.cache.max-rows' = '1000'")}${join}`), [["SQL3005", "'lookup.cache.max-rows'"]]);
  t.deepEqual(errors(`${orders}${CUSTOMERS(", 'lookup.cache' = 'PARTIAL'")}${join}`), [["SQL3005", "'lookup.cache'"]]);
});

test("a jetstream table is a source typed by its columns, with its watermark, and an exactly-once sink", (t) => {
  const source = "CREATE TABLE orders (id BIGINT NOT NULL, amount DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'jetstream', 'servers' = '127.0.0.1:4222', 'stream' = 'ORDERS', 'subject' = 'orders.>', 'scan.bounded' = 'true', 'scan.start-sequence' = '10', 'format' = 'json');\n";
  const sink = "CREATE TABLE big (id BIGINT, amount DOUBLE) WITH ('connector' = 'jetstream', 'servers' = '127.0.0.1:4222', 'stream' = 'BIG', 'subject' = 'big.orders', 'sink.min-duplicate-window' = '5 min');\n";
  const sql = `${source}${sink}INSERT INTO big SELECT id, amount FROM orders WHERE amount > 100;`;
  t.is(declaration(sql, "orders"), 'source orders: { id: int, amount: float?, ts: timestamp } = jetstream(servers: "127.0.0.1:4222", stream: "ORDERS", subject: "orders.>", bounded: true, start: 10)\n  watermark ts delay 5000ms');
  t.is(declaration(sql, "big"), 'sink big = jetstream(servers: "127.0.0.1:4222", stream: "BIG", subject: "big.orders", minDuplicateWindow: 300000ms)');
  t.deepEqual(errors(`${source.replace("'json'", "'csv'")}SELECT id FROM orders;`), [["SQL3005", "'csv'"]]);
  t.deepEqual(errors(`${source.replace("'true'", "'yes'")}SELECT id FROM orders;`), [["SQL3005", "'yes'"]]);
  t.deepEqual(errors(`${source}${sink.replace("'5 min'", "'soon'")}INSERT INTO big SELECT id, amount FROM orders;`), [["SQL3005", "'soon'"]]);
});

test("durations in options read as Flink's TimeUtils reads them", (t) => {
  t.is(flinkDurationMs("2 min"), 120_000);
  t.is(flinkDurationMs("120s"), 120_000);
  t.is(flinkDurationMs(" 1 h "), 3_600_000);
  t.is(flinkDurationMs("3 days"), 259_200_000);
  t.is(flinkDurationMs("500"), 500, "no unit: milliseconds");
  t.is(flinkDurationMs("1.5 min"), undefined);
  t.is(flinkDurationMs("10 fortnights"), undefined);
  t.is(flinkDurationMs(""), undefined);
});
