// The Dispatcher with the cluster's coordination (NATS on 127.0.0.1:4222): each job is recorded in the job store — its
// bundle in the blob store under the hash of its bytes, its settings, its latest completed checkpoint as checkpoints
// complete — and how it ended in the job result store; a new leader's recoverJobs restarts a recorded job without a
// result from its newest checkpoint and never one with a result; /taskmanagers lists the registry.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";
import { Dispatcher } from "../../../runtime/cluster/dispatcher/dispatcher.js";
import { latestCompletedCheckpoint } from "../../../runtime/cluster/dispatcher/latest-checkpoint.js";
import { createRestServer } from "../../../runtime/cluster/rest/rest-server.js";
import { bundleOf, JOBS_FLOW } from "../../runtime/cluster/rest/rest-harness.js";

const idOf = (path: string) => Number(/chk-(\d+)$/.exec(path)![1]);
const NATS = process.env.EDDY_NATS ?? "127.0.0.1:4222";
let clusters = 0;

interface Cluster {
  readonly id: string;
  readonly checkpointRoot: string;
  /** A JobManager's Dispatcher on its own connection to the cluster. */
  dispatcher(): Promise<{ dispatcher: Dispatcher; coordination: ClusterCoordination; logged: string[] }>;
}

async function cluster(t: ExecutionContext): Promise<Cluster> {
  const id = `jmstore_${process.pid}_${clusters++}`;
  const root = mkdtempSync(join(tmpdir(), "eddy-jm-store-"));
  const opened: { dispatcher: Dispatcher; coordination: ClusterCoordination }[] = [];
  t.teardown(async () => {
    for (const o of opened) {
      await o.dispatcher.suspendAll();
      await o.coordination.close().catch(() => {});
    }
    const last = await ClusterCoordination.connect({ servers: NATS, clusterId: id });
    await last.destroy();
    await last.close();
    rmSync(root, { recursive: true, force: true });
  });
  const checkpointRoot = join(root, "checkpoints");
  return {
    id,
    checkpointRoot,
    dispatcher: async () => {
      const coordination = await ClusterCoordination.connect({ servers: NATS, clusterId: id });
      const logged: string[] = [];
      const dispatcher = new Dispatcher({ coordination, checkpointRoot, workers: 1, stdout: null, pollMs: 50, log: (l) => logged.push(l) });
      opened.push({ dispatcher, coordination });
      return { dispatcher, coordination, logged };
    },
  };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a job is recorded with its artifact, settings and latest checkpoint; its end goes to the result store", async (t) => {
  const c = await cluster(t);
  const { dispatcher, coordination } = await c.dispatcher();
  const js = await bundleOf(JOBS_FLOW);
  const jar = await dispatcher.jars.upload("jobs.js", Buffer.from(js));
  const jobId = await dispatcher.runJar(jar.id, { job: "counting", parallelism: 2 });

  const record = await coordination.jobs.get(jobId);
  t.like(record, { jobId, name: "counting", state: "RUNNING", parallelism: 2, latestCheckpoint: null });
  t.is(record!.artifact, `sha256-${createHash("sha256").update(js).digest("hex")}`);
  t.is(Buffer.from(await coordination.blobs.get(record!.artifact)).toString("utf8"), js, "the bundle is in the blob store");
  t.like(record, { settings: { jar: "jobs.js", restoreFrom: null, allowNonRestoredState: false } } as never);

  const withCheckpoint = await until("a checkpoint in the job store", async () => (await coordination.jobs.get(jobId))?.latestCheckpoint ?? null);
  t.regex(withCheckpoint, new RegExp(`^${c.checkpointRoot}/${jobId}/chk-\\d+$`));
  // why not the recorded one itself: the storage keeps only the newest few, and at 100 ms it may be gone already — which
  // is why a takeover reads the directory first (latestCompletedCheckpoint) and the record only as a fallback
  const onDisk = latestCompletedCheckpoint(join(c.checkpointRoot, jobId));
  t.true(onDisk !== null && idOf(onDisk) >= idOf(withCheckpoint), `${onDisk} is at least ${withCheckpoint}`);

  await dispatcher.get(jobId).ended;
  await dispatcher.storeWritesDone();
  const result = await coordination.jobs.result(jobId);
  t.like(result, { jobId, state: "FINISHED", error: null });
  t.is((await coordination.jobs.get(jobId))?.state, "FINISHED");
  t.deepEqual(await coordination.jobs.toRecover(), [], "a finished job is not handed to a new leader");
});

