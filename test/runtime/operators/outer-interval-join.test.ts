// The interval outer join operator: against a nested-loop oracle with watermarks interleaved (no padded row is ever
// behind the output watermark), and under crashes (buffers, matched flags and cleanup timers restored exactly once).
import test from "ava";
import fc from "fast-check";
import {
  FaultInjector,
  OuterIntervalJoinOperator,
  outerIntervalJoin,
  type OuterJoinFunctions,
  type OuterJoinKind,
  TransactionalCollectSink,
} from "../../../runtime/index.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { crashingSources, type Ev } from "../joins/crashing-sources.js";
import { TwoInputHarness } from "../joins/harness.js";

const functions = (kind: OuterJoinKind): OuterJoinFunctions<Ev, Ev, string> => ({
  kind,
  // a residual condition beyond the key, so that rows with a partner in the interval may still be unmatched
  matches: (l, r) => (l.ts + r.ts) % 3 !== 0,
  joined: (l, r) => `${l.id}+${r.id}`,
  padRight: (l) => `${l.id}+null`,
  padLeft: (r) => `null+${r.id}`,
});

/** Pairs with equal keys, right.ts − left.ts in [lower, upper] and the residual; then each kept side's unmatched rows. */
function oracle(kind: OuterJoinKind, lefts: readonly Ev[], rights: readonly Ev[], lower: number, upper: number): string[] {
  const fns = functions(kind);
  const pairs = (l: Ev, r: Ev) => l.k === r.k && r.ts - l.ts >= lower && r.ts - l.ts <= upper && fns.matches(l, r);
  const out: string[] = [];
  for (const l of lefts) for (const r of rights) if (pairs(l, r)) out.push(fns.joined(l, r));
  if (kind !== "right") for (const l of lefts) if (!rights.some((r) => pairs(l, r))) out.push(fns.padRight(l));
  if (kind !== "left") for (const r of rights) if (!lefts.some((l) => pairs(l, r))) out.push(fns.padLeft(r));
  return out.sort();
}

const DELAY = 5;
const scenario = fc.record({
  kind: fc.constantFrom<OuterJoinKind>("left", "right", "full"),
  lower: fc.integer({ min: -10, max: 5 }),
  width: fc.integer({ min: 0, max: 10 }),
  // arrival order: sorted by ts + jitter, so each record is at most DELAY behind the largest timestamp before it
  events: fc.array(fc.record({ left: fc.boolean(), k: fc.integer({ min: 0, max: 2 }), ts: fc.integer({ min: 0, max: 60 }), jitter: fc.integer({ min: 0, max: DELAY }) }), { maxLength: 40 }),
});

test("equals the oracle, and no row it emits is behind a watermark it emitted before", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(scenario, async (s) => {
      const upper = s.lower + s.width;
      const events = [...s.events].sort((a, b) => a.ts + a.jitter - (b.ts + b.jitter)).map((e, i) => ({ ...e, id: `${e.left ? "L" : "R"}${i}` }));
      const key = (e: Ev) => e.k;
      const h = await new TwoInputHarness<string>(new OuterIntervalJoinOperator<Ev, Ev, string>("join", functions(s.kind), { lowerBound: s.lower, upperBound: upper }), [key, key]).open();
      let max = Number.NEGATIVE_INFINITY;
      // why stepwise: a row is late downstream when a watermark at or past its time went out before it
      const checkSince = (seen: number, outputWatermark: number) => {
        for (const r of h.records.slice(seen)) if (r.timestamp <= outputWatermark) throw new Error(`${r.value}@${r.timestamp} emitted after watermark ${outputWatermark}`);
      };
      for (const e of events) {
        const seen = h.records.length;
        const before = h.watermarks.at(-1) ?? Number.NEGATIVE_INFINITY;
        if (e.left) h.left(e, e.ts);
        else h.right(e, e.ts);
        max = Math.max(max, e.ts);
        h.watermark(max - DELAY - 1);
        checkSince(seen, before);
      }
      const seen = h.records.length;
      const before = h.watermarks.at(-1) ?? Number.NEGATIVE_INFINITY;
      h.watermark(Number.POSITIVE_INFINITY);
      checkSince(seen, before);
      t.deepEqual(h.records.map((r) => r.value).sort(), oracle(s.kind, events.filter((e) => e.left), events.filter((e) => !e.left), s.lower, upper));
      t.is(h.watermarks.at(-1), Number.POSITIVE_INFINITY, "the end of input passes unchanged");
    }),
    { file: import.meta.url, numRuns: propertyRuns(200) },
  );
});

// why: out of order by at most 2 ms, within the watermark bound below (as test/runtime/joins/recovery.test.ts)
const left = (i: number): Ev => ({ id: `L${i}`, k: i % 7, ts: 2 * i - ((7 * i) % 5) });
const right = (i: number): Ev => ({ id: `R${i}`, k: (i * 3) % 7, ts: 2 * i + 1 - ((3 * i) % 4) });
const N = 600;

async function run(kind: OuterJoinKind, faults?: FaultInjector): Promise<{ committed: string[]; restarts: number }> {
  const { env, lefts, rights } = crashingSources(left, right, N, 2, faults);
  const sink = new TransactionalCollectSink<string>();
  outerIntervalJoin(lefts.keyBy((e) => e.k), rights.keyBy((e) => e.k), { lowerBound: -5, upperBound: 3 }, functions(kind), "join").uid("join").sinkTo(sink, "Out");
  const result = await env.execute();
  return { committed: [...sink.committed].sort(), restarts: result.metrics.restarts ?? 0 };
}

test("full outer: crashes at a record and during a snapshot; committed rows equal the oracle's exactly once", async (t) => {
  const all = (f: (i: number) => Ev) => Array.from({ length: N }, (_, i) => f(i));
  const expected = oracle("full", all(left), all(right), -5, 3);
  t.true(expected.filter((r) => r.includes("null")).length > 50, "padded rows on both sides");
  t.deepEqual((await run("full")).committed, expected);
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "join", subtask: 0, record: 180 },
    { kind: "crash-during-snapshot", operator: "join", subtask: 1, snapshot: 3 },
  ]);
  const failed = await run("full", faults);
  t.is(faults.fired.length, 2);
  // why a range: each failed attempt fired a fault, but faults on different subtasks may fire in the same attempt
  t.true(failed.restarts >= 1 && failed.restarts <= 2, `${failed.restarts} restarts`);
  t.deepEqual(failed.committed, expected);
});
