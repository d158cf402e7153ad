// MATCH_RECOGNIZE compiled to Eddy's CEP: the examples of Flink's "Pattern Recognition" page (Detecting Patterns in
// Tables), each run on its own small table with the matches worked out by hand below; the SQL's rows equal those of the
// same pattern written by hand in `.flow`; what Flink's CEP translation cannot express is a located SQL3006. The
// tests that run jobs are serial: each compiles and bundles a job, which is CPU-bound work.
import test from "ava";
import { bundleJob } from "../../../compiler/bundle/bundle.js";
import { importBundle } from "../../../compiler/bundle/import-bundle.js";
import { compile, type CompileResult } from "../../../compiler/compile.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import { compileSql } from "../../../compiler/sql/compile-sql.js";

type Row = Record<string, unknown>;
type Factory = (options: { sources: Record<string, Iterable<unknown>>; sinks: Record<string, (r: Row) => void> }) => { run(): Promise<unknown> };

/** The Ticker table of the page: one row per price change, in event time. */
function ticker(price: "BIGINT" | "DOUBLE" = "BIGINT"): string {
  return `CREATE TABLE Ticker (symbol STRING NOT NULL, price ${price} NOT NULL, tax BIGINT NOT NULL, rowtime TIMESTAMP(3) NOT NULL,
  WATERMARK FOR rowtime AS rowtime - INTERVAL '1' SECOND) WITH ('connector' = 'filesystem', 'path' = 'ticker.json', 'format' = 'json');\n`;
}

const at = (iso: string) => Date.parse(`${iso}Z`);

/** Ticker rows from `[symbol, price, tax, 'yyyy-MM-ddTHH:mm:ss']`. */
const rows = (...r: readonly (readonly [string, number, number, string])[]): Row[] => r.map(([symbol, price, tax, time]) => ({ symbol, price, tax, rowtime: at(time) }));

async function runCompiled(result: CompileResult, job: string, sink: string, input: readonly Row[]): Promise<Row[]> {
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  const bundle = await importBundle<Record<string, Factory>>(await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" }), "eddy-match-recognize-");
  const out: Row[] = [];
  await bundle.module[job]!({ sources: { Ticker: input }, sinks: { [sink]: (r) => void out.push(r) } }).run();
  bundle.dispose();
  return out;
}

/** Compiles a script whose only statement is a SELECT over Ticker and returns the rows it emits for `input`. */
async function runSql(sql: string, input: readonly Row[], fuse = true): Promise<Row[]> {
  const result = compileSql(sql, "match.sql", { fuse });
  const query = result.queries[0];
  if (!result.ok || query === undefined) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  return runCompiled(result, query.job, query.sink, input);
}

async function runFlow(flow: string, input: readonly Row[]): Promise<Row[]> {
  return runCompiled(compile(flow, "match.flow"), "hand", "out", input);
}

/** The errors of a script, each as its code and the SQL text its span covers. */
function errors(sql: string): [string, string][] {
  return compileSql(sql, "match.sql").check.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, sql.slice(d.span.start, d.span.end)]);
}

const canonical = (table: readonly Row[]) => table.map((r) => JSON.stringify(r)).sort();

// ───────────────────────────── the page's examples ─────────────────────────────