test("a cancelled job's result is CANCELED, a failed one's FAILED with its error", async (t) => {
  const c = await cluster(t);
  const { dispatcher, coordination } = await c.dispatcher();
  const jar = await dispatcher.jars.upload("jobs.js", Buffer.from(await bundleOf(JOBS_FLOW)));
  const endless = await dispatcher.runJar(jar.id, { job: "endless" });
  await until("endless running", async () => dispatcher.get(endless).status === "RUNNING");
  await dispatcher.get(endless).cancel();
  t.like(await until("a result", () => coordination.jobs.result(endless)), { state: "CANCELED" });
  const broken = await dispatcher.jars.upload("broken.js", Buffer.from("throw new Error('broken bundle');"));
  const failed = await dispatcher.runJar(broken.id, {});
  const result = await until("a result", () => coordination.jobs.result(failed));
  t.is(result.state, "FAILED");
  t.regex(result.error ?? "", /broken bundle/);
});

test("recoverJobs: a new leader restarts a job without a result from its newest checkpoint and continues its count; never one with a result", async (t) => {
  const c = await cluster(t);
  const first = await c.dispatcher();
  const jar = await first.dispatcher.jars.upload("jobs.js", Buffer.from(await bundleOf(JOBS_FLOW)));
  const running = await first.dispatcher.runJar(jar.id, { job: "counting" });
  const done = await first.dispatcher.runJar(jar.id, { job: "words" });
  await first.dispatcher.get(done).ended;
  await until("a result for words", () => first.coordination.jobs.result(done));
  await until("two checkpoints of counting", async () => (first.dispatcher.get(running).checkpointHistory().completed.length >= 2 ? true : null));
  // The first JobManager loses leadership: its job is suspended, with no result recorded.
  await first.dispatcher.suspendAll();
  t.is(first.dispatcher.get(running).status, "SUSPENDED");
  t.is(await first.coordination.jobs.result(running), null);

  const second = await c.dispatcher();
  t.deepEqual(await second.dispatcher.recoverJobs(), [running], "only the job without a result");
  const master = second.dispatcher.get(running);
  t.regex(master.runOptions.restoreFrom ?? "", new RegExp(`${running}/chk-\\d+$`));
  await master.ended;
  t.is(master.status, "FINISHED");
  // The taken-over run goes on from the checkpoint's count: k+1 … 10 000, once each.
  const ns = (master.result()!.collected.counts as { n: number }[]).map((r) => r.n);
  const k = 10_000 - ns.length;
  t.true(k > 0, "it restored state rather than starting over");
  t.deepEqual(ns, Array.from({ length: ns.length }, (_, i) => k + 1 + i));
  t.like(await until("a result", () => second.coordination.jobs.result(running)), { state: "FINISHED" });
  t.true(second.logged.some((l) => l.includes(`took over job ${running}`)));
});

test("/taskmanagers and /overview list the TaskManagers of the registry", async (t) => {
  const c = await cluster(t);
  const { dispatcher, coordination } = await c.dispatcher();
  const app = await createRestServer({ dispatcher });
  t.teardown(() => app.close());
  await coordination.taskManagers.register({ id: "tm-a", slots: 4, controlAddress: { host: "127.0.0.1", port: 6121 }, slotAddresses: [], pid: 11, startedAt: 1000 });
  await coordination.taskManagers.register({ id: "tm-b", slots: 2, controlAddress: { host: "127.0.0.1", port: 6122 }, slotAddresses: [], pid: 12, startedAt: 2000 });
  const tms = (await app.inject({ method: "GET", url: "/taskmanagers" })).json() as { taskmanagers: { id: string; slotsNumber: number; dataPort: number; path: string }[] };
  t.deepEqual(tms.taskmanagers.map((tm) => [tm.id, tm.slotsNumber, tm.dataPort, tm.path]), [
    ["tm-a", 4, 6121, "tcp://127.0.0.1:6121"],
    ["tm-b", 2, 6122, "tcp://127.0.0.1:6122"],
  ]);
  t.like((await app.inject({ method: "GET", url: "/taskmanagers/tm-b" })).json(), { id: "tm-b", slotsNumber: 2, pid: 12 });
  t.like((await app.inject({ method: "GET", url: "/overview" })).json(), { taskmanagers: 2, "slots-total": 6 });
  await coordination.taskManagers.deregister("tm-a");
  t.is((await app.inject({ method: "GET", url: "/taskmanagers/tm-a" })).statusCode, 404);
});
