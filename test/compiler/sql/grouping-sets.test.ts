// GROUPING SETS, ROLLUP and CUBE as Flink runs them (each row copied into every set, the keys outside it NULL, one
// aggregate keyed by the keys and the set): the result is a changelog with deletions whose net rows must be DuckDB's
// for the same query, fused and `--no-fuse` — over rows with NULL keys (told apart from a set's NULL by GROUPING), a
// cross product of a plain key and a ROLLUP, an expression key, HAVING, an outer join's changelog and an update
// stream. GROUPING_ID equals GROUPING; the syntax's errors are located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { netRows } from "../../helpers/net-rows.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLES = `CREATE TABLE t (a INT, b STRING, c INT, v INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');
CREATE TABLE u (a INT, x STRING) WITH ('connector' = 'filesystem', 'path' = 'u.jsonl', 'format' = 'json');
`;

let seed = 11;
// why the high bits: the low bits of this generator repeat with a short period
const next = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
const T = Array.from({ length: 60 }, () => ({
  a: next(6) === 0 ? null : next(3),
  b: next(5) === 0 ? null : ["x", "y", "z"][next(3)]!,
  c: next(4) === 0 ? null : next(4),
  v: next(20),
}));
const U = Array.from({ length: 8 }, () => ({ a: next(4), x: ["p", "q"][next(2)]! }));

const QUERIES = [
  "SELECT a, b, COUNT(*) AS n, SUM(v) AS s, GROUPING(a, b) AS g FROM t GROUP BY ROLLUP(a, b)",
  "SELECT a, b, COUNT(*) AS n, MIN(v) AS lo, GROUPING(a) AS ga, GROUPING(b) AS gb FROM t GROUP BY CUBE(a, b)",
  "SELECT a, b, c, COUNT(c) AS n, MAX(b) AS hi FROM t GROUP BY GROUPING SETS ((a, b), (c), ())",
  "SELECT a, b, c, SUM(v) AS s, GROUPING(a, b, c) AS g FROM t GROUP BY a, ROLLUP(b, c)",
  "SELECT a, b, COUNT(*) AS n FROM t GROUP BY ROLLUP(a, b) HAVING COUNT(*) > 3",
  "SELECT a % 2 AS p, b, AVG(v) AS m, GROUPING(b) AS gb FROM t GROUP BY GROUPING SETS ((a % 2), (a % 2, b))",
  "SELECT t.a, u.x, COUNT(*) AS n, COUNT(u.x) AS xs FROM t LEFT JOIN u ON t.a = u.a GROUP BY ROLLUP(t.a, u.x)",
  "SELECT a, SUM(s) AS total, COUNT(*) AS n FROM (SELECT a, b, SUM(v) AS s FROM t GROUP BY a, b) GROUP BY GROUPING SETS ((a), ())",
];

const oracle = () => duckdbRows({
  t: { columns: [["a", "INTEGER"], ["b", "VARCHAR"], ["c", "INTEGER"], ["v", "INTEGER"]], rows: T },
  u: { columns: [["a", "INTEGER"], ["x", "VARCHAR"]], rows: U },
}, QUERIES);

for (const fuse of [true, false]) {
  test(`the net rows of GROUPING SETS, ROLLUP and CUBE are DuckDB's (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([oracle(), runSqlQueries(`${TABLES}${QUERIES.map((q) => `${q};`).join("\n")}`, { t: T, u: U }, { fuse })]);
    QUERIES.forEach((q, i) => {
      t.true(expected[i]!.length > 3, `the oracle has rows for ${q}`);
      // DuckDB's AVG of integers is a DOUBLE, Flink's an INT (truncated): compare as Flink computes it
      const want = q.includes("AVG(v) AS m") ? expected[i]!.map((r) => ({ ...r, m: Math.trunc(r["m"] as number) })) : expected[i]!;
      t.deepEqual(netRows(actual[i]!), bag(want), q);
    });
  });
}

test("a NULL key of the data and the NULL of a set without that key are different rows, told apart by GROUPING", async (t) => {
  const rows = [{ a: null, b: "x", c: 1, v: 1 }, { a: 1, b: "x", c: 1, v: 2 }];
  const [actual] = await runSqlQueries(`${TABLES}SELECT a, COUNT(*) AS n, GROUPING(a) AS g, GROUPING_ID(a) AS gid FROM t GROUP BY ROLLUP(a);`, { t: rows, u: [] });
  t.deepEqual(netRows(actual!), bag([{ a: null, n: 1, g: 0, gid: 0 }, { a: 1, n: 1, g: 0, gid: 0 }, { a: null, n: 2, g: 1, gid: 1 }]));
});