// "Introduction and Examples": periods of falling prices (START_ROW PRICE_DOWN+ PRICE_UP). The page's PRICE_UP reads
// LAST(PRICE_DOWN.price, 1) — the second-last falling row, which `.flow`'s iterative conditions cannot reach (see the
// diagnostics below) — so this run reads the last one, LAST(PRICE_DOWN.price): on the page's ACME rows both give its
// one match, and BETA is where they differ (9 rises above the last fall, 6, not above the one before, 8).
const V_SHAPE = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            START_ROW.rowtime AS start_tstamp,
            LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,
            LAST(PRICE_UP.rowtime) AS end_tstamp
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE
            PRICE_DOWN AS
                (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
                    PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
            PRICE_UP AS
                PRICE_UP.price > LAST(PRICE_DOWN.price)
    ) MR;`;

const V_ROWS = rows(
  ["ACME", 12, 1, "2011-04-01T10:00:00"], ["ACME", 17, 2, "2011-04-01T10:00:01"], ["ACME", 19, 1, "2011-04-01T10:00:02"],
  ["ACME", 21, 3, "2011-04-01T10:00:03"], ["ACME", 25, 2, "2011-04-01T10:00:04"], ["ACME", 18, 1, "2011-04-01T10:00:05"],
  ["ACME", 15, 1, "2011-04-01T10:00:06"], ["ACME", 14, 2, "2011-04-01T10:00:07"], ["ACME", 24, 2, "2011-04-01T10:00:08"],
  ["ACME", 25, 2, "2011-04-01T10:00:09"], ["ACME", 19, 1, "2011-04-01T10:00:10"],
  ["BETA", 10, 1, "2011-04-01T10:00:00"], ["BETA", 8, 1, "2011-04-01T10:00:01"], ["BETA", 6, 1, "2011-04-01T10:00:02"],
  ["BETA", 9, 1, "2011-04-01T10:00:03"],
);

test.serial("the V-shape: one row per falling period, with the partition column first (the page's result for ACME)", async (t) => {
  // ACME: 25 → 18 → 15 → 14 falls, 24 rises; the runs starting at 18 and 15 end on the same 24 and are skipped (TO LAST
  // PRICE_UP resumes at 24). 24 → 25 does not fall; 25 → 19 falls but no rise follows. BETA: 10 → 8 → 6, then 9.
  t.deepEqual(canonical(await runSql(V_SHAPE, V_ROWS)), canonical([
    { symbol: "ACME", start_tstamp: at("2011-04-01T10:00:04"), bottom_tstamp: at("2011-04-01T10:00:07"), end_tstamp: at("2011-04-01T10:00:08") },
    { symbol: "BETA", start_tstamp: at("2011-04-01T10:00:00"), bottom_tstamp: at("2011-04-01T10:00:02"), end_tstamp: at("2011-04-01T10:00:03") },
  ]));
});

test.serial("the V-shape gives the rows of the same pattern written by hand in .flow", async (t) => {
  const flow = `schema Tick { symbol: string, price: int, tax: int, rowtime: timestamp }
