// NULLs in ROW_NUMBER's ORDER BY, as Flink orders them: first ascending and last descending by default
// (NullCollation.LOW), or as NULLS FIRST / NULLS LAST say. The top-N's last row per (partition, row number) must be
// DuckDB's rows for the same query with the null ordering written out (DuckDB's own default differs), fused and
// `--no-fuse`; the ties of the order are broken by a unique column so that the rows are determined.
import test from "ava";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLE = "CREATE TABLE t (id INT, k INT, v INT) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";

let seed = 7;
// why the high bits: the low bits of this generator repeat with a short period
const next = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
const ROWS = Array.from({ length: 40 }, (_, id) => ({ id, k: next(3), v: next(4) === 0 ? null : next(10) }));

const ranked = (order: string) => `SELECT k, v, id, rn FROM (SELECT k, v, id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${order}) AS rn FROM t) WHERE rn <= 3`;
/** [Eddy's query, DuckDB's (the same but for the null ordering DuckDB must be told), whether NULLs rank first]. */
const QUERIES: readonly [string, string, boolean][] = [
  [ranked("v, id"), ranked("v NULLS FIRST, id"), true],
  [ranked("v DESC, id"), ranked("v DESC NULLS LAST, id"), false],
  [ranked("v ASC NULLS LAST, id"), ranked("v ASC NULLS LAST, id"), false],
  [ranked("v DESC NULLS FIRST, id DESC"), ranked("v DESC NULLS FIRST, id DESC"), true],
  [ranked("v NULLS FIRST, id"), ranked("v NULLS FIRST, id"), true],
];

/** The top-N's result: the last row per (k, rn). */
function lastPerRank(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const last = new Map<string, Record<string, unknown>>();
  for (const r of rows) last.set(`${String(r["k"])}/${String(r["rn"])}`, r);
  return [...last.values()];
}

for (const fuse of [true, false]) {
  test(`ROW_NUMBER orders NULLs first ascending, last descending, or as NULLS FIRST/LAST says: DuckDB's rows (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([
      duckdbRows({ t: { columns: [["id", "INTEGER"], ["k", "INTEGER"], ["v", "INTEGER"]], rows: ROWS } }, QUERIES.map(([, duck]) => duck)),
      runSqlQueries(`${TABLE}${QUERIES.map(([q]) => `${q};`).join("\n")}`, { t: ROWS }, { fuse }),
    ]);
    QUERIES.forEach(([q, , nullsFirst], i) => {
      // every partition has NULLs: they fill its top ranks when they rank first, and are absent when they rank last
      t.is(expected[i]!.some((r) => r["v"] === null), nullsFirst, `NULLs in the top of ${q}`);
      t.deepEqual(bag(lastPerRank(actual[i]!)), bag(expected[i]!), q);
    });
  });
}
