// Window TVFs without aggregation: each row once per window it belongs to, with window_start, window_end and
// window_time as values — rows worked out by hand from Flink's window-TVF page, fused and --no-fuse; and what stays a
// window aggregation, and the located refusals.
import test from "ava";
import { printProgram } from "../../../compiler/ast/print.js";
import { checkSql, compileSql } from "../../../compiler/sql/compile-sql.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const T = "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 't.jsonl', 'format' = 'json');\n";
const ROWS = [
  { k: "a", v: 1, ts: 500 },
  { k: "a", v: 2, ts: 1500 },
  { k: "b", v: 4, ts: 2500 },
  { k: "a", v: 8, ts: 4200 },
];
const TUMBLE = "TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND))";
const HOP = "TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '2' SECOND))";
const QUERIES = [
  `SELECT * FROM ${TUMBLE};`,
  // a filter on the window columns, and a projection that drops the time column: HOP's rows are still per window
  `SELECT v, window_start, window_end FROM ${HOP} WHERE window_start >= TIMESTAMP '1970-01-01 00:00:01' AND v > 1;`,
  `SELECT v FROM ${HOP};`,
  `SELECT v, window_start, window_end FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '3' SECOND));`,
  `SELECT k, v, window_start, window_end, window_time FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '1' SECOND));`,
  `SELECT v, window_start, window_end FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND));`,
  // the window columns selected by name only stay the TVF's: the GROUP BY over them is a window aggregation
  `SELECT k, window_end, COUNT(*) AS n FROM (SELECT k, window_start, window_end FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '2' SECOND))) GROUP BY k, window_start, window_end;`,
  // window_time, a session's time attribute, windows the session rows again
  `CREATE VIEW sessions AS SELECT v, window_time FROM TABLE(SESSION(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND));`,
  `SELECT window_start, window_end, SUM(v) AS s FROM TABLE(TUMBLE(TABLE sessions, DESCRIPTOR(window_time), INTERVAL '3' SECOND)) GROUP BY window_start, window_end;`,
].join("\n");

