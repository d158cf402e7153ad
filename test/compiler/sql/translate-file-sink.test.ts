// PARTITIONED BY filesystem sinks: Flink's partition-commit and rolling-policy options as the arguments of the
// `.flow` `file(...)` sink, and what Eddy refuses (each with its code, at the option it is about); and the partitioned
// `file(...)` source a query reading such a table becomes.
import test from "ava";
import type { Expr, Program, SinkDecl, SourceDecl } from "../../../compiler/ast/nodes.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";

const T = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const sinkTable = (partitioned: string, options: string) =>
  `${T}CREATE TABLE p (a INT, ts TIMESTAMP(3), dt STRING, hm STRING) ${partitioned} WITH ('connector' = 'filesystem', 'path' = 'file:///data/out/', 'format' = 'csv'${options});\nINSERT INTO p SELECT a, ts, DATE_FORMAT(ts, 'yyyy-MM-dd'), DATE_FORMAT(ts, 'HH:mm') FROM t;`;

/** The `file(...)` arguments the sink table became, as plain values (durations in ms). */
function sinkArgs(text: string): Record<string, unknown> {
  const result = checkSql(text, "q.sql");
  if (!result.check.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const sink = (result.check.program as Program).declarations.find((d): d is SinkDecl => d.kind === "SinkDecl" && d.name.name === "p")!;
  const value = (e: Expr): unknown =>
    e.kind === "StringLiteral" || e.kind === "DurationLiteral" || e.kind === "BoolLiteral" ? e.value : e.kind === "ArrayLiteral" ? e.elements.map(value) : `<${e.kind}>`;
  return Object.fromEntries(sink.connector.args.map((a) => [a.name!.name, value(a.value)]));
}

/** The code of each error and the text its span covers. */
function errors(text: string): [string, string][] {
  return checkSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, text.slice(d.span.start, d.span.end)]);
}

const Q10_OPTIONS =
  ", 'sink.partition-commit.trigger' = 'partition-time', 'sink.partition-commit.delay' = '1 min', 'sink.partition-commit.policy.kind' = 'success-file'," +
  " 'partition.time-extractor.timestamp-pattern' = '$dt $hm:00', 'sink.rolling-policy.rollover-interval' = '1min', 'sink.rolling-policy.check-interval' = '1min'";

test("q10's table: partitions, a partition-time commit after 1 min by `$dt $hm:00`, rolling every minute; file:// is local", (t) => {
  t.deepEqual(sinkArgs(sinkTable("PARTITIONED BY (dt, hm)", Q10_OPTIONS)), {
    path: "/data/out/",
    format: "csv", header: false,
    rollEvery: 60_000,
    partitionBy: ["dt", "hm"],
    commit: "partition-time",
    commitDelay: 60_000,
    timePattern: "$dt $hm:00",
  });
});

test("without a commit policy no partition is committed (Flink); the trigger defaults to process-time with no delay", (t) => {
  t.deepEqual(sinkArgs(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.trigger' = 'partition-time'")), { path: "/data/out/", format: "csv", header: false, partitionBy: ["dt"] });
  t.deepEqual(sinkArgs(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.policy.kind' = 'success-file'")), {
    path: "/data/out/",
    format: "csv", header: false,
    partitionBy: ["dt"],
    commit: "process-time",
  });
});

test("Flink's defaults may be given; other values of those options are SQL3051 at the value", (t) => {
  const defaults = ", 'sink.partition-commit.success-file.name' = '_SUCCESS', 'sink.partition-commit.watermark-time-zone' = 'UTC', 'partition.time-extractor.kind' = 'default'";
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", defaults)), []);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.watermark-time-zone' = 'Asia/Shanghai'")), [["SQL3051", "'Asia/Shanghai'"]]);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.policy.kind' = 'success-file,metastore'")), [["SQL3051", "'success-file,metastore'"]]);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.policy.kind' = 'success-file', 'sink.partition-commit.trigger' = 'soon'")), [["SQL3051", "'soon'"]]);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'sink.partition-commit.policy.kind' = 'success-file', 'sink.partition-commit.delay' = 'a while'")), [["SQL3051", "'a while'"]]);
  t.deepEqual(errors(sinkTable("", ", 'sink.rolling-policy.check-interval' = 'often'")), [["SQL3051", "'often'"]]);
});