source Ticker: Tick = collection([]) watermark rowtime delay 1s
sink out = collect()
pattern VShape on Tick skip toLast(up) {
  begin start
  next down where price < (last(down) ?? start).price + consecutive greedy
  next up where price > last(down).price
} emit { symbol: start.symbol, start_tstamp: start.rowtime, bottom_tstamp: last(down).rowtime, end_tstamp: up.rowtime }
job hand { Ticker | keyBy symbol | match VShape | to out }
`;
  const sql = await runSql(V_SHAPE, V_ROWS);
  t.is(sql.length, 2);
  t.deepEqual(canonical(sql), canonical(await runFlow(flow, V_ROWS)));
});

test.serial("the V-shape gives the same rows interpreted (--no-fuse) as fused", async (t) => {
  const interpreted = await runSql(V_SHAPE, V_ROWS, false);
  t.is(interpreted.length, 2);
  t.deepEqual(canonical(interpreted), canonical(await runSql(V_SHAPE, V_ROWS)));
});

// "Aggregations": the longest runs whose running average stays below 15 (A+ B, B undefined: any row). Prices are
// DOUBLE here so that AVG is fractional, as the page prints it (Flink's AVG of a BIGINT is a BIGINT).
test.serial("aggregations in DEFINE run over the rows so far plus the current one (the page's two rows)", async (t) => {
  const sql = `${ticker("DOUBLE")}SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            FIRST(A.rowtime) AS start_tstamp,
            LAST(A.rowtime) AS end_tstamp,
            AVG(A.price) AS avgPrice
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A+ B)
        DEFINE
            A AS AVG(A.price) < 15
    ) MR;`;
  const prices = [12, 17, 13, 16, 25, 2, 4, 10, 15, 25, 25, 30];
  const input = rows(...prices.map((p, i) => ["ACME", p, 1, `2011-04-01T10:00:${String(i).padStart(2, "0")}`] as const));
  // 12, 14.5, 14, 14.5 stay below 15; with 25 the average is 16.6: A = rows 0–3, B = 25. Past it: 2 … 25 (average
  // 13.5 over six rows) and 30 (15.86) ends the second run.
  t.deepEqual(await runSql(sql, input), [
    { symbol: "ACME", start_tstamp: at("2011-04-01T10:00:00"), end_tstamp: at("2011-04-01T10:00:03"), avgPrice: 14.5 },
    { symbol: "ACME", start_tstamp: at("2011-04-01T10:00:05"), end_tstamp: at("2011-04-01T10:00:10"), avgPrice: 13.5 },
  ]);
});

// "Greedy & Reluctant Quantifiers": B* swallows 12, 13, 14 (greedy); B*? stops as soon as C can take a row.
const GREEDY_ROWS = rows(
  ["XYZ", 10, 1, "2018-09-17T10:00:02"], ["XYZ", 11, 2, "2018-09-17T10:00:03"], ["XYZ", 12, 1, "2018-09-17T10:00:04"],
  ["XYZ", 13, 2, "2018-09-17T10:00:05"], ["XYZ", 14, 1, "2018-09-17T10:00:06"], ["XYZ", 16, 2, "2018-09-17T10:00:07"],
);
const greedy = (quantifier: string) => `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            C.price AS lastPrice
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B${quantifier} C)
        DEFINE
            A AS A.price > 10,
            B AS B.price < 15,
            C AS C.price > 12
    )`;

test.serial("a greedy quantifier takes every row it can: one match ending at 16", async (t) => {
  t.deepEqual(await runSql(greedy("*"), GREEDY_ROWS), [{ symbol: "XYZ", lastPrice: 16 }]);
});

test.serial("a reluctant quantifier takes as few rows as it can: matches ending at 13 and at 16", async (t) => {
  // A = 11, B = 12, C = 13 (13 > 12 ends it at once); past it, A = 14, no B, C = 16.
  t.deepEqual(await runSql(greedy("*?"), GREEDY_ROWS), [{ symbol: "XYZ", lastPrice: 13 }, { symbol: "XYZ", lastPrice: 16 }]);
});

// "Time constraint": a drop of more than 10 within an hour (A B* C WITHIN INTERVAL '1' HOUR).
test.serial("WITHIN drops the runs that take an hour or more", async (t) => {
  const sql = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            C.rowtime AS dropTime,
            A.price - C.price AS dropDiff
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B* C) WITHIN INTERVAL '1' HOUR
        DEFINE
            B AS B.price > A.price - 10,
            C AS C.price < A.price - 10
    )`;
  const prices = [20, 17, 18, 11, 14, 9, 15, 14, 24, 1, 19];
  const input = rows(...prices.map((p, i) => ["ACME", p, 1, new Date(at("2011-04-01T10:00:00") + i * 20 * 60_000).toISOString().slice(0, 19)] as const));
  // Every run from 10:00 to 12:00 reaches the hour before a row 10 below its start: Flink's NFA (and Eddy's) drop a
  // run once (time - start) ≥ WITHIN, so the 15 of 12:00 and the 1 of 13:00 — exactly an hour apart — do not match.
  // At 13:00 two runs end: 14 (12:20) → 24 → 1, and 24 (12:40) → 1; the earlier start is emitted and PAST LAST ROW
  // drops the other. (The page prints 14, the drop from 12:00, which the `≥` it runs on does not produce.)
  t.deepEqual(await runSql(sql, input), [{ symbol: "ACME", dropTime: at("2011-04-01T13:00:00"), dropDiff: 13 }]);
});