const sorted = (rows: readonly Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();

/** The rows each query must give, by hand from each assigner's definition. */
const EXPECTED: readonly (readonly object[])[] = [
  // TUMBLE 1 s: [⌊ts⌋, ⌊ts⌋ + 1 s), window_time = end − 1 ms
  [
    { k: "a", v: 1, ts: 500, window_start: 0, window_end: 1000, window_time: 999 },
    { k: "a", v: 2, ts: 1500, window_start: 1000, window_end: 2000, window_time: 1999 },
    { k: "b", v: 4, ts: 2500, window_start: 2000, window_end: 3000, window_time: 2999 },
    { k: "a", v: 8, ts: 4200, window_start: 4000, window_end: 5000, window_time: 4999 },
  ],
  // HOP slide 1 s, size 2 s: the two windows starting at ⌊ts⌋ and ⌊ts⌋ − 1 s; those starting at 1 s or later, v > 1
  [
    { v: 2, window_start: 1000, window_end: 3000 },
    { v: 4, window_start: 2000, window_end: 4000 }, { v: 4, window_start: 1000, window_end: 3000 },
    { v: 8, window_start: 4000, window_end: 6000 }, { v: 8, window_start: 3000, window_end: 5000 },
  ],
  [{ v: 1 }, { v: 1 }, { v: 2 }, { v: 2 }, { v: 4 }, { v: 4 }, { v: 8 }, { v: 8 }],
  // CUMULATE step 1 s, size 3 s: from each multiple of 3 s, the ends 1 s, 2 s, 3 s later that are after ts
  [
    { v: 1, window_start: 0, window_end: 1000 }, { v: 1, window_start: 0, window_end: 2000 }, { v: 1, window_start: 0, window_end: 3000 },
    { v: 2, window_start: 0, window_end: 2000 }, { v: 2, window_start: 0, window_end: 3000 },
    { v: 4, window_start: 0, window_end: 3000 },
    { v: 8, window_start: 3000, window_end: 5000 }, { v: 8, window_start: 3000, window_end: 6000 },
  ],
  // SESSION gap 1 s per k: a's 0.5 s and 1.5 s make [0.5 s, 2.5 s) (windows that touch merge); a's 4.2 s is alone
  [
    { k: "a", v: 1, window_start: 500, window_end: 2500, window_time: 2499 },
    { k: "a", v: 2, window_start: 500, window_end: 2500, window_time: 2499 },
    { k: "b", v: 4, window_start: 2500, window_end: 3500, window_time: 3499 },
    { k: "a", v: 8, window_start: 4200, window_end: 5200, window_time: 5199 },
  ],
  // SESSION gap 1 s over all rows: 0.5, 1.5, 2.5 s are one session [0.5 s, 3.5 s)
  [
    { v: 1, window_start: 500, window_end: 3500 }, { v: 2, window_start: 500, window_end: 3500 },
    { v: 4, window_start: 500, window_end: 3500 }, { v: 8, window_start: 4200, window_end: 5200 },
  ],
  // TUMBLE 2 s per k: a has 2 rows in [0, 2 s) and one in [4 s, 6 s); b one in [2 s, 4 s)
  [{ k: "a", window_end: 2000, n: 2 }, { k: "b", window_end: 4000, n: 1 }, { k: "a", window_end: 6000, n: 1 }],
  // the sessions' window_time 3.499 s and 5.199 s fall in [3 s, 6 s): one window with every v
  [{ window_start: 3000, window_end: 6000, s: 15 }],
];

for (const fuse of [true, false]) {
  test(`TUMBLE, HOP, CUMULATE and SESSION rows read as they are: one row per window a row belongs to (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const results = await runSqlQueries(`${T}${QUERIES}`, { t: ROWS }, { fuse });
    t.is(results.length, EXPECTED.length);
    results.forEach((rows, i) => t.deepEqual(sorted(rows), sorted(EXPECTED[i]! as Record<string, unknown>[]), `query ${i + 1}`));
  });
}

test("a TVF's rows are insert-only; HOP and CUMULATE emit a row's windows in Flink's order; only a GROUP BY on both bounds aggregates per window", (t) => {
  const result = checkSql(`${T}${QUERIES}`, "q.sql");
  t.true(result.check.ok);
  t.deepEqual(result.queries.map((q) => q.changelog.kind), EXPECTED.map(() => "insert-only"));
  const flow = printProgram(result.check.program!);
  // HOP: the latest window first (i = 0), as Flink's SlidingWindowAssigner; CUMULATE: the earliest end first
  t.regex(flow, /flatMap \[0, 1\] as __window_index/);
  t.regex(flow, /flatMap \[1, 2, 3\] as __window_step/);
  t.regex(flow, /keyBy k\n\s*\| window session\(1000ms\)\n\s*\| aggregate \{ __session_rows: collect/);
});

test("what cannot be read as rows is refused where it is written", (t) => {
  const P = `${T}CREATE VIEW p AS SELECT v, PROCTIME() AS pt FROM t;\n`;
  const cases: readonly [string, string, string][] = [
    // a processing-time row has no time a `.flow` expression can read
    [`${P}SELECT v, window_start FROM TABLE(TUMBLE(TABLE p, DESCRIPTOR(pt), INTERVAL '1' SECOND));`, "SQL3006", "TABLE(TUMBLE(TABLE p, DESCRIPTOR(pt), INTERVAL '1' SECOND))"],
    // an aligned window's rows keep their own timestamps: window_time is a value, not their time attribute
    [`${T}CREATE VIEW w AS SELECT * FROM ${TUMBLE};\nSELECT COUNT(*) FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(window_time), INTERVAL '2' SECOND)) GROUP BY window_start, window_end;`, "SQL3013", "window_time"],
    [`${T}SELECT * FROM TABLE(SESSION(TABLE t PARTITION BY UPPER(k), DESCRIPTOR(ts), INTERVAL '1' SECOND));`, "SQL3006", "UPPER(k)"],
  ];
  for (const [text, code, spanText] of cases) {
    const diagnostics = compileSql(text, "q.sql").check.diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [[code, spanText]], spanText);
  }
});
