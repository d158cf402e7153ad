// SQL interval joins and outer joins: which `.flow` join a SQL join becomes (Flink's interval-join rule, its bounds
// and the 1 ms shift of strict bounds), and the rows it gives against a nested-loop computation of the SQL semantics
// (every matching pair; for an outer join each unmatched row of a kept side with the other side's columns NULL).
import test from "ava";
import fc from "fast-check";
import type { JoinOp, Program } from "../../../compiler/ast/nodes.js";
import { constantDuration } from "../../../compiler/types/constants.js";
import { checkSql } from "../../../compiler/sql/compile-sql.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { runSqlQueries } from "../../helpers/sql-query.js";

const table = (name: string, value: string) =>
  `CREATE TABLE ${name} (k INT, ${value} INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'filesystem', 'path' = '${name}.jsonl', 'format' = 'json');\n`;
const TABLES = table("a", "x") + table("b", "y") + "CREATE TABLE c (k INT, y INT, ts TIMESTAMP(3), expires TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'c.jsonl', 'format' = 'json');\n";

/** The `.flow` join the query's single SQL join became. */
function joinOf(query: string): JoinOp {
  const result = checkSql(TABLES + query, "q.sql");
  if (!result.check.ok) throw new Error(result.check.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const joins: JoinOp[] = [];
  for (const d of (result.check.program as Program).declarations) {
    if (d.kind !== "JobDecl") continue;
    for (const item of d.items) {
      const pipeline = item.kind === "Pipeline" ? item : item.kind === "LetStatement" ? item.pipeline : undefined;
      for (const op of pipeline?.operators ?? []) if (op.kind === "JoinOp") joins.push(op);
    }
  }
  if (joins.length !== 1) throw new Error(`expected one join, found ${joins.length}`);
  return joins[0]!;
}

const bounds = (op: JoinOp) => (op.between === null ? null : [constantDuration(op.between.lower), constantDuration(op.between.upper)]);

test("BETWEEN on both time attributes is an interval join: b.ts − a.ts ∈ [lower, upper] in ms", (t) => {
  const op = joinOf("SELECT a.x, b.y FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - INTERVAL '1' HOUR AND a.ts + INTERVAL '10' MINUTE;");
  t.deepEqual(bounds(op), [-3_600_000, 600_000]);
  t.false(op.unbounded);
  // the time attribute of the left written first: a.ts ∈ [b.ts − 2 s, b.ts + 3 s] ⇔ b.ts − a.ts ∈ [−3 s, 2 s]
  t.deepEqual(bounds(joinOf("SELECT a.x FROM a JOIN b ON a.k = b.k AND a.ts BETWEEN b.ts - INTERVAL '2' SECOND AND b.ts + INTERVAL '3' SECOND;")), [-3000, 2000]);
});

test("strict bounds move by 1 ms (Flink's rule for millisecond rowtimes); >=/<= and reversed operands read alike", (t) => {
  t.deepEqual(bounds(joinOf("SELECT a.x FROM a JOIN b ON a.k = b.k AND a.ts >= b.ts AND a.ts < b.ts + INTERVAL '10' SECOND;")), [-9999, 0]);
  t.deepEqual(bounds(joinOf("SELECT a.x FROM a JOIN b ON a.k = b.k AND b.ts > a.ts - INTERVAL '1' SECOND AND b.ts + INTERVAL '2' SECOND <= a.ts + INTERVAL '5' SECOND;")), [-999, 3000]);
  // conjuncts in WHERE of a comma join count as well
  t.deepEqual(bounds(joinOf("SELECT a.x FROM a, b WHERE a.k = b.k AND b.ts <= a.ts AND b.ts > a.ts - INTERVAL '1' MINUTE;")), [-59_999, 0]);
});

test("one-sided bounds, and bounds on a column that is not a time attribute, keep the join regular (Nexmark q6)", (t) => {
  t.true(joinOf("SELECT a.x FROM a JOIN b ON a.k = b.k AND b.ts >= a.ts;").unbounded);
  const q6 = joinOf("SELECT a.x FROM a JOIN c ON a.k = c.k AND a.ts BETWEEN c.ts AND c.expires;");
  t.true(q6.unbounded);
  t.is(q6.between, null);
});

test("LEFT/RIGHT/FULL [OUTER] JOIN of an interval join becomes the `.flow` outer join", (t) => {
  const on = "ON a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' SECOND;";
  t.is(joinOf(`SELECT a.x FROM a LEFT JOIN b ${on}`).outer, "left");
  t.is(joinOf(`SELECT a.x FROM a RIGHT OUTER JOIN b ${on}`).outer, "right");
  t.is(joinOf(`SELECT a.x FROM a FULL OUTER JOIN b ${on}`).outer, "full");
  t.is(joinOf(`SELECT a.x FROM a JOIN b ${on}`).outer, undefined);
});

test("a join without time bounds keeps LEFT/RIGHT/FULL as a regular outer join, whose result retracts", (t) => {
  const op = joinOf("SELECT a.x FROM a LEFT JOIN b ON a.k = b.k;");
  t.true(op.unbounded);
  t.is(op.outer, "left");
  const result = checkSql(TABLES + "SELECT a.x, b.y FROM a FULL JOIN b ON a.k = b.k;", "q.sql");
  t.deepEqual(result.queries.map((q) => q.changelog), [{ kind: "retract", rowKindField: "__rowKind" }]);
});

// ─── results vs a nested-loop computation ───

interface A { k: number | null; x: number; ts: number }
interface B { k: number | null; y: number; ts: number }
const LOWER = -2000;
const UPPER = 3000;
const KINDS = ["INNER", "LEFT", "RIGHT", "FULL"] as const;
const QUERIES = KINDS.map((kind) => `SELECT a.k AS ak, a.x, b.k AS bk, b.y, b.y - a.x AS d FROM a ${kind} JOIN b ON a.k = b.k AND a.x <> b.y AND b.ts >= a.ts - INTERVAL '2' SECOND AND b.ts < a.ts + INTERVAL '3.001' SECOND;`);

function expected(kind: (typeof KINDS)[number], as: readonly A[], bs: readonly B[]): string[] {
  // SQL: a NULL key equals nothing, not even NULL
  const pairs = (a: A, b: B) => a.k !== null && a.k === b.k && a.x !== b.y && b.ts - a.ts >= LOWER && b.ts - a.ts <= UPPER;
  const row = (a: A | null, b: B | null) => JSON.stringify({ ak: a?.k ?? null, x: a?.x ?? null, bk: b?.k ?? null, y: b?.y ?? null, d: a === null || b === null ? null : b.y - a.x });
  const rows: string[] = [];
  for (const a of as) for (const b of bs) if (pairs(a, b)) rows.push(row(a, b));
  if (kind === "LEFT" || kind === "FULL") for (const a of as) if (!bs.some((b) => pairs(a, b))) rows.push(row(a, null));
  if (kind === "RIGHT" || kind === "FULL") for (const b of bs) if (!as.some((a) => pairs(a, b))) rows.push(row(null, b));
  return rows.sort();
}

/** Rows in arrival order, each at most 5 s (the watermark delay) behind the largest timestamp before it. */
function outOfOrder<T>(value: fc.Arbitrary<T>): fc.Arbitrary<(T & { ts: number })[]> {
  return fc.array(fc.record({ value, ts: fc.integer({ min: 0, max: 30_000 }), jitter: fc.integer({ min: 0, max: 5000 }) }), { maxLength: 15 })
    .map((xs) => xs.sort((p, q) => p.ts + p.jitter - (q.ts + q.jitter)).map((p) => ({ ...p.value, ts: p.ts })));
}

for (const fuse of [true, false]) {
  test(`inner and outer interval joins give the nested-loop rows, NULLs in padded columns (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    t.deepEqual(bounds(joinOf(QUERIES[0]!)), [LOWER, UPPER]);
    const key = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant(null));
    await assertProperty(
      t,
      fc.asyncProperty(outOfOrder(fc.record({ k: key, x: fc.integer({ min: 0, max: 2 }) })), outOfOrder(fc.record({ k: key, y: fc.integer({ min: 0, max: 2 }) })), async (as, bs) => {
        const results = await runSqlQueries(TABLES + QUERIES.join("\n"), { a: as, b: bs, c: [] }, { fuse });
        KINDS.forEach((kind, i) => t.deepEqual(results[i]!.map((r) => JSON.stringify(r)).sort(), expected(kind, as, bs), kind));
      }),
      { file: import.meta.url, numRuns: propertyRuns(8) },
    );
  });
}

test("a FULL JOIN of two window aggregations on the same window: each side's groups without a partner padded with NULLs", async (t) => {
  const per = (name: string, value: string) => `SELECT k, window_start, window_end, SUM(${value}) AS total FROM TABLE(TUMBLE(TABLE ${name}, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end`;
  const query = `SELECT l.k AS lk, r.k AS rk, l.window_end AS lend, r.window_end AS rend, l.total AS x, r.total AS y FROM (${per("a", "x")}) l FULL JOIN (${per("b", "y")}) r ON l.k = r.k AND l.window_start = r.window_start AND l.window_end = r.window_end;`;
  const op = joinOf(query);
  t.is(op.outer, "full");
  t.not(op.window, null);
  const as = [{ k: 1, x: 1, ts: 1000 }, { k: 1, x: 2, ts: 4000 }, { k: 2, x: 5, ts: 12_000 }];
  const bs = [{ k: 1, y: 10, ts: 9000 }, { k: 1, y: 20, ts: 15_000 }, { k: 3, y: 7, ts: 12_500 }];
  // windows [0, 10 s): a k1 = 3, b k1 = 10 → a pair; [10 s, 20 s): a k2 = 5, b k1 = 20, b k3 = 7 → nobody pairs
  const expected = [
    { lk: 1, rk: 1, lend: 10_000, rend: 10_000, x: 3, y: 10 },
    { lk: 2, rk: null, lend: 20_000, rend: null, x: 5, y: null },
    { lk: null, rk: 1, lend: null, rend: 20_000, x: null, y: 20 },
    { lk: null, rk: 3, lend: null, rend: 20_000, x: null, y: 7 },
  ];
  for (const fuse of [true, false]) {
    const [rows] = await runSqlQueries(TABLES + query, { a: as, b: bs, c: [] }, { fuse });
    t.deepEqual(rows!.map((r) => JSON.stringify(r)).sort(), expected.map((r) => JSON.stringify(r)).sort(), fuse ? "fused" : "--no-fuse");
  }
});
