// Tables in PostgreSQL (Flink's `jdbc` connector) and NATS JetStream (Eddy's `jetstream`) become the `.flow`
// connectors of those systems: each case reads the `.flow` the SQL translates to, and each wrong option is one
// diagnostic on the option. (test/integration/postgres/sql-jdbc-sink.test.ts writes through them into a real server.)
import test from "ava";
import { printDeclaration } from "../../../compiler/ast/index.js";
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
  // A jdbc table is a sink only.
  t.deepEqual(errors(`CREATE TABLE o (a INT) WITH ('connector' = 'jdbc', 'url' = 'jdbc:postgresql://h/db', 'table-name' = 'o');\nSELECT a FROM o;`), [["SQL3004", "'jdbc'"]]);
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
