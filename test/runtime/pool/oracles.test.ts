// The oracles of the in-thread runtime hold on the pool: windowed aggregation (test/helpers/window-oracle.ts) and the
// keyed CEP operator (test/cep/helpers/operator-property.ts) give on 2 workers exactly what their brute-force
// references give; each key's records keep their order through hash and forward edges between workers; and
// processing-time windows read the starting thread's ManualClock in every worker.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { ManualClock, WorkerPool } from "../../../runtime/index.js";
import { eventsOf, expected as cepExpected, PATTERNS, scenario as cepScenario } from "../../cep/helpers/operator-property.js";
import { assertProperty } from "../../helpers/property.js";
import { type OracleWindows, type Rec, simulateWindows } from "../../helpers/window-oracle.js";
import { multiset } from "../windows/helpers.js";
import { cepMatches } from "./fixtures/cep-job.js";
import { type Keyed, keyedOrder } from "./fixtures/keyed-order-job.js";
import { type Bid, type BidderCount, bidsPerBidder } from "./fixtures/processing-time-job.js";
import { windowedSum } from "./fixtures/windowed-sum-job.js";

const WORKERS = 2;
/** Runs per property: a sample of the in-thread properties' cases (they run 300 and 80 each). */
const RUNS = Number(process.env.EDDY_POOL_ORACLE_RUNS ?? 25);

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

// ---- windows ----------------------------------------------------------------------------------------------------

const records = fc.array(fc.record({ key: fc.constantFrom("a", "b", "c"), value: fc.integer({ min: -5, max: 20 }), ts: fc.integer({ min: -12, max: 50 }) }), { maxLength: 50 });
const settings = fc.record({ delay: fc.integer({ min: 0, max: 10 }), allowedLateness: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 })), batchSize: fc.integer({ min: 1, max: 8 }) });
const windowSpecs: Record<OracleWindows["kind"], fc.Arbitrary<OracleWindows>> = {
  tumbling: fc.integer({ min: 1, max: 12 }).chain((size) => fc.record({ kind: fc.constant("tumbling" as const), size: fc.constant(size), offset: fc.integer({ min: 0, max: size - 1 }) })),
  sliding: fc.integer({ min: 1, max: 12 }).chain((size) => fc.record({ kind: fc.constant("sliding" as const), size: fc.constant(size), slide: fc.integer({ min: 1, max: size }) })),
  session: fc.record({ kind: fc.constant("session" as const), gap: fc.integer({ min: 1, max: 10 }) }),
};

for (const kind of ["tumbling", "sliding", "session"] as const) {
  test(`${kind} windows on ${WORKERS} workers: every firing (on time and late) and the late side output match the oracle`, async (t) => {
    await assertProperty(
      t,
      fc.asyncProperty(records, settings, windowSpecs[kind], fc.integer({ min: 1, max: 3 }), async (recs: Rec[], s, windows, parallelism) => {
        const expected = simulateWindows({ records: recs, windows, ...s });
        const { collected, result } = await windowedSum.run(
          { records: recs, windows, delay: s.delay, allowedLateness: s.allowedLateness },
          { workers: WORKERS, configure: (env) => env.setParallelism(parallelism).getConfig().setBatchSize(s.batchSize) },
        );
        assert.strictEqual(result.metrics.workers?.length, WORKERS, "the job ran on the pool");
        // why node's assert: a failed ava assertion inside the property would fail the test on every shrink step too
        assert.deepStrictEqual(multiset(collected.results ?? []), multiset(expected.results));
        assert.deepStrictEqual(multiset(collected.late ?? []), multiset(expected.late));
      }),
      { numRuns: RUNS, file: import.meta.url },
    );
  });
}

// ---- CEP --------------------------------------------------------------------------------------------------------