// "Output Mode": the partition column comes first even when MEASURES do not name it. The query has no AFTER MATCH
// clause: Flink's planner (its copy of Calcite's SqlToRelConverter) then skips TO NEXT ROW, so the runs starting at 12
// and at 13 are matches too (the page shows only the first row).
test.serial("LAST(A.price, 1) in A's own DEFINE is the row before the current one; without AFTER MATCH, TO NEXT ROW", async (t) => {
  const sql = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            FIRST(A.price) AS startPrice,
            LAST(A.price) AS topPrice,
            B.price AS lastPrice
        ONE ROW PER MATCH
        PATTERN (A+ B)
        DEFINE
            A AS LAST(A.price, 1) IS NULL OR A.price > LAST(A.price, 1),
            B AS B.price < LAST(A.price)
    )`;
  const input = rows(["XYZ", 10, 1, "2018-09-17T10:00:02"], ["XYZ", 12, 2, "2018-09-17T10:00:03"], ["XYZ", 13, 1, "2018-09-17T10:00:04"], ["XYZ", 11, 2, "2018-09-17T10:00:05"]);
  // A rises while each row is above the one before (10, 12, 13); 11 is below 13: B. Every start ends at 11.
  t.deepEqual(await runSql(sql, input), [
    { symbol: "XYZ", startPrice: 10, topPrice: 13, lastPrice: 11 },
    { symbol: "XYZ", startPrice: 12, topPrice: 13, lastPrice: 11 },
    { symbol: "XYZ", startPrice: 13, topPrice: 13, lastPrice: 11 },
  ]);
  const pastLastRow = sql.replace("PATTERN (A+ B)", "AFTER MATCH SKIP PAST LAST ROW\n        PATTERN (A+ B)");
  t.deepEqual(await runSql(pastLastRow, input), [{ symbol: "XYZ", startPrice: 10, topPrice: 13, lastPrice: 11 }]);
});

// "After Match Strategy": A+ C with A AS SUM(A.price) < 30, under each strategy; FIRST(rowtime)/LAST(rowtime) read the
// whole match (the default pattern variable).
const skipping = (strategy: string) => `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            SUM(A.price) AS sumPrice,
            FIRST(rowtime) AS startTime,
            LAST(rowtime) AS endTime
        ONE ROW PER MATCH
        ${strategy}
        PATTERN (A+ C)
        DEFINE
            A AS SUM(A.price) < 30
    )`;
const SKIP_ROWS = rows(...[7, 9, 10, 5, 10, 7, 14].map((p, i) => ["XYZ", p, 1, `2018-09-17T10:00:0${i + 1}`] as const));
const match = (sumPrice: number, from: number, to: number) => ({ symbol: "XYZ", sumPrice, startTime: at(`2018-09-17T10:00:0${from}`), endTime: at(`2018-09-17T10:00:0${to}`) });

test.serial("AFTER MATCH SKIP PAST LAST ROW, TO NEXT ROW and TO LAST A give the page's rows", async (t) => {
  // From #1: 7 + 9 + 10 = 26, + 5 = 31 ends A, C = #4. From #5: 10 + 7 = 17, C = 14 (#7).
  t.deepEqual(await runSql(skipping("AFTER MATCH SKIP PAST LAST ROW"), SKIP_ROWS), [match(26, 1, 4), match(17, 5, 7)]);
  // Every row starts a run: #2 → 9+10+5 = 24 (C #5), #3 → 10+5+10 = 25 (C #6), #4 → 5+10+7 = 22 (C #7), #5 as above; #6
  // (7 + 14 = 21) never sees its C.
  t.deepEqual(canonical(await runSql(skipping("AFTER MATCH SKIP TO NEXT ROW"), SKIP_ROWS)), canonical([match(26, 1, 4), match(24, 2, 5), match(25, 3, 6), match(22, 4, 7), match(17, 5, 7)]));
  // TO LAST A resumes at the last row of A: #3 after the first match, #5 after the second.
  t.deepEqual(await runSql(skipping("AFTER MATCH SKIP TO LAST A"), SKIP_ROWS), [match(26, 1, 4), match(25, 3, 6), match(17, 5, 7)]);
});

test.serial("the skip strategies give the rows of the same pattern written by hand in .flow", async (t) => {
  const flow = (skip: string) => `schema Tick { symbol: string, price: int, tax: int, rowtime: timestamp }
source Ticker: Tick = collection([]) watermark rowtime delay 1s
sink out = collect()
pattern Skipping on Tick skip ${skip} {
  begin a where sum(a.price) + price < 30 + consecutive greedy
  next c
} emit { symbol: first(a).symbol, sumPrice: sum(a.price), startTime: first(a).rowtime, endTime: c.rowtime }
job hand { Ticker | keyBy symbol | match Skipping | to out }
`;
  for (const [sql, skip] of [["AFTER MATCH SKIP PAST LAST ROW", "pastLastEvent"], ["AFTER MATCH SKIP TO NEXT ROW", "skipToNext"], ["AFTER MATCH SKIP TO LAST A", "toLast(a)"]] as const) {
    const fromSql = await runSql(skipping(sql), SKIP_ROWS);
    t.true(fromSql.length >= 2, sql);
    t.deepEqual(canonical(fromSql), canonical(await runFlow(flow(skip), SKIP_ROWS)), sql);
  }
});

// ───────────────────────────── more navigation ─────────────────────────────

test.serial("an optional variable that matched nothing reads as NULL, and the match's own rows through the default variable", async (t) => {
  // A B? C: B takes a row below 20; C rises above the row before it (LAST(price, 1): B's if B matched, else A's).
  const sql = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            B.price AS bPrice,
            COUNT(*) AS n,
            MAX(price) AS top,
            MATCH_ROWTIME() AS matchTime,
            SUM(B.price) AS bSum,
            FIRST(price) AS opening
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B? C)
        DEFINE
            B AS B.price < 20,
            C AS LAST(price, 1) < C.price
    )`;
  // #1 20 (A), #2 15 (B: below 20; not C, 15 is not above 20), #3 18 (C: above 15). The run from #2 also ends at #3
  // (A 15, C 18): the earlier start is emitted, PAST LAST ROW drops the other. #4 30 (A), #5 25 is neither B nor C;
  // from #5: 25 (A), #6 28 is C with B empty.
  const input = rows(...[20, 15, 18, 30, 25, 28].map((p, i) => ["XYZ", p, 1, `2018-09-17T10:00:0${i + 1}`] as const));
  const expected = [
    { symbol: "XYZ", bPrice: 15, n: 3, top: 20, matchTime: at("2018-09-17T10:00:03"), bSum: 15, opening: 20 },
    // SQL's SUM of no rows is NULL (where `.flow`'s sum(s.f) is 0)
    { symbol: "XYZ", bPrice: null, n: 2, top: 28, matchTime: at("2018-09-17T10:00:06"), bSum: null, opening: 25 },
  ];
  t.deepEqual(await runSql(sql, input), expected);
  t.deepEqual(await runSql(sql, input, false), expected, "interpreted (--no-fuse)");
});

