// Property: sum, avg, min and max over nullable values follow SQL — nulls are skipped, a group with no non-null value
// gives null, avg divides by the count of non-null values — on every path that evaluates aggregates: the generated
// accumulators (specialised tumbling and running operators, the library's session windows with their merge) and the
// interpreter (--no-fuse), and the retracting aggregate over an update stream, which takes a replaced row's value back.
// The oracle folds each group's values by brute force; non-nullable arguments ride along to show their results are
// unchanged.
import test from "ava";
import fc from "fast-check";
import assert from "node:assert/strict";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

const FIELDS = `n: count(), sv: sum(v), av: avg(v), lv: min(v), hv: max(v), sf: sum(f), af: avg(f), lf: min(f), hf: max(f),
    ls: min(s), hs: max(s), fs: sum(if c then a else null), fa: avg(if c then a else null), sa: sum(a), aa: avg(a), la: min(a), ha: max(a)`;

// why a 1s watermark delay over timestamps 0..60: no record is ever late, so records may come in any order — sessions
// then form apart and are merged by a later record bridging them, which runs the accumulators' merge
const PROGRAM = `schema R { k: string, id: int, v: int?, f: float?, s: string?, a: int, c: bool, ts: timestamp }
source rs: R = collection([]) watermark ts delay 1s
sink tumbling = collect()
sink sessions = collect()
sink running = collect()
sink retracting = collect()
job j {
  rs | keyBy k | window tumbling(10ms) | aggregate { w: window.start, ${FIELDS} } | to tumbling
  rs | keyBy k | window session(5ms) | aggregate { w: window.start, ${FIELDS} } | to sessions
  rs | keyBy k | aggregate { ${FIELDS} } | to running
  // an update stream of each (k, id)'s last v, aggregated per k: a new row for an id takes its previous row back
  rs | keyBy k, id | aggregate { lv: last(v) } | keyBy k | aggregate { n: count(lv), s: sum(lv), av: avg(lv), lo: min(lv), hi: max(lv) } | to retracting
}
`;

interface R { k: string; id: number; v: number | null; f: number | null; s: string | null; a: number; c: boolean; ts: number }
type Row = Record<string, unknown>;

// ---- the oracle: SQL's aggregates over one group's records, by brute force ----
const present = <T>(xs: readonly (T | null)[]) => xs.filter((x): x is T => x !== null);
const sum = (xs: readonly (number | null)[]) => (present(xs).length === 0 ? null : present(xs).reduce((p, x) => p + x, 0));
const avg = (xs: readonly (number | null)[]) => (present(xs).length === 0 ? null : sum(xs)! / present(xs).length);
function extreme<T>(xs: readonly (T | null)[], better: (x: T, than: T) => boolean): T | null {
  let best: T | null = null;
  for (const x of present(xs)) if (best === null || better(x, best)) best = x;
  return best;
}
const least = <T>(xs: readonly (T | null)[]) => extreme(xs, (x, than) => x < than);
const greatest = <T>(xs: readonly (T | null)[]) => extreme(xs, (x, than) => x > than);

function aggregates(group: readonly R[]): Row {
  const col = <K extends keyof R>(k: K) => group.map((r) => r[k]);
  const filtered = group.map((r) => (r.c ? r.a : null));
  return {
    k: group[0]!.k, n: group.length,
    sv: sum(col("v")), av: avg(col("v")), lv: least(col("v")), hv: greatest(col("v")),
    sf: sum(col("f")), af: avg(col("f")), lf: least(col("f")), hf: greatest(col("f")),
    ls: least(col("s")), hs: greatest(col("s")),
    fs: sum(filtered), fa: avg(filtered),
    sa: sum(col("a")), aa: avg(col("a")), la: least(col("a")), ha: greatest(col("a")),
  };
}

