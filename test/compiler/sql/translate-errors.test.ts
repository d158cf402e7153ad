// The translator's diagnostics (SQL3xxx): each reported alone, located on the SQL it is about, for scripts that parse.
import test from "ava";
import { messages } from "../../../compiler/diagnostics/messages.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";

const T = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const S = "CREATE TABLE s (a INT) WITH ('connector' = 'blackhole');\n";
const LOOKUP = "CREATE TABLE d (k INT, v STRING) WITH ('connector.type' = 'filesystem', 'connector.path' = 'file:///data/d.csv', 'format.type' = 'csv');\n";
const A = "CREATE TABLE t (tags ARRAY<STRING>) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const NEXMARK = "CREATE TABLE datagen (event_type INT, bid ROW<auction BIGINT, price BIGINT>) WITH ('connector' = 'nexmark', 'events.num' = '10');\n";

/** A filesystem sink table partitioned by `b`, with more options. */
const P = (options: string) => `CREATE TABLE p (a INT, b STRING) PARTITIONED BY (b) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', ${options});\n`;

// One case per code: the script, and the text its diagnostic's span covers.
const CASES: Readonly<Record<string, readonly [text: string, spanText: string]>> = {
  SQL3001: [`${S}INSERT INTO s SELECT a FROM missing;`, "missing"],
  SQL3002: [`${T}${S}INSERT INTO s SELECT c FROM t;`, "c"],
  SQL3003: [`${T}SELECT a FROM t x, t y WHERE x.b = y.b;`, "a"],
  SQL3004: [`CREATE TABLE k (a INT) WITH ('connector' = 'kafka');\nSELECT a FROM k;`, "'kafka'"],
  SQL3005: [`CREATE TABLE datagen (event_type INT) WITH ('connector' = 'nexmark', 'events.num' = 'many');\nSELECT event_type FROM datagen WHERE event_type = 2;`, "'many'"],
  SQL3006: [`${T}SELECT a FROM t ORDER BY b;`, "b"],
  SQL3007: [`${T}SELECT NOPE(a) FROM t;`, "NOPE(a)"],
  SQL3008: [`${T}SELECT LOWER(b, b) FROM t;`, "LOWER(b, b)"],
  SQL3009: [`${NEXMARK}SELECT * FROM datagen;`, "datagen"],
  SQL3010: [`${T}${S}INSERT INTO s SELECT a, b FROM t;`, "INSERT INTO s SELECT a, b FROM t"],
  SQL3011: [`${T}${S}${S}SELECT a FROM t;`, "s"],
  SQL3012: [`${T}SELECT b, COUNT(*) FROM t GROUP BY a;`, "b"],
  SQL3013: [`${T}SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start;`, "window_start"],
  SQL3014: [`CREATE TABLE g (a GEOMETRY) WITH ('connector' = 'blackhole');\n${T}SELECT a FROM t;`, "GEOMETRY"],
  SQL3015: [`${T}SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), 5)) GROUP BY window_start, window_end;`, "5"],
  SQL3016: [T, ""],
  SQL3017: [`${T}SELECT a AS \`my col\` FROM t;`, "a AS `my col`"],
  SQL3018: [`${T}CREATE TABLE f (a INT, n BIGINT) WITH ('connector' = 'filesystem', 'path' = 'f.jsonl', 'format' = 'json');\nINSERT INTO f SELECT a, COUNT(*) FROM t GROUP BY a;`, "f"],
  SQL3021: [`${T}SELECT x.a FROM t x JOIN t y ON x.a = y.a AND y.ts BETWEEN x.ts + INTERVAL '2' SECOND AND x.ts;`, "x.a = y.a AND y.ts BETWEEN x.ts + INTERVAL '2' SECOND AND x.ts"],
  SQL3030: [`${T}SELECT b, SUM(n) OVER (PARTITION BY b ORDER BY ts) FROM (SELECT b, COUNT(*) AS n, MAX(ts) AS ts FROM t GROUP BY b);`, "(PARTITION BY b ORDER BY ts)"],
  SQL3031: [`${T}SELECT SUM(a) OVER (ORDER BY ts), MAX(a) OVER (PARTITION BY b ORDER BY ts) FROM t;`, "(PARTITION BY b ORDER BY ts)"],
  SQL3032: [`${T}SELECT SUM(a) OVER (PARTITION BY b ORDER BY a) FROM t;`, "a"],
  SQL3033: [`${T}SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t;`, "1 FOLLOWING"],
  SQL3034: [`${T}SELECT RANK() OVER (ORDER BY ts) FROM t;`, "RANK() OVER (ORDER BY ts)"],
  SQL3035: [`${T}SELECT SUM(a) OVER w FROM t WINDOW v AS (ORDER BY ts);`, "w"],
  SQL3040: [`${T}${LOOKUP}SELECT t.a, d.v FROM t JOIN d FOR SYSTEM_TIME AS OF t.ts AS d ON t.a = d.k;`, "d"],
  SQL3041: [`${T}${LOOKUP}SELECT t.a, d.v FROM t JOIN d FOR SYSTEM_TIME AS OF t.b AS d ON t.a = d.k;`, "t.b"],
  SQL3042: [`${T}${LOOKUP}SELECT p.a, d.v FROM (SELECT *, PROCTIME() AS pt FROM t) p JOIN d FOR SYSTEM_TIME AS OF p.pt AS d ON p.a > d.k;`, "p.a > d.k"],
  SQL3050: [`${T}${P("'sink.rolling-policy.file-size' = '1MB'")}INSERT INTO p SELECT a, b FROM t;`, "'sink.rolling-policy.file-size'"],
  SQL3051: [`${T}${P("'sink.partition-commit.policy.kind' = 'metastore'")}INSERT INTO p SELECT a, b FROM t;`, "'metastore'"],
  SQL3052: [`${T}CREATE TABLE p (a INT, b STRING) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv', 'sink.partition-commit.delay' = '1 min');\nINSERT INTO p SELECT a, b FROM t;`, "'sink.partition-commit.delay'"],
  SQL3053: [`${T}CREATE TABLE p (a INT, b STRING) PARTITIONED BY (c) WITH ('connector' = 'filesystem', 'path' = 'out', 'format' = 'csv');\nINSERT INTO p SELECT a, b FROM t;`, "c"],
  SQL3054: [`${T}${P("'sink.partition-commit.policy.kind' = 'success-file', 'partition.time-extractor.timestamp-pattern' = '$a 00:00:00'")}INSERT INTO p SELECT a, b FROM t;`, "'$a 00:00:00'"],
  SQL3060: [`${T}SELECT COUNT(*) FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '5' SECOND)) GROUP BY window_start, window_end;`, "INTERVAL '5' SECOND"],
  SQL3061: ["SELECT x FROM (VALUES (1), (1 + 1)) AS v(x);", "1 + 1"],
  SQL3062: ["SELECT x FROM (VALUES (1), ('two')) AS v(x);", "'two'"],
  SQL3063: ["SELECT x, y FROM (VALUES (1, NULL), (2, NULL)) AS v(x, y);", "NULL"],
  SQL3064: ["SELECT x FROM (VALUES (1), (2, 3)) AS v(x);", "2"],
  SQL3065: [`${T}SELECT a, x FROM t CROSS JOIN UNNEST(b) AS u(x);`, "b"],
  SQL3066: [`${A}SELECT x FROM t CROSS JOIN UNNEST(tags) AS u;`, "AS u"],
};

test("every translator code (SQL3xxx) of the catalogue is reported, alone, at its span", (t) => {
  t.deepEqual(Object.keys(CASES), Object.keys(messages).filter((code) => code.startsWith("SQL3")));
  for (const [code, [text, spanText]] of Object.entries(CASES)) {
    const diagnostics = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], code);
  }
});

test("a script with several bad statements reports each of them, and the good ones still compile to jobs", (t) => {
  const text = `${T}${S}INSERT INTO s SELECT nope FROM t;\nINSERT INTO s SELECT a FROM t;\nSELECT NOPE(a) FROM t;`;
  const result = compileSql(text, "q.sql");
  t.deepEqual(result.check.diagnostics.map((d) => d.code), ["SQL3002", "SQL3007"]);
  t.false(result.ok);
});
