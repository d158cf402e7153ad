// Supersteps on the worker pool: a bounded iteration whose body reads a data stream (made by a parallel source in each
// worker and rebalanced across workers inside the body) gives the same per-superstep answers on 2 workers as in one
// thread — every body subtask holds all of its data records when superstep 0 ends (it was reported that on the pool
// superstep 0 could end before the records from the other worker had arrived), and the hand-computed totals hold.
import test from "ava";
import fc from "fast-check";
import { WorkerPool } from "../../../runtime/index.js";
import { superstepSum, type SuperstepReport, type SuperstepSumArgs } from "./fixtures/superstep-sum-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

const ordered = (reports: readonly SuperstepReport[]) => [...reports].sort((a, b) => a.superstep - b.superstep || a.subtask - b.subtask);

async function run(workers: number, parallelism: number, args: SuperstepSumArgs) {
  const { collected, result } = await superstepSum.run(args, { workers, configure: (e) => e.setParallelism(parallelism) });
  return { workers: result.metrics.workers?.length ?? 1, reports: ordered(collected["reports"] as SuperstepReport[]) };
}

/** Per superstep, the reports' totals: every data record counted once, whichever subtask holds it. */
function totals(reports: readonly SuperstepReport[]): { superstep: number; subtasks: number; count: number; sum: number }[] {
  const bySuperstep = new Map<number, { superstep: number; subtasks: number; count: number; sum: number }>();
  for (const r of reports) {
    const t = bySuperstep.get(r.superstep) ?? { superstep: r.superstep, subtasks: 0, count: 0, sum: 0 };
    t.subtasks++;
    t.count += r.count;
    t.sum += r.sum;
    bySuperstep.set(r.superstep, t);
  }
  return [...bySuperstep.values()].sort((a, b) => a.superstep - b.superstep);
}

test("2 workers, parallelism 2: each superstep every body subtask holds all of its data (100 000 numbers, 4 supersteps)", async (t) => {
  const args: SuperstepSumArgs = { dataSize: 100_000, sourceParallelism: null, maxSupersteps: 4 };
  const two = await run(2, 2, args);
  t.is(two.workers, 2, "the job ran on two workers of the pool");
  // hand-computed: 1 + … + 100 000 = 5 000 050 000, all of it in every superstep, from superstep 0 on
  t.deepEqual(totals(two.reports), [0, 1, 2, 3].map((superstep) => ({ superstep, subtasks: 2, count: 100_000, sum: 5_000_050_000 })));
  // rebalance from two generator subtasks (each making every other number) splits the numbers evenly
  t.deepEqual(two.reports.map((r) => r.count), [50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000]);
  const one = await run(1, 2, args);
  t.deepEqual(two.reports, one.reports, "the same reports as in one thread");
});

test("property: on 1 and 2 workers, at parallelism 1 to 3, every superstep holds all the data, split alike over the subtasks", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 5_000, max: 50_000 })),
      fc.integer({ min: 1, max: 3 }),
      fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      fc.integer({ min: 1, max: 4 }),
      async (dataSize, parallelism, sourceParallelism, maxSupersteps) => {
        const args: SuperstepSumArgs = { dataSize, sourceParallelism, maxSupersteps };
        const one = await run(1, parallelism, args);
        const two = await run(2, parallelism, args);
        const expected = Array.from({ length: maxSupersteps }, (_, superstep) => ({ superstep, subtasks: parallelism, count: dataSize, sum: (dataSize * (dataSize + 1)) / 2 }));
        // why counts and not each subtask's sum: when the source's parallelism differs from the map's, the map merges
        // several channels in the order their records arrive, which on the pool depends on thread timing (as in
        // Flink), so *which* numbers the next rebalance sends to a subtask may differ between runs — how many may not
        const counts = (reports: readonly SuperstepReport[]) => reports.map((r) => `${r.superstep}/${r.subtask}:${r.count}`).join(" ");
        assertEqual(totals(one.reports), expected, "one thread");
        assertEqual(totals(two.reports), expected, "two workers");
        assertEqual(counts(two.reports), counts(one.reports), "each subtask's count");
      },
    ),
    // why few runs: each one starts two jobs, one on the pool
    { numRuns: 6 },
  );
  t.pass();
});

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: ${a} instead of ${e}`);
}