function groupBy<K>(rs: readonly R[], keyOf: (r: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>();
  for (const r of rs) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  return groups;
}

/** Flink's sessions: sorted by time, a record joins the session when it is at most `gap` after the session's last. */
function sessions(rs: readonly R[], gap: number): R[][] {
  const out: R[][] = [];
  for (const group of groupBy(rs, (r) => r.k).values()) {
    let current: R[] = [];
    for (const r of [...group].sort((x, y) => x.ts - y.ts)) {
      if (current.length > 0 && r.ts > current.at(-1)!.ts + gap) { out.push(current); current = []; }
      current.push(r);
    }
    out.push(current);
  }
  return out;
}

function expected(rs: readonly R[]): Record<string, string[]> {
  const tumbling = [...groupBy(rs, (r) => `${r.k}/${Math.floor(r.ts / 10)}`).values()].map((g) => ({ w: Math.floor(g[0]!.ts / 10) * 10, ...aggregates(g) }));
  const session = sessions(rs, 5).map((g) => ({ w: Math.min(...g.map((r) => r.ts)), ...aggregates(g) }));
  // a running aggregate emits its key's aggregate over every record so far, after each record
  const running = rs.map((r, i) => aggregates(rs.slice(0, i + 1).filter((x) => x.k === r.k)));
  // the retracting aggregate emits, after each record, its key's aggregate over the last v of each of the key's ids
  const retracting = rs.map((r, i) => {
    const live = [...groupBy(rs.slice(0, i + 1).filter((x) => x.k === r.k), (x) => x.id).values()].map((rows) => rows.at(-1)!.v);
    return { k: r.k, n: present(live).length, s: sum(live), av: avg(live), lo: least(live), hi: greatest(live) };
  });
  return { tumbling: canonical(tumbling), sessions: canonical(session), running: canonical(running, false), retracting: canonical(retracting, false) };
}

/** Rows as JSON with sorted field names; sorted too, except the running rows whose order per key is the point. */
function canonical(rows: readonly Row[], sort = true): string[] {
  const lines = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))));
  return sort ? lines.sort() : lines;
}

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const record: fc.Arbitrary<R> = fc.record({
  k: fc.constantFrom("x", "y"),
  id: fc.integer({ min: 0, max: 3 }),
  v: nullable(fc.integer({ min: -20, max: 20 })),
  // why quarters: sums of them are exact in any order, so merged sessions add up exactly as the oracle does
  f: nullable(fc.integer({ min: -40, max: 40 }).map((q) => q / 4)),
  s: nullable(fc.constantFrom("", "a", "ab", "b", "B")),
  a: fc.integer({ min: -20, max: 20 }),
  c: fc.boolean(),
  ts: fc.integer({ min: 0, max: 60 }),
});

async function run(query: CompiledQuery, rs: readonly R[], parallelism: number): Promise<Record<string, string[]>> {
  const { collected } = await runCompiled(query, { checkpointing: null, sources: { rs }, batchSize: 3, parallelism });
  const rows = (sink: string) => (collected[sink] ?? []) as Row[];
  // the running rows of different keys may interleave differently from the input: compare them key by key
  const byKey = (lines: readonly Row[]) => ["x", "y"].flatMap((k) => canonical(lines.filter((r) => r["k"] === k), false));
  return { tumbling: canonical(rows("tumbling")), sessions: canonical(rows("sessions")), running: byKey(rows("running")), retracting: retracted(byKey(rows("retracting")), parallelism) };
}

/**
 * The retracting rows to compare. On one subtask, every row in order; on two, the update rows of different ids reach
 * the second aggregate through different channels, so only each key's last row (its final result) is determined.
 */
function retracted(lines: readonly string[], parallelism: number): string[] {
  if (parallelism === 1) return [...lines];
  const last = new Map<string, string>();
  for (const l of lines) last.set(JSON.parse(l).k, l);
  return [...last.values()];
}

for (const fuse of [true, false]) {
  test(`${fuse ? "fused" : "--no-fuse"}: sum, avg, min and max skip nulls as SQL does, windowed, in sessions, running and retracting`, async (t) => {
    const query = await compileQuery(PROGRAM, "nullable-aggregates.flow", "j", { fuse });
    await assertProperty(
      t,
      // why parallelism 2 too: the aggregates' nullable results then cross exchanges, in their batch codecs
      fc.asyncProperty(fc.array(record, { maxLength: 30 }), fc.constantFrom(1, 2), async (rs, parallelism) => {
        const want = expected(rs);
        const byKey = (lines: readonly string[]) => ["x", "y"].flatMap((k) => lines.filter((l) => JSON.parse(l).k === k));
        assert.deepStrictEqual(await run(query, rs, parallelism), { ...want, running: byKey(want.running), retracting: retracted(byKey(want.retracting), parallelism) });
      }),
      { numRuns: propertyRuns(60), file: import.meta.url },
    );
  });
}
