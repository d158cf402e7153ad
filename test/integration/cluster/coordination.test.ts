// The cluster's coordination on NATS JetStream (runtime/cluster/coordination), against the NATS server on
// 127.0.0.1:4222: TaskManagers leave the registry by themselves when their heartbeats stop, a standby JobManager
// takes leadership once the leader's lease runs out, a job with a result is never handed to a new leader, and blobs
// are stored once under their hash.
import test from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";

const NATS = process.env.EDDY_NATS ?? "127.0.0.1:4222";
let clusters = 0;

async function cluster(t: { teardown(fn: () => Promise<void>): void }, timeoutMs = 900): Promise<{ id: string; join(): Promise<ClusterCoordination> }> {
  const id = `test_${process.pid}_${clusters++}`;
  const joined: ClusterCoordination[] = [];
  t.teardown(async () => {
    for (const c of joined) await c.close().catch(() => {});
    const last = await ClusterCoordination.connect({ servers: NATS, clusterId: id });
    await last.destroy();
    await last.close();
  });
  return {
    id,
    join: async () => {
      const c = await ClusterCoordination.connect({ servers: NATS, clusterId: id, heartbeatTimeoutMs: timeoutMs, leaseMs: timeoutMs });
      joined.push(c);
      return c;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("a TaskManager whose heartbeats stop leaves the registry after the timeout; the others stay", async (t) => {
  // why 3 s: beside the rest of the integration suite a heartbeat put can be late by most of a second
  const c = await cluster(t, 3000);
  const a = await c.join();
  const b = await c.join();
  const tm = (id: string) => ({ id, slots: 2, controlAddress: { host: "127.0.0.1", port: 1 }, slotAddresses: [{ host: "127.0.0.1", port: 2 }, { host: "127.0.0.1", port: 3 }], pid: 1, startedAt: Date.now() });
  await a.taskManagers.register(tm("tm-a"));
  await b.taskManagers.register(tm("tm-b"));
  t.deepEqual((await a.taskManagers.live()).map((x) => x.id), ["tm-a", "tm-b"]);
  b.taskManagers.stop(); // as if tm-b were killed: no more heartbeats, no goodbye
  // why poll: the server drops an expired entry on its own schedule after the timeout
  for (let waited = 0; waited < 15_000 && (await a.taskManagers.live()).length > 1; waited += 250) await sleep(250);
  t.deepEqual((await a.taskManagers.live()).map((x) => x.id), ["tm-a"], "tm-a's heartbeats keep it registered, tm-b expired");
});

test("leader election: one leader; when it dies (its connection drops), a standby takes over after the lease", async (t) => {
  // why a 3 s lease, not 900 ms: in CI, beside the suite's heavy files, the leader's renewals once came more than
  // 900 ms apart and the standby rightly took over while this test still expected the first leader
  const c = await cluster(t, 3_000);
  const first = await c.join();
  const second = await c.join();
  let lost = "";
  await first.leadership.lead({ id: "jm-1", restUrl: "http://127.0.0.1:1" }, (reason) => (lost = reason));
  let secondLeads = false;
  const standby = second.leadership.lead({ id: "jm-2", restUrl: "http://127.0.0.1:2" }, () => {}).then(() => (secondLeads = true));
  await sleep(500);
  t.false(secondLeads, "the standby waits while the leader renews its lease");
  t.is((await second.leadership.current())?.id, "jm-1");
  await first.connection.close(); // kill -9, as NATS sees it
  await standby;
  t.is((await second.leadership.current())?.id, "jm-2");
  await sleep(700);
  t.regex(lost, /could not be renewed/, "the old leader learns that it lost leadership");
});

test("the job store hands a new leader the running jobs, never one with a result; a job ends once", async (t) => {
  const c = await cluster(t);
  const jm = await c.join();
  const base = { artifact: "sha256-x", parallelism: 2, submittedAt: 1, latestCheckpoint: null };
  await jm.jobs.put({ ...base, jobId: "j1", name: "running", state: "RUNNING" });
  await jm.jobs.put({ ...base, jobId: "j2", name: "finished but not yet marked", state: "RUNNING" });
  await jm.jobs.put({ ...base, jobId: "j3", name: "canceled", state: "CANCELED" });
  await jm.jobs.recordResult({ jobId: "j2", state: "FINISHED", finishedAt: 2, error: null });
  t.deepEqual((await jm.jobs.toRecover()).map((j) => j.jobId), ["j1"]);
  t.is((await jm.jobs.get("j2"))?.state, "FINISHED");
  await t.throwsAsync(() => jm.jobs.recordResult({ jobId: "j2", state: "FAILED", finishedAt: 3, error: "late" }), { message: /has a result already/ });
});

test("blobs: stored once under the hash of their bytes, fetched whole", async (t) => {
  const c = await cluster(t);
  const jm = await c.join();
  const bytes = new Uint8Array(300_000).map((_, i) => i % 251);
  const name = await jm.blobs.put(bytes);
  t.regex(name, /^sha256-[0-9a-f]{64}$/);
  t.is(await jm.blobs.put(bytes), name);
  t.deepEqual(Buffer.from(await jm.blobs.get(name)), Buffer.from(bytes));
  await t.throwsAsync(() => jm.blobs.get("sha256-missing"), { message: /upload the job's bundle again/ });
});