test.serial("NULL from a variable with no row follows SQL's three-valued logic in DEFINE and MEASURES", async (t) => {
  // A reads C, which comes later: C.price is NULL there, so `C.price IS NULL` holds. In C's condition, when B took no
  // row `C.price > B.price` is NULL: `FALSE OR NULL` is not TRUE.
  const sql = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            AVG(B.price) AS bAvg,
            COALESCE(B.price, -1) AS bOr,
            C.price AS c
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B? C)
        DEFINE
            A AS C.price IS NULL AND A.price > 0,
            B AS B.price > 100,
            C AS (B.price IS NULL AND C.price < A.price) OR C.price > B.price
    )`;
  // 50 (A), 40: not B, C as below 50 with B empty. 60 (A), 150: B (not C: 150 is not below 60, and `150 > NULL` is
  // NULL), 200: C, above 150.
  const input = rows(...[50, 40, 60, 150, 200].map((p, i) => ["XYZ", p, 1, `2018-09-17T10:00:0${i + 1}`] as const));
  t.deepEqual(await runSql(sql, input), [{ symbol: "XYZ", bAvg: null, bOr: -1, c: 40 }, { symbol: "XYZ", bAvg: 150, bOr: 150, c: 200 }]);
});

// "Pattern Variable Referencing": `price` without a variable in an aggregate is every row of the match so far. The page's
// PATTERN (A B+) ends in a greedy variable, which Flink rejects; a C that takes any row closes it here.
test.serial("an aggregate without a variable runs over the whole match so far (the page's SUM(price) < 100)", async (t) => {
  const sql = `${ticker()}SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            SUM(B.price) AS bSum,
            SUM(price) AS total,
            C.price AS closing
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B+ C)
        DEFINE
            A AS A.price >= 10,
            B AS B.price > A.price AND SUM(price) < 100 AND SUM(B.price) < 80
    )`;
  // B takes 15 (sums 25 and 15), 20 (45, 35), 31 (76, 66); 35 would make SUM(price) 111: C takes it. 40 starts a run
  // that never ends.
  const input = rows(...[10, 15, 20, 31, 35, 40].map((p, i) => ["XYZ", p, 1, `2018-09-17T10:00:0${i + 1}`] as const));
  t.deepEqual(await runSql(sql, input), [{ symbol: "XYZ", bSum: 66, total: 111, closing: 35 }]);
});

test.serial("without PARTITION BY the pattern runs over all rows, and the output has only the measures", async (t) => {
  const sql = `${ticker()}SELECT * FROM Ticker MATCH_RECOGNIZE (ORDER BY rowtime MEASURES A.symbol AS first_symbol, B.symbol AS second_symbol
    PATTERN (A B) DEFINE A AS A.price > 10, B AS B.price < A.price) AS T`;
  // X 12 then Y 11 (below 12); from Y: 11 > 10 but 20 is not below it; Z 20 then X 1.
  const input = rows(["X", 12, 1, "2018-09-17T10:00:01"], ["Y", 11, 1, "2018-09-17T10:00:02"], ["Z", 20, 1, "2018-09-17T10:00:03"], ["X", 1, 1, "2018-09-17T10:00:04"]);
  t.deepEqual(await runSql(sql, input), [{ first_symbol: "X", second_symbol: "Y" }, { first_symbol: "Z", second_symbol: "X" }]);
});

test.serial("the output is a table the rest of the query reads through the clause's alias", async (t) => {
  const sql = V_SHAPE.replace("SELECT *", "SELECT MR.symbol, MR.end_tstamp - MR.start_tstamp AS took").replace(") MR;", ") MR WHERE MR.symbol <> 'BETA';");
  t.deepEqual(await runSql(sql, V_ROWS), [{ symbol: "ACME", took: 4000 }]);
});

// ───────────────────────────── what is not supported, located ─────────────────────────────

const query = (clauses: string) => `${ticker()}SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY rowtime MEASURES A.price AS p ${clauses}) AS T;`;

test("constructs Flink's CEP translation lacks are SQL3006 at what was written", (t) => {
  t.deepEqual(errors(query("PATTERN ((A | B) C) DEFINE A AS A.price > 1")), [["SQL3006", "A | B"]]);
  t.deepEqual(errors(query("PATTERN (A (B C)+ D) DEFINE A AS A.price > 1")), [["SQL3006", "(B C)+"]]);
  t.deepEqual(errors(query("ALL ROWS PER MATCH PATTERN (A B) DEFINE A AS A.price > 1")), [["SQL3006", "ALL ROWS PER MATCH"]]);
  t.deepEqual(errors(query("PATTERN (A B+) DEFINE A AS A.price > 1")), [["SQL3006", "+"]]);
  t.deepEqual(errors(query("PATTERN (A B?? C) DEFINE A AS A.price > 1")), [["SQL3006", "??"]]);
  t.deepEqual(errors(query("PATTERN (A B A) DEFINE B AS B.price > 1")), [["SQL3006", "A"]]);
  t.deepEqual(errors(query("PATTERN (A* B?) DEFINE A AS A.price > 1")), [["SQL3006", "A* B?"]]);
  t.deepEqual(errors(query("PATTERN (A+ B) DEFINE B AS B.price > LAST(A.price, 1)")), [["SQL3006", "LAST(A.price, 1)"]]);
  t.deepEqual(errors(query("PATTERN (A B) DEFINE B AS B.price > PREV(B.price)")), [["SQL3006", "PREV(B.price)"]]);
  t.deepEqual(errors(query("PATTERN (A+ B) DEFINE B AS B.price > SUM(A.price * A.tax)")), [["SQL3006", "A.price * A.tax"]]);
  t.deepEqual(errors(query("AFTER MATCH SKIP TO FIRST B PATTERN (A B? C) DEFINE A AS A.price > 1")), [["SQL3006", "B"]]);
});

test("the page's V-shape as written: only the second-last falling row is out of reach", (t) => {
  const asWritten = V_SHAPE.replace("PRICE_UP.price > LAST(PRICE_DOWN.price)", "PRICE_UP.price > LAST(PRICE_DOWN.price, 1)");
  t.deepEqual(errors(asWritten), [["SQL3006", "LAST(PRICE_DOWN.price, 1)"]]);
});

test("invalid clauses are SQL3015 at the clause, with a hint", (t) => {
  const order = (by: string) => `${ticker()}SELECT * FROM Ticker MATCH_RECOGNIZE (PARTITION BY symbol ORDER BY ${by} MEASURES A.price AS p PATTERN (A B) DEFINE A AS A.price > 1) AS T;`;
  t.deepEqual(errors(order("rowtime DESC")), [["SQL3015", "rowtime DESC"]]);
  t.deepEqual(errors(order("price")), [["SQL3015", "price"]]);
  t.deepEqual(errors(order("rowtime, price")), [["SQL3006", "price"]]);
  // Skipping to the first row of the first variable would start the next match where this one did: Flink fails the job.
  t.deepEqual(errors(query("AFTER MATCH SKIP TO FIRST A PATTERN (A+ C) DEFINE A AS A.price > 1")), [["SQL3015", "A"]]);
  t.deepEqual(errors(query("PATTERN (A B) DEFINE C AS C.price > 1")), [["SQL3015", "C"]]);
  const hint = compileSql(order("price"), "match.sql").check.diagnostics[0]!.hint;
  t.regex(hint ?? "", /ORDER BY rowtime/);
});

test("PERMUTE is not in the grammar: a syntax error at it", (t) => {
  t.deepEqual(errors(query("PATTERN (PERMUTE(A, B)) DEFINE A AS A.price > 1")).map(([code]) => code), ["SQL2001"]);
});
