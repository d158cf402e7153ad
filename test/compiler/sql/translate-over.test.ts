// OVER aggregations in SQL (compiler/sql/translate-over.ts): what they translate to, the rows they give (worked out by
// hand from Flink's documented semantics), and the located diagnostics for what Flink rejects too.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { printProgram } from "../../../compiler/ast/print.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";
import { NEXMARK_DEFINES, NEXMARK_DIR } from "./nexmark-helpers.js";

const T = "CREATE TABLE t (a INT, b STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
// In arrival order; b = x at 1 s, 2 s (twice: a peer of equal time), 4 s; y at 3 s. Out of order by at most 1 s.
const ROWS = [
  { a: 1, b: "x", ts: 1000 },
  { a: null, b: "x", ts: 2000 },
  { a: 3, b: "y", ts: 3000 },
  { a: 4, b: "x", ts: 2000 },
  { a: 2, b: "x", ts: 4000 },
];
const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The errors of `sql` (not the warnings: the tables' files do not exist here). */
function errors(sql: string) {
  return checkSql(sql, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
}

/** The errors of `sql` as [code, the text under its span]. */
function located(sql: string): [string, string][] {
  return errors(sql).map((d) => [d.code, sql.slice(d.span.start, d.span.end)]);
}

test("an OVER aggregate translates to `keyBy` + `over`, each distinct call one field, which the select list reads", (t) => {
  const result = checkSql(`${T}SELECT b, SUM(a) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM t;`, "q.sql");
  t.deepEqual(result.check.diagnostics.filter((d) => d.severity === "error"), []);
  const flow = printProgram(result.check.program!);
  t.regex(flow, /\| keyBy b\s*\| over rows 2 \{ __o0: sum\(a\) \}/);
  const range = printProgram(checkSql(`${T}SELECT MAX(a) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS hi, MIN(a) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' MINUTE PRECEDING AND CURRENT ROW) AS lo FROM t;`, "q.sql").check.program!);
  t.regex(range, /\| over range 60000ms \{ __o0: max\(a\), __o1: min\(a\) \}/, "no PARTITION BY: no keyBy");
  const unbounded = printProgram(checkSql(`${T}SELECT COUNT(*) OVER (PARTITION BY b ORDER BY ts) AS n, COUNT(*) OVER (PARTITION BY b ORDER BY ts) + 1 AS m FROM t;`, "q.sql").check.program!);
  t.regex(unbounded, /\| over unbounded \{ __o0: count\(\) \}/, "ORDER BY alone is RANGE UNBOUNDED PRECEDING; the same call twice is one field");
  const rows = printProgram(checkSql(`${T}SELECT COUNT(*) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS n FROM t;`, "q.sql").check.program!);
  t.regex(rows, /\| over rows unbounded \{ __o0: count\(\) \}/);
});

test("ROWS frames count rows (ties by arrival), RANGE frames take every peer, NULLs are skipped, integer AVG truncates", async (t) => {
  const [rows, range, unbounded] = await runSqlQueries(
    `${T}SELECT b, a, SUM(a) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, AVG(a) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS m FROM t;
SELECT a, COUNT(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW) AS n, COUNT(a) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW) AS na FROM t;
SELECT a, MAX(a) OVER (PARTITION BY b ORDER BY ts) AS hi, FIRST_VALUE(a) OVER (PARTITION BY b ORDER BY ts) AS f FROM t;`,
    { t: ROWS },
  );
  // x in time order: 1 (1 s), NULL (2 s), 4 (2 s, arrived later), 2 (4 s); y: 3 (3 s)
  // ROWS 1 PRECEDING: [1] → 1 · [1, NULL] → 1 · [NULL, 4] → 4 · [4, 2] → 6, AVG 3 · y [3] → 3
  t.deepEqual(sorted(rows), sorted([
    { b: "x", a: 1, s: 1, m: 1 },
    { b: "x", a: null, s: 1, m: 1 },
    { b: "x", a: 4, s: 4, m: 4 },
    { b: "x", a: 2, s: 6, m: 3 },
    { b: "y", a: 3, s: 3, m: 3 },
  ]));
  // one partition, RANGE 1 s: 1 s → {1 s}; each 2 s row → {1 s, 2 s, 2 s}; 3 s → {2 s, 2 s, 3 s}; 4 s → {3 s, 4 s}
  t.deepEqual(sorted(range), sorted([
    { a: 1, n: 1, na: 1 },
    { a: null, n: 3, na: 2 },
    { a: 4, n: 3, na: 2 },
    { a: 3, n: 3, na: 2 },
    { a: 2, n: 2, na: 2 },
  ]));
  // RANGE UNBOUNDED (the default): both 2 s rows of x see each other, so NULL's row has MAX 4 already
  t.deepEqual(sorted(unbounded), sorted([
    { a: 1, hi: 1, f: 1 },
    { a: null, hi: 4, f: 1 },
    { a: 4, hi: 4, f: 1 },
    { a: 2, hi: 4, f: 1 },
    { a: 3, hi: 3, f: 3 },
  ]));
});

test("the output is insert-only: an OVER's rows can be aggregated in windows further on", async (t) => {
  const [rows] = await runSqlQueries(
    `${T}CREATE VIEW o AS SELECT ts, SUM(a) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM t;
SELECT window_start, SUM(s) AS total FROM TABLE(TUMBLE(TABLE o, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY window_start, window_end;`,
    { t: ROWS },
  );
  // the running sums above: 1 + 1 + 4 + 6 + 3
  t.deepEqual(rows, [{ window_start: 0, total: 15 }]);
});

test("Nexmark q6 as Flink ships it is refused on its OVER clause: OVER windows do not consume updates (its top-N's)", (t) => {
  const files = ["ddl_gen.sql", "ddl_views.sql", "q6.sql"].map((f) => readFileSync(join(NEXMARK_DIR, f), "utf8").trimEnd().replace(/;?$/, ";"));
  const sql = files.join("\n");
  const diagnostics = checkSql(sql, "q6.sql", { defines: NEXMARK_DEFINES }).check.diagnostics;
  t.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [["SQL3030", "error"]]);
  const at = diagnostics[0]!.span.start - files[0]!.length - files[1]!.length - 2;
  const q6 = files[2]!;
  t.is(q6.slice(at, at + diagnostics[0]!.span.end - diagnostics[0]!.span.start), "(PARTITION BY Q.seller ORDER BY Q.`dateTime` ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)");
});

test("q6 written as valid SQL (the top-N in its own subquery) is refused the same way, from the subquery's update stream", (t) => {
  const bids = "CREATE TABLE bid (auction BIGINT, seller STRING, price BIGINT, dt TIMESTAMP(3), WATERMARK FOR dt AS dt - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'b.jsonl', 'format' = 'json');\n";
  const over = "(PARTITION BY Q.seller ORDER BY Q.dt ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)";
  t.deepEqual(
    located(`${bids}SELECT Q.seller, AVG(Q.price) OVER ${over} FROM (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rn FROM bid) WHERE rn <= 1) AS Q;`),
    [["SQL3030", over]],
  );
});

test("all OVER aggregates of a SELECT share one window: another is refused where it is written, with a note at the first", (t) => {
  const sql = `${T}SELECT SUM(a) OVER (PARTITION BY b ORDER BY ts), MAX(a) OVER (PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;`;
  const [d] = errors(sql);
  t.is(d?.code, "SQL3031");
  t.is(sql.slice(d!.span.start, d!.span.end), "(PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)");
  t.is(sql.slice(d!.notes![0]!.span.start, d!.notes![0]!.span.end), "(PARTITION BY b ORDER BY ts)");
});

test("ORDER BY must be a time attribute alone, ascending", (t) => {
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY a) FROM t;`), [["SQL3032", "a"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts DESC) FROM t;`), [["SQL3032", "ts DESC"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts, a) FROM t;`), [["SQL3032", "a"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (PARTITION BY b) FROM t;`), [["SQL3032", "(PARTITION BY b)"]]);
  t.deepEqual(located(`${T}CREATE VIEW p AS SELECT a, PROCTIME() AS pt FROM t;\nSELECT SUM(a) OVER (ORDER BY pt DESC) FROM p;`), [["SQL3032", "pt DESC"]]);
});

