// Flink SQL's year-month intervals (INTERVAL 'n' YEAR, 'n' MONTH, 'y-m' YEAR TO MONTH) added to and subtracted from
// timestamps, against DuckDB, whose `ts + INTERVAL 1 MONTH` clamps the day to the target month's end as Calcite does:
// month ends, leap days, December, NULL and timestamps before 1970, fused and --no-fuse. Where a fixed length is
// needed (a window, a join bound, a watermark, a comparison, arithmetic with numbers or intervals) the interval is
// refused, located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { bag, duckdbRows } from "../../helpers/duckdb-oracle.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const TABLE = "CREATE TABLE t (id INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";

/** A UTC timestamp in epoch ms; month 1–12. */
const at = (year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0) => Date.UTC(year, month - 1, day, h, m, s, ms);

const HAND_PICKED = [
  at(2024, 1, 31, 10, 30), at(2023, 1, 31), at(2024, 2, 29, 23, 59, 59, 999), at(2024, 3, 31), at(2023, 12, 31, 12),
  at(2024, 12, 15), at(2000, 2, 29), at(2100, 3, 31), at(1900, 1, 31), at(1600, 1, 31, 6), at(1970, 1, 1), -1,
  at(1969, 12, 31, 23, 59, 59, 999), at(1968, 2, 29, 12),
];

/** Days 27–31 (some roll into the next month), years 1800–2200, any millisecond of the day. */
function generated(seed: number, n: number): number[] {
  let s = seed;
  const next = (bound: number) => (s = (s * 1103515245 + 12345) % 2147483648) % bound;
  return Array.from({ length: n }, () => at(1800 + next(400), 1 + next(12), 27 + next(5)) + next(86_400_000));
}

const ROWS = [...HAND_PICKED, ...generated(7, 60)].map((ts, i) => ({ id: i, ts })).concat([{ id: 1000, ts: null as unknown as number }]);

/** Each query as Flink SQL for Eddy and as DuckDB SQL over `t(id, ms BIGINT)` (DuckDB writes intervals differently). */
const QUERIES: readonly (readonly [eddy: string, duckdb: string])[] = [
  [
    "SELECT id, ts + INTERVAL '1' MONTH AS a, ts - INTERVAL '1-2' YEAR TO MONTH AS b FROM t",
    "SELECT id, epoch_ms(epoch_ms(ms) + INTERVAL 1 MONTH) AS a, epoch_ms(epoch_ms(ms) - INTERVAL '1 year 2 months') AS b FROM t",
  ],
  [
    "SELECT id, INTERVAL '2' YEAR + ts AS c, ts + INTERVAL '-13' MONTHS AS d, ts - INTERVAL -'11' MONTH AS e, ts + INTERVAL '10-3' YEAR(2) TO MONTH AS f FROM t",
    "SELECT id, epoch_ms(epoch_ms(ms) + INTERVAL 2 YEAR) AS c, epoch_ms(epoch_ms(ms) - INTERVAL 13 MONTH) AS d, epoch_ms(epoch_ms(ms) + INTERVAL 11 MONTH) AS e, epoch_ms(epoch_ms(ms) + INTERVAL '10 years 3 months') AS f FROM t",
  ],
  [
    // months first, then a fixed length (left to right, as both read `+`); a year-month shift inside a condition
    "SELECT id, ts + INTERVAL '1' MONTH + INTERVAL '1' DAY AS g, ts - INTERVAL '-1-11' YEAR TO MONTH AS h FROM t WHERE ts + INTERVAL '1' YEAR < TIMESTAMP '2100-01-01 00:00:00'",
    "SELECT id, epoch_ms(epoch_ms(ms) + INTERVAL 1 MONTH + INTERVAL 1 DAY) AS g, epoch_ms(epoch_ms(ms) + INTERVAL '1 year 11 months') AS h FROM t WHERE epoch_ms(ms) + INTERVAL 1 YEAR < TIMESTAMP '2100-01-01 00:00:00'",
  ],
];

const oracle = () => duckdbRows({ t: { columns: [["id", "INTEGER"], ["ms", "BIGINT"]], rows: ROWS.map((r) => ({ id: r.id, ms: r.ts })) } }, QUERIES.map(([, q]) => q));

for (const fuse of [true, false]) {
  test(`timestamps plus and minus year-month intervals are DuckDB's: the day clamped to the month's end (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [expected, actual] = await Promise.all([oracle(), runSqlQueries(`${TABLE}${QUERIES.map(([q]) => `${q};`).join("\n")}`, { t: ROWS }, { fuse })]);
    QUERIES.forEach(([q], i) => {
      t.true(expected[i]!.length > 20, `the oracle's rows of ${q}`);
      t.deepEqual(bag(actual[i]!), bag(expected[i]!), q);
    });
    // the hand-computed case the docs name, and NULL in, NULL out
    t.like(actual[0]!.find((r) => r["id"] === 0), { a: at(2024, 2, 29, 10, 30), b: at(2022, 11, 30, 10, 30) });
    t.like(actual[0]!.find((r) => r["id"] === 1000), { a: null, b: null });
  });
}