test("options Eddy does not implement are SQL3050 at the key; partition options on an unpartitioned table SQL3052", (t) => {
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'auto-compaction' = 'true'")), [["SQL3050", "'auto-compaction'"]]);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt)", ", 'sink.shuffle-by-partition.enable' = 'true'")), [["SQL3050", "'sink.shuffle-by-partition.enable'"]]);
  t.deepEqual(errors(sinkTable("", ", 'partition.time-extractor.timestamp-pattern' = '$dt'")), [["SQL3052", "'partition.time-extractor.timestamp-pattern'"]]);
  t.deepEqual(sinkArgs(sinkTable("", ", 'sink.rolling-policy.rollover-interval' = '30 s'")), { path: "/data/out/", format: "csv", header: false, rollEvery: 30_000 });
});

test("PARTITIONED BY names distinct columns of the table, not all of them (SQL3053); the time pattern its columns (SQL3054)", (t) => {
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt, day)", "")), [["SQL3053", "day"]]);
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt, dt)", "")), [["SQL3053", "dt"]]);
  t.deepEqual(errors(`${T}CREATE TABLE p (dt STRING) PARTITIONED BY (dt) WITH ('connector' = 'filesystem', 'path' = 'o', 'format' = 'csv');\nINSERT INTO p SELECT b FROM t;`), [["SQL3053", "dt"]]);
  const pattern = ", 'sink.partition-commit.policy.kind' = 'success-file', 'partition.time-extractor.timestamp-pattern' = '$dt $hour:00:00'";
  t.deepEqual(errors(sinkTable("PARTITIONED BY (dt, hm)", pattern)), [["SQL3054", "'$dt $hour:00:00'"]]);
});

/** The `file(...)` arguments of the source reading table `name`, as plain values. */
function sourceArgs(text: string, name: string): Record<string, unknown> {
  const result = checkSql(text, "q.sql");
  if (!result.check.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const source = (result.check.program as Program).declarations.find((d): d is SourceDecl => d.kind === "SourceDecl" && d.name.name === name)!;
  const value = (e: Expr): unknown => (e.kind === "StringLiteral" || e.kind === "BoolLiteral" ? e.value : e.kind === "ArrayLiteral" ? e.elements.map(value) : `<${e.kind}>`);
  return Object.fromEntries(source.connector.args.map((a) => [a.name!.name, value(a.value)]));
}

const readTable = (partitioned: string, options = "") =>
  `CREATE TABLE r (a INT, dt STRING, hm STRING) ${partitioned} WITH ('connector' = 'filesystem', 'path' = 'file:///data/in/', 'format' = 'csv'${options});\nSELECT a, dt, hm FROM r;`;

test("a PARTITIONED BY table read by a query is a file source with partitionBy (the sink's options do not apply)", (t) => {
  t.deepEqual(sourceArgs(readTable("PARTITIONED BY (dt, hm)"), "r"), { path: "/data/in/", format: "csv", header: false, partitionBy: ["dt", "hm"] });
  t.deepEqual(sourceArgs(readTable("PARTITIONED BY (hm)", ", 'partition.default-name' = '__DEFAULT_PARTITION__', 'sink.partition-commit.delay' = '1 min'"), "r"), {
    path: "/data/in/", format: "csv", header: false, partitionBy: ["hm"],
  });
  t.deepEqual(sourceArgs(readTable(""), "r"), { path: "/data/in/", format: "csv", header: false });
});

test("reading: PARTITIONED BY names distinct columns, not all of them (SQL3053); another default partition name is SQL3051", (t) => {
  t.deepEqual(errors(readTable("PARTITIONED BY (dt, day)")), [["SQL3053", "day"]]);
  t.deepEqual(errors(readTable("PARTITIONED BY (dt, dt)")), [["SQL3053", "dt"]]);
  t.deepEqual(errors(readTable("PARTITIONED BY (a, dt, hm)")), [["SQL3053", "a"]]);
  t.deepEqual(errors(readTable("PARTITIONED BY (dt)", ", 'partition.default-name' = 'none'")), [["SQL3051", "'none'"]]);
});

test("a path on another file system is SQL3005", (t) => {
  t.deepEqual(errors(sinkTable("", "").replace("file:///data/out/", "hdfs://nn/out")), [["SQL3005", "'hdfs://nn/out'"]]);
});
