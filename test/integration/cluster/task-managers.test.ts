// Jobs on TaskManager processes (runtime/cluster/): the JobManager's side is the ClusterPool installed in this process,
// the TaskManagers are `eddy taskmanager` processes. A job's subtasks spread over both TaskManagers' slots — rings
// between slots of one TaskManager, TCP between the two — and its answers equal a brute-force count.
import test from "ava";
import { wordCount } from "../../runtime/pool/fixtures/word-count.js";
import { startCluster } from "./fixtures/task-managers.js";
import { throttledSum } from "./fixtures/throttled-sum-job.js";

function words(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`w${(i * 7919) % 97}`);
  return out;
}

/** Each word's last running count, as sorted [word, count] pairs. */
function finalCounts(records: readonly unknown[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of records as { word: string; n: number }[]) counts.set(r.word, Math.max(counts.get(r.word) ?? 0, r.n));
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

test.serial("a keyed job on two TaskManagers (3 slots of 4) counts every word exactly", async (t) => {
  const cluster = await startCluster(t);
  cluster.startTaskManager(2);
  cluster.startTaskManager(2);
  await cluster.connected(2);
  const input = words(20_000);
  const { collected, result } = await wordCount.run(input, { configure: (env) => env.setParallelism(3) });
  const expected = new Map<string, number>();
  for (const w of input) expected.set(w, (expected.get(w) ?? 0) + 1);
  t.deepEqual(finalCounts(collected.counts!), [...expected].sort(([a], [b]) => a.localeCompare(b)));
  // every reduce output is one input record's running count: one per word occurrence
  t.is(collected.counts!.length, input.length);
  t.true(result.metrics.operators.length > 0);
});

test.serial("SIGKILL of a TaskManager mid-job: the job restarts on the remaining slots from its last checkpoint, exactly once", async (t) => {
  const cluster = await startCluster(t);
  cluster.startTaskManager(2);
  cluster.startTaskManager(2);
  await cluster.connected(2);
  const count = 6_000;
  const run = throttledSum.start({ count, pauseMs: 2, every: 20 }, { configure: (env) => env.setParallelism(2) });
  const deadline = Date.now() + 60_000;
  while ((run.client.metrics().checkpoints?.completed ?? 0) < 2) {
    if (Date.now() > deadline) throw new Error("no checkpoint completed within 60 s");
    await new Promise((r) => setTimeout(r, 50));
  }
  const victim = cluster.taskManagers[1]!;
  victim.kill("SIGKILL");
  const killedAt = performance.now();
  // processing again: a checkpoint of the new attempt completed (the restarted subtasks run and acknowledge)
  const before = run.client.metrics().checkpoints?.completed ?? 0;
  while ((run.client.metrics().restarts ?? 0) === 0 || (run.client.metrics().checkpoints?.completed ?? 0) <= before) {
    if (Date.now() > deadline + 60_000) throw new Error("the job did not restart within 60 s of the kill");
    await new Promise((r) => setTimeout(r, 20));
  }
  const recoveredMs = performance.now() - killedAt;
  const { committed } = await run.result;
  t.log(`kill → a checkpoint of the restarted job completed: ${recoveredMs.toFixed(0)} ms; restarts: ${run.client.metrics().restarts}`);
  t.true((run.client.metrics().restarts ?? 0) >= 1);
  const values = [...(committed.values as number[])].sort((a, b) => a - b);
  t.deepEqual(values, Array.from({ length: count }, (_, i) => i), "every value exactly once");
  const lastSum = new Map<number, number>();
  for (const s of committed.sums as { key: number; sum: number }[]) lastSum.set(s.key, Math.max(lastSum.get(s.key) ?? 0, s.sum));
  for (let k = 0; k < 10; k++) {
    let expected = 0;
    for (let i = k; i < count; i += 10) expected += i;
    t.is(lastSum.get(k), expected, `key ${k}: the running sum counts each value once`);
  }
  t.is(committed.sums!.length, count, "one running sum per value");
});

test.serial("a job that needs more slots than are free waits for TaskManagers to register, then runs", async (t) => {
  const cluster = await startCluster(t);
  cluster.startTaskManager(1);
  await cluster.connected(1);
  const input = words(2_000);
  const run = wordCount.start(input, { configure: (env) => env.setParallelism(2) });
  await new Promise((r) => setTimeout(r, 500));
  t.is(await run.client.getJobStatus(), "RUNNING", "the job waits for a second slot instead of failing");
  cluster.startTaskManager(1);
  const { collected } = await run.result;
  t.is(collected.counts!.length, input.length);
});