// Window aggregation with grouping sets (Flink's `GROUP BY window_start, window_end, ROLLUP(k)`): each window's rows
// aggregated per set, insert-only — DuckDB computes the same windows from the timestamps by hand.
const WINDOWED = "CREATE TABLE w (k INT, g STRING, v INT NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'w.jsonl', 'format' = 'json');\n";
const W = Array.from({ length: 80 }, (_, i) => ({ k: next(5) === 0 ? null : next(3), g: ["x", "y"][next(2)]!, v: next(10), ts: i * 97 + next(300) }));
const WINDOWED_QUERIES: readonly (readonly [eddy: string, duckdb: string])[] = [
  [
    "SELECT window_start, window_end, k, COUNT(*) AS n, SUM(v) AS s, GROUPING(k) AS gk FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end, ROLLUP(k)",
    "SELECT ws AS window_start, ws + 1000 AS window_end, k, COUNT(*) AS n, SUM(v) AS s, GROUPING(k) AS gk FROM (SELECT *, ts - ts % 1000 AS ws FROM w) GROUP BY ws, ROLLUP(k)",
  ],
  [
    "SELECT window_start, window_end, k, g, MAX(v) AS hi FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '2' SECOND)) GROUP BY window_start, window_end, CUBE(k, g)",
    "SELECT ws AS window_start, ws + 2000 AS window_end, k, g, MAX(v) AS hi FROM (SELECT *, ts - ts % 2000 AS ws FROM w) GROUP BY ws, CUBE(k, g)",
  ],
  [
    // a row is in two hopping windows: [⌊ts⌋, +2 s) and [⌊ts⌋ − 1 s, +2 s) — the first rows' too, which starts before 0 as in Flink
    "SELECT window_start, window_end, g, COUNT(*) AS n FROM TABLE(HOP(TABLE w, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '2' SECOND)) GROUP BY GROUPING SETS ((window_start, window_end, g), (window_start, window_end))",
    "SELECT ws AS window_start, ws + 2000 AS window_end, g, COUNT(*) AS n FROM (SELECT *, ts - ts % 1000 - o.i * 1000 AS ws FROM w, (VALUES (0), (1)) o(i)) GROUP BY GROUPING SETS ((ws, g), (ws))",
  ],
];

for (const fuse of [true, false]) {
  test(`a window aggregation's grouping sets give DuckDB's rows per window and set, insert-only (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([
      duckdbRows({ w: { columns: [["k", "INTEGER"], ["g", "VARCHAR"], ["v", "INTEGER"], ["ts", "INTEGER"]], rows: W } }, WINDOWED_QUERIES.map(([, q]) => q)),
      runSqlQueries(`${WINDOWED}${WINDOWED_QUERIES.map(([q]) => `${q};`).join("\n")}`, { w: W }, { fuse }),
    ]);
    WINDOWED_QUERIES.forEach(([q], i) => {
      t.true(expected[i]!.length > 10, `the oracle has rows for ${q}`);
      t.false(actual[i]!.some((r) => "__rowKind" in r), `insert-only: ${q}`);
      t.deepEqual(bag(actual[i]!), bag(expected[i]!), q);
    });
  });
}

test("a grouping set's expression must be one the query can group by; GROUPING's arguments must be GROUP BY expressions", (t) => {
  const unknown = compileSql(`${TABLES}SELECT a, COUNT(*) FROM t GROUP BY ROLLUP(a, nope);`, "q.sql", { format: false });
  t.false(unknown.ok);
  const grouping = compileSql(`${TABLES}SELECT a, GROUPING(b) AS g FROM t GROUP BY ROLLUP(a);`, "q.sql", { format: false });
  t.false(grouping.ok);
  t.true(grouping.check.diagnostics.some((d) => d.code === "SQL3006" && d.message.includes("GROUPING")), "GROUPING(b) is refused at b");
  const outsideSet = compileSql(`${WINDOWED}SELECT window_start, window_end, k, COUNT(*) FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY GROUPING SETS ((window_start, window_end, k), (k));`, "q.sql", { format: false });
  t.false(outsideSet.ok);
  t.true(outsideSet.check.diagnostics.some((d) => d.code === "SQL3013" && d.message.includes("every grouping set")), "a set without the window bounds is refused");
});