test("ORDER BY a PROCTIME() column is `over … processing`: rows in arrival order, each out as it arrives (fused and --no-fuse)", async (t) => {
  const script = `${T}CREATE VIEW p AS SELECT a, b, PROCTIME() AS pt FROM t;
SELECT b, a, SUM(a) OVER (PARTITION BY b ORDER BY pt ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, COUNT(*) OVER (PARTITION BY b ORDER BY pt ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS n FROM p;`;
  t.regex(printProgram(checkSql(script, "q.sql").check.program!), /\| keyBy b\s*\| over rows 1 processing \{ __o0: sum\(a\), __o1: count\(\) \}/);
  // by arrival, not by ts: x 1, NULL, 4, 2 → [1] 1 · [1, NULL] 1 · [NULL, 4] 4 · [4, 2] 6; y [3] 3
  const expected = sorted([
    { b: "x", a: 1, s: 1, n: 1 },
    { b: "x", a: null, s: 1, n: 2 },
    { b: "x", a: 4, s: 4, n: 2 },
    { b: "x", a: 2, s: 6, n: 2 },
    { b: "y", a: 3, s: 3, n: 1 },
  ]);
  for (const fuse of [true, false]) t.deepEqual(sorted((await runSqlQueries(script, { t: ROWS }, { fuse }))[0]!), expected, fuse ? "fused" : "--no-fuse");
});

