// TaskManager failover with real processes: a JobManager on NATS and two `eddy taskmanager` processes (2 slots each);
// a checkpointed running count at parallelism 2 — one worker on each TaskManager — writes to an exactly-once file sink
// and an exactly-once PostgreSQL table (two-phase commit). One TaskManager is SIGKILLed mid-job: the JobManager's control
// connection to it closes, the job restarts from its last completed checkpoint on the slots of the other, and both sinks
// end with every count 1..N exactly once (no prepared transaction left behind).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";
import { bundleOf } from "../../runtime/cluster/rest/rest-harness.js";
import { isolated, PG_URL, preparedGids, query } from "../postgres/pg-harness.js";
import { committedRecords, countingFlow, get, NATS, startJobManager, startTaskManager, submit, until } from "./jobmanager-harness.js";

const N = 16_000;

interface HistoryEntry {
  readonly exceptionName: string;
  readonly stacktrace: string;
  readonly timestamp: number;
  readonly location: string | null;
  readonly concurrentExceptions: readonly HistoryEntry[];
}

/** countingFlow, its counts also written to `table` in PostgreSQL, exactly once. */
function countingIntoPostgres(out: string, table: string): string {
  return countingFlow(out, N)
    .replace("sink counts = ", `sink db = postgres(url: ${JSON.stringify(PG_URL)}, table: ${JSON.stringify(table)}, mode: "exactly_once")\nsink counts = `)
    .replace(/ticks \| (.*) \| to counts/, "let counted = ticks | $1\n  counted | to counts\n  counted | to db");
}

test("SIGKILL of a TaskManager mid-job: the job restarts on the other TaskManager from its last checkpoint; the file sink and the PostgreSQL table hold 1..N once", async (t) => {
  const clusterId = `tmfo_${process.pid}_${Date.now() % 100_000}`;
  const root = mkdtempSync(join(tmpdir(), "eddy-tm-failover-"));
  const out = join(root, "out");
  t.teardown(async () => {
    const c = await ClusterCoordination.connect({ servers: NATS, clusterId });
    await c.destroy();
    await c.close();
    rmSync(root, { recursive: true, force: true });
  });
  const { schema } = await isolated(t, "tm_failover");
  const table = `${schema}.counts`;
  await query(`CREATE TABLE ${table} (k text NOT NULL, n int NOT NULL)`);
  const source = countingIntoPostgres(out, table);
  t.regex(source, /counted \| to db/);
  const bundle = await bundleOf(source);
  await startTaskManager(t, clusterId, 2);
  const victim = await startTaskManager(t, clusterId, 2);
  const jm = await startJobManager(t, clusterId, join(root, "checkpoints"));
  await until("the JobManager leads and sees both TaskManagers", async () => {
    const res = await get(`${jm.url}/overview`);
    return res.status === 200 && res.body.taskmanagers === 2;
  });
  const jobid = await submit(jm.url, bundle, "counting", 2);
  const completed = async () => ((await get(`${jm.url}/jobs/${jobid}/checkpoints`)).body.counts as { completed: number }).completed;
  await until("3 checkpoints", async () => (await completed()) >= 3);
  const before = committedRecords(out).length;
  const tms = (await get(`${jm.url}/taskmanagers`)).body.taskmanagers as { id: string; path: string; pid: number }[];
  const victimTm = tms.find((tm) => tm.pid === victim.pid)!;
  t.truthy(victimTm, `the victim is registered: ${JSON.stringify(tms)}`);
  const victimPlace = `${victimTm.id} (${victimTm.path.replace("tcp://", "")})`;
  victim.kill("SIGKILL");
  const killedAt = performance.now();
  const killedAtWall = Date.now();
  const atKill = await completed();
  // processing again: a checkpoint of the restarted job completed
  await until("a checkpoint after the restart", async () => (await completed()) > atKill + 1, 60_000);
  const recoveredMs = performance.now() - killedAt;
  const finished = await until("the job ended", async () => {
    const res = await get(`${jm.url}/jobs/${jobid}`);
    return res.body.state === "FINISHED" || res.body.state === "FAILED" ? res.body : null;
  }, 90_000);
  t.is(finished.state, "FINISHED", jm.output());
  t.true(before < N, `the job was still running when the TaskManager died (${before} records committed)`);
  const ns = committedRecords(out).sort((x, y) => x - y);
  t.is(ns.length, N);
  t.deepEqual(ns, Array.from({ length: N }, (_, i) => i + 1));
  const rows = await query<{ n: number }>(`SELECT n FROM ${table} ORDER BY n`);
  t.deepEqual(rows.map((r) => r.n), Array.from({ length: N }, (_, i) => i + 1), "the PostgreSQL table holds every count once");
  t.deepEqual(await preparedGids("eddy:counting:"), [], "no prepared transaction of the job is left behind");

  // The restart's cause is in Flink's exceptionHistory: the lost TaskManager, by id and address — as the attempt's
  // failure or as a concurrent one (a channel to it may break first).
  const history = ((await get(`${jm.url}/jobs/${jobid}/exceptions`)).body.exceptionHistory as { entries: HistoryEntry[] }).entries;
  t.true(history.length >= 1, JSON.stringify(history));
  const all = history.flatMap((e) => [e, ...e.concurrentExceptions]);
  const lost = all.find((e) => e.stacktrace.includes(`TaskManager ${victimPlace} lost`));
  t.truthy(lost, `no entry names the lost TaskManager ${victimPlace}: ${JSON.stringify(history, null, 1)}`);
  t.is(lost?.location, victimPlace);
  t.log(`restart cause: ${history[0]!.stacktrace.split("\n")[0]} (+${history[0]!.concurrentExceptions.length} concurrent)`);
  t.true(history.every((e) => e.timestamp >= (finished["start-time"] as number)));
  t.log(`kill → two more completed checkpoints: ${recoveredMs.toFixed(0)} ms`);
  // Processing again (the goal is < 3 s): the first checkpoint triggered after the restart means the restarted sources
  // run and their barriers flow; its completion means every restarted subtask has processed up to it.
  const restartedAt = Math.min(...history.map((e) => e.timestamp));
  const checkpoints = (await get(`${jm.url}/jobs/${jobid}/checkpoints`)).body.history as { trigger_timestamp: number; latest_ack_timestamp: number }[];
  const first = checkpoints.filter((c) => c.trigger_timestamp > restartedAt).sort((a, b) => a.trigger_timestamp - b.trigger_timestamp)[0];
  t.truthy(first, "a checkpoint of the restarted job is in the history");
  t.log(`kill → failure noticed ${restartedAt - killedAtWall} ms, → first checkpoint of the restarted job triggered ${first!.trigger_timestamp - killedAtWall} ms, completed ${first!.latest_ack_timestamp - killedAtWall} ms (restart delay 1 s, checkpoint interval 200 ms included)`);
});
