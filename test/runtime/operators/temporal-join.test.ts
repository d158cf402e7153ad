// The event-time temporal join operator: each left row joins the version of its key current at its time — checked
// against an oracle that picks, per left row, the latest right row of its key at or before it — with watermarks
// interleaved, and under crashes (waiting rows, versions and timers restored exactly once).
import test from "ava";
import fc from "fast-check";
import {
  FaultInjector,
  TemporalJoinOperator,
  temporalJoin,
  type TemporalJoinFunctions,
  TransactionalCollectSink,
} from "../../../runtime/index.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";
import { crashingSources, type Ev } from "../joins/crashing-sources.js";
import { TwoInputHarness } from "../joins/harness.js";

const functions = (outer: boolean): TemporalJoinFunctions<Ev, Ev, string> => ({
  outer,
  // a residual condition: a version failing it leaves its left row unmatched (the older versions are not tried)
  matches: (l, r) => (l.ts + r.ts) % 4 !== 0,
  joined: (l, r) => `${l.id}+${r.id}`,
  padRight: (l) => `${l.id}+null`,
});

/** Per left row: the right row of its key with the greatest time ≤ the left row's (the last to arrive among equals). */
function oracle(outer: boolean, lefts: readonly Ev[], rights: readonly Ev[]): string[] {
  const fns = functions(outer);
  const out: string[] = [];
  for (const l of lefts) {
    let version: Ev | undefined;
    for (const r of rights) if (r.k === l.k && r.ts <= l.ts && (version === undefined || r.ts >= version.ts)) version = r;
    if (version !== undefined && fns.matches(l, version)) out.push(fns.joined(l, version));
    else if (outer) out.push(fns.padRight(l));
  }
  return out.sort();
}

const DELAY = 5;
const scenario = fc.record({
  outer: fc.boolean(),
  // arrival order: sorted by ts + jitter, so each record is at most DELAY behind the largest timestamp before it
  events: fc.array(fc.record({ left: fc.boolean(), k: fc.integer({ min: 0, max: 2 }), ts: fc.integer({ min: 0, max: 40 }), jitter: fc.integer({ min: 0, max: DELAY }) }), { maxLength: 40 }),
});

test("equals the oracle; every row is emitted at its left row's time, before a watermark passes it", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(scenario, async (s) => {
      const events = [...s.events].sort((a, b) => a.ts + a.jitter - (b.ts + b.jitter)).map((e, i) => ({ ...e, id: `${e.left ? "L" : "R"}${i}` }));
      const key = (e: Ev) => e.k;
      const h = await new TwoInputHarness<string>(new TemporalJoinOperator<Ev, Ev, string>("join", functions(s.outer)), [key, key]).open();
      const leftTime = new Map<string, number>(events.filter((e) => e.left).map((e) => [e.id, e.ts]));
      let max = Number.NEGATIVE_INFINITY;
      for (const e of events) {
        const seen = h.records.length;
        const before = h.watermarks.at(-1) ?? Number.NEGATIVE_INFINITY;
        if (e.left) h.left(e, e.ts);
        else h.right(e, e.ts);
        max = Math.max(max, e.ts);
        h.watermark(max - DELAY - 1);
        // why stepwise: a row is late downstream when a watermark at or past its time went out before it
        for (const r of h.records.slice(seen)) if (r.timestamp <= before) throw new Error(`${r.value}@${r.timestamp} emitted after watermark ${before}`);
      }
      h.watermark(Number.POSITIVE_INFINITY);
      for (const r of h.records) t.is(r.timestamp, leftTime.get(r.value.split("+")[0]!) ?? Number.NaN, `${r.value} carries its left row's time`);
      t.deepEqual(h.records.map((r) => r.value).sort(), oracle(s.outer, events.filter((e) => e.left), events.filter((e) => !e.left)));
    }),
    { file: import.meta.url, numRuns: propertyRuns(200) },
  );
});

test("a version replaces the one before it only from its own time on; rows wait for the watermark", async (t) => {
  const key = (e: Ev) => e.k;
  const h = await new TwoInputHarness<string>(new TemporalJoinOperator<Ev, Ev, string>("join", { ...functions(true), matches: () => true }), [key, key]).open();
  h.right({ id: "EUR@1", k: 0, ts: 1 }, 1).right({ id: "EUR@10", k: 0, ts: 10 }, 10);
  h.left({ id: "o5", k: 0, ts: 5 }, 5).left({ id: "o10", k: 0, ts: 10 }, 10).left({ id: "o0", k: 0, ts: 0 }, 0).left({ id: "x7", k: 1, ts: 7 }, 7);
  t.deepEqual(h.records, [], "nothing before the watermark");
  h.watermark(9);
  t.deepEqual(h.records, [
    { value: "o0+null", timestamp: 0 },
    { value: "o5+EUR@1", timestamp: 5 },
    { value: "x7+null", timestamp: 7 },
  ]);
  h.right({ id: "EUR@12", k: 0, ts: 12 }, 12).watermark(20);
  t.deepEqual(h.records.slice(3), [{ value: "o10+EUR@10", timestamp: 10 }], "EUR@12 came after o10's time");
});

// why: out of order by at most 2 ms, within the watermark bound below; the right side changes each key every ~6 ms
const left = (i: number): Ev => ({ id: `L${i}`, k: i % 7, ts: 2 * i - ((7 * i) % 5) });
const right = (i: number): Ev => ({ id: `R${i}`, k: (i * 3) % 7, ts: 3 * i + 1 - ((3 * i) % 4) });
const N = 600;

async function run(outer: boolean, faults?: FaultInjector): Promise<{ committed: string[]; restarts: number }> {
  const { env, lefts, rights } = crashingSources(left, right, N, 3, faults);
  const sink = new TransactionalCollectSink<string>();
  temporalJoin(lefts.keyBy((e) => e.k), rights.keyBy((e) => e.k), functions(outer), "join").uid("join").sinkTo(sink, "Out");
  const result = await env.execute();
  return { committed: [...sink.committed].sort(), restarts: result.metrics.restarts ?? 0 };
}

test("left temporal join in a job: crashes at a record and during a snapshot; committed rows equal the oracle's exactly once", async (t) => {
  const all = (f: (i: number) => Ev) => Array.from({ length: N }, (_, i) => f(i));
  // why the oracle holds here: the two sources' watermarks may run ahead of each other, but the operator waits for
  // the smaller, and neither source is ever more than its bound out of order
  const expected = oracle(true, all(left), all(right));
  t.true(expected.filter((r) => r.endsWith("+null")).length > 20, "padded rows");
  t.true(expected.filter((r) => !r.endsWith("+null")).length > 300, "joined rows");
  t.deepEqual((await run(true)).committed, expected);
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "join", subtask: 0, record: 180 },
    { kind: "crash-during-snapshot", operator: "join", subtask: 1, snapshot: 3 },
  ]);
  const failed = await run(true, faults);
  t.is(faults.fired.length, 2);
  // why a range: each failed attempt fired a fault, but faults on different subtasks may fire in the same attempt
  t.true(failed.restarts >= 1 && failed.restarts <= 2, `${failed.restarts} restarts`);
  t.deepEqual(failed.committed, expected);
});