test("frames end at the current row and reach back a row count (ROWS) or an interval (RANGE)", (t) => {
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t;`), [["SQL3033", "UNBOUNDED FOLLOWING"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW) FROM t;`), [["SQL3033", "INTERVAL '1' SECOND"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts RANGE BETWEEN 3 PRECEDING AND CURRENT ROW) FROM t;`), [["SQL3033", "3"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER (ORDER BY ts RANGE 1 FOLLOWING) FROM t;`), [["SQL3033", "1 FOLLOWING"]]);
});

test("OVER w reads the window from the SELECT's WINDOW clause; an unknown or repeated name is refused", async (t) => {
  const [named] = await runSqlQueries(`${T}SELECT a, SUM(a) OVER w AS s, COUNT(*) OVER w AS n FROM t WINDOW w AS (PARTITION BY b ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);`, { t: ROWS });
  // as the ROWS 1 PRECEDING sums of the test above; COUNT(*) 1, 2, 2, 2 for x and 1 for y
  t.deepEqual(sorted(named), sorted([{ a: 1, s: 1, n: 1 }, { a: null, s: 1, n: 2 }, { a: 4, s: 4, n: 2 }, { a: 2, s: 6, n: 2 }, { a: 3, s: 3, n: 1 }]));
  t.deepEqual(located(`${T}SELECT SUM(a) OVER v FROM t WINDOW w AS (ORDER BY ts);`), [["SQL3035", "v"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER w FROM t WINDOW w AS (ORDER BY ts), w AS (ORDER BY ts);`), [["SQL3011", "w"]]);
  t.deepEqual(located(`${T}SELECT SUM(a) OVER w AS s, MAX(a) OVER (ORDER BY ts) AS m FROM t WINDOW w AS (ORDER BY ts);`), [], "the same window, named or written out");
  t.deepEqual(located(`${T}SELECT SUM(a) OVER w FROM t WINDOW w AS (ORDER BY a);`), [["SQL3032", "a"]], "located in the WINDOW clause");
});

test("OVER beside GROUP BY and COUNT(DISTINCT …) OVER are not supported yet", (t) => {
  t.deepEqual(located(`${T}SELECT b, COUNT(*), SUM(a) OVER (ORDER BY ts) FROM t GROUP BY b;`), [["SQL3006", "SUM(a) OVER (ORDER BY ts)"]]);
  t.deepEqual(located(`${T}SELECT COUNT(DISTINCT a) OVER (ORDER BY ts) FROM t;`), [["SQL3006", "COUNT(DISTINCT a) OVER (ORDER BY ts)"]]);
});
