// Jobs on TaskManager processes (runtime/cluster/): the JobManager's side is the ClusterPool installed in this process,
// the TaskManagers are `eddy taskmanager` processes. A job's subtasks spread over both TaskManagers' slots — rings
// between slots of one TaskManager, TCP between the two — and its answers equal a brute-force count. (A TaskManager
// killed mid-job: taskmanager-failover.test.ts.)
import test from "ava";
import { wordCount } from "../../runtime/pool/fixtures/word-count.js";
import { cancelWithin } from "../../helpers/cancel-within.js";
import { startCluster } from "./fixtures/task-managers.js";

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

test.serial("a job cancelled while it waits for slots ends CANCELED at once, and holds no slot the next job needs", async (t) => {
  const cluster = await startCluster(t);
  cluster.startTaskManager(1);
  await cluster.connected(1);
  const input = words(2_000);
  const waiting = wordCount.start(input, { configure: (env) => env.setParallelism(2) });
  waiting.result.catch(() => {});
  await new Promise((r) => setTimeout(r, 500));
  t.is(await cancelWithin(waiting.client, 10_000), "cancelled");
  t.is(await waiting.client.getJobStatus(), "CANCELED");
  cluster.startTaskManager(1);
  await cluster.connected(2);
  const { collected } = await wordCount.run(input, { configure: (env) => env.setParallelism(2) });
  t.is(collected.counts!.length, input.length);
});
