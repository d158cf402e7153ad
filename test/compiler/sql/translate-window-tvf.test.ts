// Window TVFs as `.flow` windows: CUMULATE's rows, computed by hand from Flink's documented semantics, fused and --no-fuse.
import test from "ava";
import { printProgram } from "../../../compiler/ast/print.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const T = "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const ROWS = [
  { k: "a", v: 1, ts: 500 },
  { k: "a", v: 2, ts: 1500 },
  { k: "b", v: 4, ts: 2500 },
  { k: "a", v: 8, ts: 4200 },
];
const byBounds = (rows: readonly Record<string, unknown>[]) =>
  [...rows].sort((x, y) => String(x["k"]).localeCompare(String(y["k"])) || Number(x["window_start"]) - Number(y["window_start"]) || Number(x["window_end"]) - Number(y["window_end"]));

for (const fuse of [true, false]) {
  test(`CUMULATE(step 1 s, size 3 s): per key, windows from each multiple of 3 s ending every second, those with rows (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const [rows] = await runSqlQueries(
      `${T}SELECT k, window_start, window_end, SUM(v) AS s, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)) GROUP BY k, window_start, window_end;`,
      { t: ROWS },
      { fuse },
    );
    // a@0.5 s is in [0,1) [0,2) [0,3); a@1.5 s in [0,2) [0,3); b@2.5 s in [0,3); a@4.2 s in [3,5) [3,6)
    t.deepEqual(byBounds(rows!), [
      { k: "a", window_start: 0, window_end: 1000, s: 1, n: 1 },
      { k: "a", window_start: 0, window_end: 2000, s: 3, n: 2 },
      { k: "a", window_start: 0, window_end: 3000, s: 3, n: 2 },
      { k: "a", window_start: 3000, window_end: 5000, s: 8, n: 1 },
      { k: "a", window_start: 3000, window_end: 6000, s: 8, n: 1 },
      { k: "b", window_start: 0, window_end: 3000, s: 4, n: 1 },
    ]);
  });
}

test("CUMULATE with named arguments is the same window; an aggregation over its rows cascades by its step", async (t) => {
  const [named, cascaded] = await runSqlQueries(
    `${T}SELECT window_end, COUNT(*) AS n FROM TABLE(CUMULATE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '3' SECOND, STEP => INTERVAL '1' SECOND)) GROUP BY window_start, window_end;\n` +
      `SELECT window_end, MAX(n) AS m FROM (SELECT window_start, window_end, k, COUNT(*) AS n FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND)) GROUP BY window_start, window_end, k) GROUP BY window_start, window_end;`,
    { t: ROWS },
  );
  const ends = (rows: readonly Record<string, unknown>[]) => [...rows].sort((x, y) => Number(x["window_end"]) - Number(y["window_end"]));
  t.deepEqual(ends(named!), [
    { window_end: 1000, n: 1 }, { window_end: 2000, n: 2 }, { window_end: 3000, n: 3 }, { window_end: 5000, n: 1 }, { window_end: 6000, n: 1 },
  ]);
  // per window, the larger of the keys' counts: [0,3) has a: 2, b: 1
  t.deepEqual(ends(cascaded!), [
    { window_end: 1000, m: 1 }, { window_end: 2000, m: 2 }, { window_end: 3000, m: 2 }, { window_end: 5000, m: 1 }, { window_end: 6000, m: 1 },
  ]);
});

test("CUMULATE reads as a `.flow` cumulate(size, step) window, on processing time for a view's PROCTIME() column", (t) => {
  const p = `${T}CREATE VIEW p AS SELECT v, PROCTIME() AS pt FROM t;\n`;
  const flow = (text: string) => {
    const result = checkSql(text, "q.sql");
    t.true(result.check.ok);
    return printProgram(result.check.program!);
  };
  const event = flow(`${T}SELECT COUNT(*) AS n FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`);
  const processing = flow(`${p}SELECT COUNT(*) AS n FROM TABLE(CUMULATE(TABLE p, DESCRIPTOR(pt), INTERVAL '10' SECOND, INTERVAL '1' MINUTE)) GROUP BY window_start, window_end;`);
  t.regex(event, /window cumulate\(60000ms, 10000ms\)\n/);
  t.regex(processing, /window cumulate\(60000ms, 10000ms\) processing/);
});
