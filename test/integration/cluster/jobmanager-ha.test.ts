// JobManager HA with real processes (`eddy jobmanager` on NATS at 127.0.0.1:4222): two JobManagers of one cluster,
// the leader runs a checkpointed job writing to an exactly-once file sink, the leader is SIGKILLed mid-job, the standby
// takes leadership after the lease, restarts the job from its newest completed checkpoint in the shared checkpoint
// root, and the job finishes with every record in the sink exactly once. A third JobManager that takes over after the
// job finished does not run it again (the job result store).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";
import { bundleOf } from "../../runtime/cluster/rest/rest-harness.js";
import { committedRecords, countingFlow, get, NATS, startJobManager, startTaskManager, submit, until } from "./jobmanager-harness.js";

const N = 16_000;

test("SIGKILL of the leader mid-job: the standby takes over from the newest checkpoint, the sink holds every record once; a finished job is not run again", async (t) => {
  const clusterId = `jmha_${process.pid}_${Date.now() % 100_000}`;
  const root = mkdtempSync(join(tmpdir(), "eddy-jm-ha-"));
  const out = join(root, "out");
  const checkpoints = join(root, "checkpoints");
  t.teardown(async () => {
    const c = await ClusterCoordination.connect({ servers: NATS, clusterId });
    await c.destroy();
    await c.close();
    rmSync(root, { recursive: true, force: true });
  });
  const bundle = await bundleOf(countingFlow(out, N));

  // 1. Two JobManagers: the first leads, the second stands by and names the leader.
  await startTaskManager(t, clusterId, 2);
  const a = await startJobManager(t, clusterId, checkpoints);
  await until("A leads", async () => (await get(`${a.url}/jobs`)).status === 200);
  const b = await startJobManager(t, clusterId, checkpoints);
  // why until: a standby that has just started may not have read who leads yet (it says so, and to try again)
  const standby = await until("B names the leader", async () => {
    const res = await get(`${b.url}/jobs`);
    return String((res.body.errors as string[] | undefined)?.[0] ?? "").includes("the leader answers at") ? res : null;
  });
  t.is(standby.status, 503);
  t.deepEqual(standby.body, { errors: [`this JobManager is a standby: the leader answers at ${a.url}`] });

  // 2. Submit to the leader through the REST API, as a client would.
  const jobid = await submit(a.url, bundle, "counting");

  // 3. Kill the leader once the job has completed a few checkpoints (and written some parts).
  await until("3 checkpoints on A", async () => ((await get(`${a.url}/jobs/${jobid}/checkpoints`)).body.counts as { completed: number }).completed >= 3);
  const beforeKill = committedRecords(out).length;
  a.child.kill("SIGKILL");
  await a.exited;
  t.true(beforeKill < N, `the job was still running when its JobManager died (${beforeKill} records committed)`);

  // 4. The standby leads after the lease, takes the job over and finishes it.
  const taken = await until("B serves the job", async () => {
    const res = await get(`${b.url}/jobs/${jobid}`);
    return res.status === 200 ? res.body : null;
  });
  t.is(taken.name, "counting");
  const restored = (await get(`${b.url}/jobs/${jobid}/checkpoints`)).body as { latest: { restored: { external_path: string } | null } };
  t.regex(restored.latest.restored?.external_path ?? "", new RegExp(`${jobid}/chk-\\d+$`), "restarted from a checkpoint, not from the start");
  const finished = await until("the job FINISHED on B", async () => {
    const res = await get(`${b.url}/jobs/${jobid}`);
    return res.body.state === "FINISHED" || res.body.state === "FAILED" ? res.body : null;
  }, 60_000);
  t.is(finished.state, "FINISHED", b.output());
  t.regex(b.output(), new RegExp(`took over job ${jobid} \\(counting\\) from .*chk-\\d+`));

  // 5. Exactly once: the running count 1..N, each value once, across A's parts and B's.
  const ns = committedRecords(out).sort((x, y) => x - y);
  t.is(ns.length, N);
  t.deepEqual(ns, Array.from({ length: N }, (_, i) => i + 1));

  // 6. A third JobManager takes over from B (B shuts down in order, handing leadership back at once): it must not run
  // the finished job again.
  const c = await startJobManager(t, clusterId, checkpoints);
  b.child.kill("SIGTERM");
  t.is(await b.exited, 0, "SIGTERM is a clean shutdown");
  const jobs = await until("C leads", async () => {
    const res = await get(`${c.url}/jobs`);
    return res.status === 200 ? res.body : null;
  });
  t.deepEqual(jobs, { jobs: [] });
  t.notRegex(c.output(), /took over/);
  t.is(committedRecords(out).length, N, "nothing was written again");
});
