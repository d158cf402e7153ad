// The exactly-once promise on the worker pool, as a property: for random pipelines, inputs, parallelism, worker counts
// (1..3), work stealing (on, off, or moving subtasks whenever asked) and failure schedules — the faults of the in-thread
// property plus workers killed mid-record — the output a
// job built from its module commits equals, as the in-thread property defines "equal" (sameOutput: the same multiset,
// and the same order per key where that order is defined), the output of the same job run failure-free in one thread
// without checkpoints.
//
// 200 runs with a fresh seed by default (`npm run test:soak` runs 10,000, seed 20261121). A failure prints the
// counterexample and the command that replays it, e.g.
//   EDDY_PROPERTY_SEED=123 EDDY_PROPERTY_PATH="41:0:2" npx ava test/runtime/pool/exactly-once-pool.property.test.ts
import test from "ava";
import fc from "fast-check";
import { type Fault, type FaultInjector, ManualClock, WorkerPool, type WorkStealingMode } from "../../../runtime/index.js";
import { configureScenario, faultArb, OPERATORS, type Out, runOnce, sameOutput, type Scenario, scenarioArb } from "../../helpers/exactly-once-scenarios.js";
import { assertProperty, PROPERTY_SEED, propertyRuns } from "../../helpers/property.js";
import { exactlyOnceScenario } from "./fixtures/exactly-once-job.js";

const runs = propertyRuns(200);

/** A scenario on the pool: how many workers, and its faults with, in about half the cases, workers killed. */
interface PoolScenario {
  readonly s: Scenario;
  readonly workers: number;
  readonly stealing: WorkStealingMode;
}

/** Kills the worker of a subtask at one of its first records (small counts: most subtasks see few records). */
function killArb(s: Scenario): fc.Arbitrary<Fault> {
  return fc.record({
    kind: fc.constant("kill-worker" as const),
    operator: fc.constantFrom(...OPERATORS[s.family]),
    subtask: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: s.parallelism - 1 })),
    record: fc.integer({ min: 1, max: 12 }),
  });
}

const poolScenarioArb: fc.Arbitrary<PoolScenario> = scenarioArb.chain((s) =>
  fc.record({
    workers: fc.integer({ min: 1, max: 3 }),
    kills: fc.oneof(fc.constant([]), fc.array(killArb(s), { minLength: 1, maxLength: 2 })),
    more: fc.array(faultArb(s.family, s.parallelism), { maxLength: 1 }),
    order: fc.nat(),
    // why "always" most: subtasks then change workers whenever one is idle — in these small jobs, many times a run
    stealing: fc.constantFrom<WorkStealingMode>("always", "always", true, false),
  }).map(({ workers, kills, more, order, stealing }) => {
    const faults = [...s.faults, ...more];
    // why the splice: a kill among the other faults, not always last in the schedule
    faults.splice(order % (faults.length + 1), 0, ...kills);
    return { workers, stealing, s: { ...s, faults } };
  }),
);

/** Runs the scenario's job module on `workers` workers with its faults; fails (and cancels the job) after 20 s. */
async function runOnPool({ s, workers, stealing }: PoolScenario): Promise<{ out: Out[]; fired: readonly Fault[]; steals: number }> {
  let injector: FaultInjector | null = null;
  const run = exactlyOnceScenario.start(s, {
    workers,
    name: "exactly-once-pool",
    configure: (env) => {
      injector = configureScenario(env, s, new ManualClock(0), s.faults);
      env.getConfig().setWorkStealing(stealing);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    run.result,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void run.client.cancel();
        reject(new Error(`job did not finish within 20 s on ${workers} workers: ${JSON.stringify({ ...s, events: s.events.length })}`));
      }, 20_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return { out: result.committed.out as Out[], fired: injector!.fired, steals: (result.result.metrics.workers ?? []).reduce((n, w) => n + w.steals, 0) };
}

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

test(`committed output on the pool under injected failures and killed workers equals the failure-free in-thread run (${runs} runs)`, async (t) => {
  t.timeout(Math.max(15 * 60_000, runs * 1_000)); // why: a soak run (10,000 cases) takes about a second per case
  t.log(`seed ${PROPERTY_SEED}`);
  let faultsFired = 0;
  let killsFired = 0;
  let killsOnPool = 0;
  let onPool = 0;
  let steals = 0;
  await assertProperty(
    t,
    fc.asyncProperty(poolScenarioArb, async (ps) => {
      const plain = await runOnce(ps.s, [], false);
      const pool = await runOnPool(ps);
      faultsFired += pool.fired.length;
      steals += pool.steals;
      const kills = pool.fired.filter((f) => f.kind === "kill-worker").length;
      killsFired += kills;
      if (ps.workers > 1) {
        onPool++;
        killsOnPool += kills;
      }
      return sameOutput(ps.s, plain.out, pool.out);
    }),
    { numRuns: runs, endOnFailure: false, file: import.meta.url },
  );
  t.log(`${faultsFired} injected faults fired over ${runs} runs (${onPool} on 2 or 3 workers); ${killsFired} killed workers, ${killsOnPool} of them on the pool; ${steals} subtasks stolen`);
  t.true(faultsFired > runs / 5, `the schedules actually crash the jobs (${faultsFired} faults fired)`);
  t.true(killsOnPool >= runs / 20, `workers are actually killed while jobs run on the pool (${killsOnPool} kills fired)`);
});
