// The translator's diagnostics (SQL3xxx): each reported alone, located on the SQL it is about, for scripts that parse.
import test from "ava";
import { messages } from "../../../compiler/diagnostics/messages.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";

const T = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const S = "CREATE TABLE s (a INT) WITH ('connector' = 'blackhole');\n";
const NEXMARK = "CREATE TABLE datagen (event_type INT, bid ROW<auction BIGINT, price BIGINT>) WITH ('connector' = 'nexmark', 'events.num' = '10');\n";

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
  SQL3030: [`${T}SELECT b, SUM(n) OVER (PARTITION BY b ORDER BY ts) FROM (SELECT b, COUNT(*) AS n, MAX(ts) AS ts FROM t GROUP BY b);`, "(PARTITION BY b ORDER BY ts)"],
  SQL3031: [`${T}SELECT SUM(a) OVER (ORDER BY ts), MAX(a) OVER (PARTITION BY b ORDER BY ts) FROM t;`, "(PARTITION BY b ORDER BY ts)"],
  SQL3032: [`${T}SELECT SUM(a) OVER (PARTITION BY b ORDER BY a) FROM t;`, "a"],
  SQL3033: [`${T}SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t;`, "1 FOLLOWING"],
  SQL3034: [`${T}SELECT RANK() OVER (ORDER BY ts) FROM t;`, "RANK() OVER (ORDER BY ts)"],
  SQL3035: [`${T}SELECT SUM(a) OVER w FROM t WINDOW v AS (ORDER BY ts);`, "w"],
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