test("a year-month interval moves a timestamp with addMonths; a constant count, the sign folded in", (t) => {
  const result = compileSql(`${TABLE}SELECT ts - INTERVAL '1-2' YEAR TO MONTH AS b, INTERVAL '0' MONTH + ts AS z FROM t;`, "q.sql", { format: false });
  t.true(result.ok);
  const code = [...result.files.values()].join("\n");
  t.regex(code, /addMonths\(\w+(\.ts)?(\s*\?\?\s*0)?, -14\)/);
  t.regex(code, /addMonths\(\w+(\.ts)?(\s*\?\?\s*0)?, 0\)/);
});

const WINDOWED =
  "CREATE TABLE w (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'w.jsonl', 'format' = 'json');\n" +
  "CREATE TABLE v (k INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'v.jsonl', 'format' = 'json');\n";

test("where a fixed length goes, a year-month interval is SQL3006 at the interval", (t) => {
  const cases: readonly [query: string, spanText: string][] = [
    ["SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' MONTH)) GROUP BY window_start, window_end;", "INTERVAL '1' MONTH"],
    ["SELECT window_start, COUNT(*) AS n FROM TABLE(HOP(TABLE w, DESCRIPTOR(ts), INTERVAL '1' DAY, INTERVAL '2' YEAR)) GROUP BY window_start, window_end;", "INTERVAL '2' YEAR"],
    ["SELECT window_start, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' DAY, INTERVAL '1-0' YEAR TO MONTH)) GROUP BY window_start, window_end;", "INTERVAL '1-0' YEAR TO MONTH"],
    ["SELECT window_start, COUNT(*) AS n FROM TABLE(SESSION(TABLE w, DESCRIPTOR(ts), INTERVAL '1' MONTH)) GROUP BY window_start, window_end;", "INTERVAL '1' MONTH"],
    ["SELECT k, COUNT(*) AS n FROM w GROUP BY k, TUMBLE(ts, INTERVAL '3' MONTH);", "INTERVAL '3' MONTH"],
    ["SELECT w.k FROM w JOIN v ON w.k = v.k AND v.ts BETWEEN w.ts - INTERVAL '1' MONTH AND w.ts;", "INTERVAL '1' MONTH"],
    ["SELECT k, COUNT(*) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' YEAR PRECEDING AND CURRENT ROW) AS n FROM w;", "INTERVAL '1' YEAR"],
    ["SELECT k FROM w WHERE ts + INTERVAL '1' MONTH * 2 > ts;", "INTERVAL '1' MONTH"],
    ["SELECT k FROM w WHERE ts + (INTERVAL '1' MONTH + INTERVAL '1' MONTH) > ts;", "INTERVAL '1' MONTH"],
    ["SELECT k FROM w WHERE INTERVAL '1' MONTH > INTERVAL '30' DAY;", "INTERVAL '1' MONTH"],
    ["SELECT k + INTERVAL '1' YEAR AS x FROM w;", "INTERVAL '1' YEAR"],
    ["SELECT INTERVAL '1' MONTH - ts AS x FROM w;", "INTERVAL '1' MONTH"],
  ];
  for (const [query, spanText] of cases) {
    const text = `${WINDOWED}${query}`;
    const errors = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [["SQL3006", spanText]], query);
    t.regex(errors[0]!.message, /INTERVAL … (YEAR|MONTH|YEAR TO MONTH) here is not supported yet/, query);
    t.regex(errors[0]!.hint ?? "", /only moves a timestamp/, query);
  }
  // the watermark delay too, at its own interval
  const watermark = "CREATE TABLE x (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MONTH) WITH ('connector' = 'filesystem', 'path' = 'x.jsonl', 'format' = 'json');\nSELECT ts FROM x;";
  const errors = compileSql(watermark, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
  t.deepEqual(errors.map((d) => [d.code, watermark.slice(d.span.start, d.span.end)]), [["SQL3006", "INTERVAL '1' MONTH"]]);
});

test("a year-month interval's value is whole years and months, 0–11 months after the years: SQL3015 at the interval", (t) => {
  for (const interval of ["INTERVAL '1.5' YEAR", "INTERVAL '1-12' YEAR TO MONTH", "INTERVAL '1' YEAR TO DAY", "INTERVAL 'x' MONTH", "INTERVAL '1 2' YEAR TO MONTH"]) {
    const text = `${TABLE}SELECT ts + ${interval} AS x FROM t;`;
    const errors = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [["SQL3015", interval]], interval);
  }
});
