// Compiled .flow jobs on a session cluster of two TaskManager processes (2 slots each): every runnable dsl-example gives
// its committed output at parallelism 3 (three slots: two on one TaskManager, one on the other) — its bundle uploaded to
// the blob store and imported by each TaskManager, its channels rings inside a TaskManager and TCP between the two — and
// Nexmark q5 and q8 give the rows they give in one thread. The JobManager's side is this process (the ClusterPool installed as its pool).
import test from "ava";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadQuery } from "../../../bench/nexmark/queries.js";
import { FINAL, finalRows } from "../../helpers/nexmark-final.js";
import { filePaths, loadFactories, runLikeTheCli } from "../../dsl-examples/factories.js";
import { listExamples } from "../../dsl-examples/golden.js";
import { startCluster, type TestCluster } from "./fixtures/task-managers.js";

let cluster: TestCluster;
const teardowns: (() => Promise<void>)[] = [];

test.before(async () => {
  cluster = await startCluster({ teardown: (fn) => void teardowns.push(fn) });
  cluster.startTaskManager(2);
  cluster.startTaskManager(2);
  await cluster.connected(2);
});

test.after.always(async () => {
  for (const fn of teardowns) await fn();
});

for (const example of listExamples().filter((e) => e.run)) {
  const expected = readFileSync(join(example.expectedDir, "output.txt"), "utf8");
  test.serial(`${example.name}: the committed output on the cluster at parallelism 3`, async (t) => {
    const { jobs, result } = await loadFactories(readFileSync(example.file, "utf8"), example.file, true);
    for (const p of [3]) {
      const ranOn: number[] = [];
      t.is(await runLikeTheCli(jobs, result, p, filePaths(result, dirname(example.file)), undefined, (w) => void ranOn.push(w)), expected, `parallelism ${p}`);
      t.true(ranOn.every((w) => w >= 2), `parallelism ${p}: every job ran on the cluster's slots (${ranOn.join(", ")} workers)`);
    }
  });
}

const EVENTS = 3_000;
for (const name of ["q5", "q8"] as const) {
  test.serial(`nexmark ${name}: the same rows on the cluster at parallelism 3 as in one thread`, async (t) => {
    const query = await loadQuery(name);
    const rowsOf = async (parallelism: number, workers?: number) => {
      const rows: unknown[] = [];
      const run = await query.run({ nexmark: { maxEvents: EVENTS }, parallelism, ...(workers === undefined ? {} : { workers }), sink: (r) => void rows.push(r) });
      t.is(run.recordsIn, EVENTS, "every generated event was read once");
      return rows;
    };
    const final = FINAL[name];
    const defined = (rows: unknown[]) => (final === undefined ? rows.map((r) => JSON.stringify(r)).sort() : finalRows(rows, final));
    const onCluster = await rowsOf(3);
    t.true(onCluster.length > 0, `${name} gave no rows`);
    t.deepEqual(defined(onCluster), defined(await referenceRows(name)));
  });
}

/** The query's rows in this thread: the cluster's pool is set aside for the run (one worker runs in the calling thread). */
async function referenceRows(name: "q5" | "q8"): Promise<unknown[]> {
  const query = await loadQuery(name);
  const rows: unknown[] = [];
  const pools = globalThis as Record<symbol, unknown>;
  const SHARED = Symbol.for("eddy.worker-pool");
  const clusterPool = pools[SHARED];
  delete pools[SHARED];
  try {
    await query.run({ nexmark: { maxEvents: EVENTS }, parallelism: 1, workers: 1, sink: (r) => void rows.push(r) });
  } finally {
    pools[SHARED] = clusterPool;
  }
  return rows;
}
