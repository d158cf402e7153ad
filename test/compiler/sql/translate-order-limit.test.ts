// ORDER BY and LIMIT on a stream, as Flink allows them: the first rows to arrive, the first rows in event-time order
// (an update stream on the row number), the rows sorted by event time as the watermark passes them. Rows by hand,
// fused and --no-fuse; the refusals located.
import test from "ava";
import { compileSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const S = "CREATE TABLE s (x INT NOT NULL, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 's.jsonl', 'format' = 'json');\n";
// In arrival order, out of time order. None is late: a source emits its watermark after each batch of rows (512), so
// the temporal sort has them all before the watermark passes any (its dropping of late rows is `over`'s, tested there).
const ROWS = [
  { x: 1, ts: 1000 },
  { x: 2, ts: 3000 },
  { x: 3, ts: 2500 },
  { x: 4, ts: 1500 },
  { x: 5, ts: 3000 },
  { x: 6, ts: 5000 },
  { x: 7, ts: 4500 },
];
const QUERIES = [
  "SELECT x FROM s LIMIT 3;",
  "SELECT x FROM s LIMIT 2 OFFSET 2;",
  "SELECT x FROM s FETCH FIRST 2 ROWS ONLY;",
  "SELECT x, ts FROM s ORDER BY ts LIMIT 3;",
  "SELECT x, ts FROM s ORDER BY ts ASC, x DESC LIMIT 2 OFFSET 3;",
  "SELECT x, ts FROM s ORDER BY ts;",
  "SELECT x FROM (SELECT x, ts FROM s WHERE x > 1 ORDER BY ts) LIMIT 2;",
  // ordered by a column it does not select, as SQL allows a plain SELECT
  "SELECT x FROM s WHERE x <> 4 ORDER BY s.ts;",
];

/** An update stream's final rows: the last row of each row number. */
const lastPerRank = (rows: readonly Record<string, unknown>[]) => [...new Map(rows.map((r) => [r["rank"], r])).values()].sort((a, b) => Number(a["rank"]) - Number(b["rank"]));

for (const fuse of [true, false]) {
  test(`LIMIT keeps the first rows to arrive; ORDER BY the event-time attribute sorts by it (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [limit, offset, fetch, sortLimit, sortOffset, sort, nested, unselected] = await runSqlQueries(`${S}${QUERIES.join("\n")}`, { s: ROWS }, { fuse });
    t.deepEqual(limit, [{ x: 1 }, { x: 2 }, { x: 3 }]);
    // the third and fourth to arrive
    t.deepEqual(offset, [{ x: 3 }, { x: 4 }]);
    t.deepEqual(fetch, [{ x: 1 }, { x: 2 }]);
    // the three earliest by time (1.5 s pushed 2.5 s from row 2 to row 3 as it came)
    t.deepEqual(lastPerRank(sortLimit!), [{ x: 1, ts: 1000, rank: 1 }, { x: 4, ts: 1500, rank: 2 }, { x: 3, ts: 2500, rank: 3 }]);
    // by time, then x descending: 1, 1.5, 2.5, 3 (x 5), 3 (x 2), …; rows 4 and 5
    t.deepEqual(lastPerRank(sortOffset!), [{ x: 5, ts: 3000, rank: 4 }, { x: 2, ts: 3000, rank: 5 }]);
    // released as the watermark passes them: in time order, ties in arrival order
    t.deepEqual(sort, [{ x: 1, ts: 1000 }, { x: 4, ts: 1500 }, { x: 3, ts: 2500 }, { x: 2, ts: 3000 }, { x: 5, ts: 3000 }, { x: 7, ts: 4500 }, { x: 6, ts: 5000 }]);
    // the sorted rows' first two (the sort keeps its input's time attribute and appends)
    t.deepEqual(nested, [{ x: 4 }, { x: 3 }]);
    t.deepEqual(unselected, [{ x: 1 }, { x: 3 }, { x: 2 }, { x: 5 }, { x: 7 }, { x: 6 }]);
  });
}

test("LIMIT and the temporal sort are insert-only; a sorted LIMIT is an update stream keyed by the row number", (t) => {
  const result = compileSql(`${S}${QUERIES.join("\n")}`, "q.sql");
  t.true(result.ok);
  t.deepEqual(result.queries.map((q) => q.changelog), [
    { kind: "insert-only" }, { kind: "insert-only" }, { kind: "insert-only" },
    { kind: "upsert", upsertKey: ["rank"] }, { kind: "upsert", upsertKey: ["rank"] },
    { kind: "insert-only" }, { kind: "insert-only" }, { kind: "insert-only" },
  ]);
});

test("what Flink does not sort on a stream, and what is not built, is refused where it is written", (t) => {
  const cases: readonly [string, string, string][] = [
    ["SELECT x, ts FROM s ORDER BY x;", "SQL3006", "x"],
    ["SELECT x, ts FROM s ORDER BY ts DESC LIMIT 1;", "SQL3006", "ts DESC"],
    ["SELECT x, ts FROM s ORDER BY ts, x;", "SQL3006", "x"],
    ["SELECT DISTINCT x FROM s ORDER BY ts;", "SQL3006", "ts"],
    ["SELECT x FROM s OFFSET 2;", "SQL3006", "2"],
    ["SELECT x, COUNT(*) AS n FROM s GROUP BY x LIMIT 2;", "SQL3006", "2"],
    ["SELECT x FROM s LIMIT 0;", "SQL3015", "0"],
    ["SELECT x FROM s LIMIT 1.5;", "SQL3015", "1.5"],
  ];
  for (const [query, code, spanText] of cases) {
    const text = `${S}${query}`;
    const diagnostics = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], query);
  }
});
