// SQL semantics the translator must keep where `.flow`'s differ: NULL propagation and three-valued logic over nullable
// columns, DISTINCT and UNION; each checked on a small table against rows worked out by hand from the SQL standard.
import test from "ava";
import { netRows } from "../../helpers/net-rows.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const T = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const ROWS = [
  { a: 1, b: "x", ts: 1000 },
  { a: null, b: "x", ts: 2000 },
  { a: 3, b: null, ts: 3000 },
  { a: 1, b: "y", ts: 4000 },
];
const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

test("NULL propagates through arithmetic, concatenation and functions; COALESCE and CASE … IS NULL replace it", async (t) => {
  const [rows] = await runSqlQueries(`${T}SELECT a + 1 AS x, b || '!' AS y, UPPER(b) AS u, COALESCE(a, 0) AS c, CASE WHEN a IS NULL THEN 'none' ELSE 'some' END AS k FROM t;`, { t: ROWS });
  t.deepEqual(rows, [
    { x: 2, y: "x!", u: "X", c: 1, k: "some" },
    { x: null, y: "x!", u: "X", c: 0, k: "none" },
    { x: 4, y: null, u: null, c: 3, k: "some" },
    { x: 2, y: "y!", u: "Y", c: 1, k: "some" },
  ]);
});

test("WHERE keeps the rows whose condition is TRUE: NULL comparisons are UNKNOWN, also under NOT; OR with a TRUE side is TRUE", async (t) => {
  const [gt, notGt, either, isNull] = await runSqlQueries(
    `${T}SELECT a FROM t WHERE a > 1;\nSELECT a FROM t WHERE NOT (a > 1);\nSELECT a, b FROM t WHERE a > 1 OR b = 'x';\nSELECT b FROM t WHERE a IS NULL;`,
    { t: ROWS },
  );
  t.deepEqual(gt, [{ a: 3 }]);
  t.deepEqual(notGt, [{ a: 1 }, { a: 1 }], "the NULL row is neither > 1 nor NOT > 1");
  t.deepEqual(either, [{ a: 1, b: "x" }, { a: null, b: "x" }, { a: 3, b: null }]);
  t.deepEqual(isNull, [{ b: "x" }]);
});

test("a nullable boolean in the select list is TRUE, FALSE or NULL (three-valued AND and OR)", async (t) => {
  const [rows] = await runSqlQueries(`${T}SELECT a > 1 AND b = 'x' AS both_, a > 1 OR b = 'x' AS either FROM t;`, { t: ROWS });
  // a=1,b=x: F AND T = F, F OR T = T · a=NULL,b=x: U AND T = U, U OR T = T · a=3,b=NULL: T AND U = U, T OR U = T · a=1,b=y: F, F
  t.deepEqual(rows, [
    { both_: false, either: true },
    { both_: null, either: true },
    { both_: null, either: true },
    { both_: false, either: false },
  ]);
});

test("COUNT(*) counts rows, COUNT(a) the non-NULL values, COUNT(DISTINCT b) the distinct non-NULL ones", async (t) => {
  const [rows] = await runSqlQueries(`${T}SELECT COUNT(*) AS n, COUNT(a) AS na, COUNT(DISTINCT b) AS nb FROM t;`, { t: ROWS });
  t.deepEqual(rows.at(-1), { n: 4, na: 3, nb: 2 }, "the final row of the global aggregate");
});

test("SELECT DISTINCT emits each distinct row once; UNION removes duplicates, UNION ALL keeps them", async (t) => {
  const [distinct, union, unionAll] = await runSqlQueries(
    `${T}SELECT DISTINCT a FROM t;\nSELECT a FROM t WHERE a IS NOT NULL UNION SELECT a + 1 FROM t WHERE a IS NOT NULL;\nSELECT b FROM t UNION ALL SELECT b FROM t;`,
    { t: ROWS },
  );
  t.deepEqual(sorted(distinct), sorted([{ a: 1 }, { a: null }, { a: 3 }]));
  t.deepEqual(sorted(union), sorted([{ a: 1 }, { a: 3 }, { a: 2 }, { a: 4 }]));
  t.is(unionAll.length, 8);
});