for (const parallelism of [2, 4]) {
  test(`CEP on ${WORKERS} workers at parallelism ${parallelism}: out-of-order input gives the matches and timeouts of the bare matcher on sorted per-key input`, async (t) => {
    let withMatches = 0;
    let withTimeouts = 0;
    await assertProperty(
      t,
      fc.asyncProperty(cepScenario, async (s) => {
        const events = eventsOf(s);
        const want = cepExpected(s, events);
        const { collected, result } = await cepMatches.run(
          { events, pattern: s.pattern, comparator: s.comparator, bound: s.bound },
          { workers: WORKERS, configure: (env) => env.setParallelism(parallelism).getConfig().setBatchSize(s.batchSize) },
        );
        assert.strictEqual(result.metrics.workers?.length, WORKERS, "the job ran on the pool");
        const got = { matches: [...((collected.matches ?? []) as string[])].sort(), timeouts: [...((collected.timeouts ?? []) as string[])].sort() };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          throw new Error(`${PATTERNS[s.pattern]!.name}, bound ${s.bound}\nevents ${events.map((e) => `${e.k}${e.type}${e.id}@${e.ts}`).join(" ")}\ngot      ${JSON.stringify(got)}\nexpected ${JSON.stringify(want)}`);
        }
        if (want.matches.length > 0) withMatches++;
        if (want.timeouts.length > 0) withTimeouts++;
      }),
      { numRuns: RUNS, file: import.meta.url },
    );
    t.true(withMatches > RUNS / 8 && withTimeouts > RUNS / 8, `enough scenarios produce matches (${withMatches}) and timeouts (${withTimeouts})`);
  });
}

// ---- per-key order ----------------------------------------------------------------------------------------------

for (const chaining of [true, false]) {
  test(`each key's records keep their order through hash and forward edges on ${WORKERS} workers at parallelism 3 (chaining ${chaining ? "on" : "off"})`, async (t) => {
    const args = { records: 30_000, keys: 37 };
    const { collected, result } = await keyedOrder.run(args, {
      workers: WORKERS,
      configure: (env) => {
        env.setParallelism(3).getConfig().setBatchSize(16).setChannelCapacity(32);
        if (!chaining) env.disableOperatorChaining();
      },
    });
    t.is(result.metrics.workers?.length, WORKERS, "the job ran on the pool");
    t.true(result.metrics.workers!.every((w) => w.exchangeRecords > 0), "records crossed between the workers both ways");
    const out = collected.out as Keyed[];
    t.is(out.length, args.records);
    const next = new Map<number, number>();
    const disorder: string[] = [];
    for (const r of out) {
      const want = next.get(r.k) ?? 0;
      if (r.seq !== want) disorder.push(`key ${r.k}: ${r.seq} after ${want - 1}`);
      next.set(r.k, r.seq + 1);
    }
    t.deepEqual(disorder.slice(0, 5), [], `${disorder.length} records out of order`);
  });
}

// ---- processing time --------------------------------------------------------------------------------------------

/** Waits until `ready()` holds, checking every 20 ms; fails after 20 s with `what`. */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test(`processing-time windows on ${WORKERS} workers read the starting thread's ManualClock (q12's bids per bidder per 10 s)`, async (t) => {
  // Phases of bids, each released at a processing time the test sets; the last phase (empty) ends the source.
  const times = [1_000, 6_000, 12_000, 27_000];
  const phases: Bid[][] = times.map((_, p) => Array.from({ length: 200 + 50 * p }, (_, i) => ({ bidder: (i * 7 + p) % 13, price: i })));
  phases.push([]);
  const gate = new SharedArrayBuffer(4);
  const clock = new ManualClock(0);
  const run = bidsPerBidder.start({ phases, gate }, { workers: WORKERS, configure: (env) => env.setClock(clock).setParallelism(2) });
  const metric = (name: string) => run.client.metrics().operators.find((o) => o.name === name)?.recordsIn ?? 0;
  const expected = new Map<string, BidderCount>();
  let sent = 0;
  for (const [p, time] of times.entries()) {
    clock.set(time);
    Atomics.store(new Int32Array(gate), 0, p + 1);
    Atomics.notify(new Int32Array(gate), 0);
    sent += phases[p]!.length;
    // why wait: a bid belongs to the window of the processing time at which the window operator sees it
    await until(() => metric("Count") === sent, `the window operator to see the ${sent} bids of phases ≤ ${p}`);
    for (const b of phases[p]!) {
      const start = time - (time % 10_000);
      const key = `${b.bidder}@${start}`;
      const row = expected.get(key) ?? { bidder: b.bidder, bids: 0, start, end: start + 10_000 };
      expected.set(key, { ...row, bids: row.bids + 1 });
    }
  }
  // Every window ends by 30 s: moving the clock there fires them all, in whichever worker holds the key.
  clock.set(30_000);
  await until(() => metric("Counts") === expected.size, `the ${expected.size} window results`);
  Atomics.store(new Int32Array(gate), 0, phases.length);
  Atomics.notify(new Int32Array(gate), 0);
  const { collected, result } = await run.result;
  t.is(result.metrics.workers?.length, WORKERS, "the job ran on the pool");
  t.deepEqual(multiset(collected.counts ?? []), multiset([...expected.values()]));
  t.true(new Set([...expected.values()].map((r) => r.start)).size === 3, "the bids span three windows");
});