test("SUM, AVG, MIN and MAX skip NULLs (AVG of an INT truncates); over only NULLs or filtered-out rows they are NULL", async (t) => {
  const [grouped] = await runSqlQueries(
    `${T}SELECT b, SUM(a) AS s, AVG(a) AS m, MIN(a) AS lo, MAX(a) AS hi, SUM(a) FILTER (WHERE a > 1) AS big FROM t GROUP BY b;`,
    { t: [...ROWS, { a: 2, b: "y", ts: 5000 }] },
  );
  const last = new Map(grouped.map((r) => [r.b, r]));
  // b=x: a ∈ {1, NULL} · b=NULL: a ∈ {3} · b=y: a ∈ {1, 2}
  t.deepEqual(last.get("x"), { b: "x", s: 1, m: 1, lo: 1, hi: 1, big: null });
  t.deepEqual(last.get(null), { b: null, s: 3, m: 3, lo: 3, hi: 3, big: 3 });
  t.deepEqual(last.get("y"), { b: "y", s: 3, m: 1, lo: 1, hi: 2, big: 2 }, "AVG(1, 2) of an INT column is 1");
});

test("SELECT DISTINCT over a window aggregation keeps each distinct row once; over a running aggregate its changelog nets to the distinct last rows", async (t) => {
  // Windows of 2 s over ts 1000, 2000, 3000, 4000: [0, 2 s) holds 1 row, [2 s, 4 s) 2, [4 s, 6 s) 1 → counts 1, 2, 1.
  const TW = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
  const [counts] = await runSqlQueries(`${TW}SELECT DISTINCT COUNT(*) AS c FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND)) GROUP BY window_start, window_end;`, { t: ROWS });
  t.deepEqual(sorted(counts), sorted([{ c: 1 }, { c: 2 }]));
  // b: x, x, NULL, y → the last rows (x, 2), (NULL, 1), (y, 1); (x, 1) came and went
  const [distinct] = await runSqlQueries(`${T}SELECT DISTINCT b, COUNT(*) AS n FROM t GROUP BY b;`, { t: ROWS });
  t.deepEqual(netRows(distinct!), [{ b: "x", n: 2 }, { b: null, n: 1 }, { b: "y", n: 1 }].map((r) => JSON.stringify(r)).sort());
});

test("a TypeScript function is not called on a NULL argument: its result is NULL, as for the built-in functions", async (t) => {
  const [rows] = await runSqlQueries(`CREATE FUNCTION count_char AS 'com.github.nexmark.flink.udf.CountChar';\n${T}SELECT b, count_char(b, 'x') AS n FROM t;`, { t: ROWS });
  t.deepEqual(rows, [{ b: "x", n: 1 }, { b: "x", n: 1 }, { b: null, n: null }, { b: "y", n: 0 }]);
});

test("ROW_NUMBER's alias names the running top's rank field: no projection copies the rows, and a column named `rank` stays", async (t) => {
  const { checkSql } = await import("../../../compiler/sql/compile-sql.js");
  const { printProgram } = await import("../../../compiler/ast/print.js");
  const R = "CREATE TABLE r (k INT, rank INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'r.jsonl', 'format' = 'json');\n";
  const sql = `${R}SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY rank DESC) AS rn FROM r) WHERE rn <= 2;`;
  const flow = printProgram(checkSql(sql, "q.sql").check.program!);
  t.regex(flow, /\| keyBy k\s*\| top 2 by rank desc as rn\n/, "the top writes rn");
  t.false(/\| map /.test(flow), `no projection after the top:\n${flow}`);
  // by hand: per k the two largest `rank` values, each row re-emitted as it moves down (the last row per (k, rn) wins)
  const [rows] = await runSqlQueries(sql, { r: [{ k: 1, rank: 5, ts: 1 }, { k: 1, rank: 9, ts: 2 }, { k: 2, rank: 1, ts: 3 }, { k: 1, rank: 7, ts: 4 }] });
  t.deepEqual(rows, [
    { k: 1, rank: 5, ts: 1, rn: 1 },
    { k: 1, rank: 9, ts: 2, rn: 1 },
    { k: 1, rank: 5, ts: 1, rn: 2 },
    { k: 2, rank: 1, ts: 3, rn: 1 },
    { k: 1, rank: 7, ts: 4, rn: 2 },
  ]);
});
