// JobManager HA on a 3-node NATS cluster (nats-server processes on free loopback ports, buckets with 3 replicas): one
// NATS node is killed while the leader JobManager runs a checkpointed job, then the JobManager that leads after it is
// SIGKILLed; the other, on the two remaining NATS nodes, takes over from the newest checkpoint and the file sink holds
// every record once.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";
import { bundleOf } from "../../runtime/cluster/rest/rest-harness.js";
import { committedRecords, countingFlow, get, startJobManager, startTaskManager, submit, until } from "./jobmanager-harness.js";

const N = 16_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

interface NatsNode {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Three JetStream nodes routed to each other; each stores under `root`/n<i>. */
async function natsCluster(t: ExecutionContext, root: string): Promise<NatsNode[]> {
  const clients = [await freePort(), await freePort(), await freePort()];
  const routes = [await freePort(), await freePort(), await freePort()];
  const nodes = clients.map((port, i) => {
    const store = join(root, `n${i}`);
    mkdirSync(store, { recursive: true });
    const child = spawn("nats-server", [
      "-js", "-a", "127.0.0.1", "-p", String(port), "-n", `eddy-n${i}`, "-sd", store,
      "--cluster_name", "eddy-ha", "--cluster", `nats://127.0.0.1:${routes[i]}`,
      "--routes", routes.filter((_, j) => j !== i).map((r) => `nats://127.0.0.1:${r}`).join(","),
    ], { stdio: "ignore" });
    t.teardown(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    return { child, url: `127.0.0.1:${port}` };
  });
  // why poll: JetStream is ready once the nodes have elected a meta leader; creating a bucket with 3 replicas proves it
  const servers = nodes.map((n) => n.url);
  await until("the NATS cluster serves JetStream with 3 replicas", async () => {
    const probe = await ClusterCoordination.connect({ servers, clusterId: `probe_${process.pid}`, replicas: 3 });
    await probe.destroy();
    await probe.close();
    return true;
  }, 60_000);
  return nodes;
}

test("3-node NATS cluster: a NATS node dies, then the leader JobManager; the standby takes over and the sink is exact", async (t) => {
  const root = mkdtempSync(join(tmpdir(), "eddy-jm-nats3-"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const nats = await natsCluster(t, join(root, "nats"));
  const servers = nats.map((n) => n.url).join(",");
  const clusterId = `jmnats3_${process.pid}`;
  const out = join(root, "out");
  const checkpoints = join(root, "checkpoints");
  const replicas = ["--nats-replicas", "3"];

  await startTaskManager(t, clusterId, 2, servers, replicas);
  const a = await startJobManager(t, clusterId, checkpoints, servers, replicas);
  await until("A leads", async () => (await get(`${a.url}/jobs`)).status === 200);
  const b = await startJobManager(t, clusterId, checkpoints, servers, replicas);
  t.is((await get(`${b.url}/jobs`)).status, 503);
  const jobid = await submit(a.url, await bundleOf(countingFlow(out, N)), "counting");
  await until("2 checkpoints on A", async () => ((await get(`${a.url}/jobs/${jobid}/checkpoints`)).body.counts as { completed: number }).completed >= 2);

  // 1. A NATS node dies (the first in every client's list, so connections move). While JetStream fails its streams
  // over, a leader's renewal may fail: it then suspends its job and campaigns again (never two leaders running it), so
  // afterwards either JobManager may lead — find the one whose job runs on and completes checkpoints.
  nats[0]!.child.kill("SIGKILL");
  const both = [a, b];
  const leaderAfterNatsFailure = await until("a JobManager running the job after the NATS node died", async () => {
    for (const jm of both) {
      const res = await get(`${jm.url}/jobs/${jobid}`);
      if (res.status !== 200 || res.body.state !== "RUNNING") continue;
      const cps = (await get(`${jm.url}/jobs/${jobid}/checkpoints`)).body.counts as { completed: number };
      if (cps.completed >= 2) return jm;
    }
    return null;
  }, 60_000);
  const standbyAfter = leaderAfterNatsFailure === a ? b : a;

  // 2. That leader dies; the other takes over on the remaining two NATS nodes and finishes the job.
  leaderAfterNatsFailure.child.kill("SIGKILL");
  await leaderAfterNatsFailure.exited;
  const finished = await until("the job FINISHED on the other JobManager", async () => {
    const res = await get(`${standbyAfter.url}/jobs/${jobid}`);
    return res.body.state === "FINISHED" || res.body.state === "FAILED" ? res.body : null;
  }, 60_000).catch((e: Error) => {
    throw new Error(`${e.message}\n-- survivor:\n${standbyAfter.output()}\n-- killed:\n${leaderAfterNatsFailure.output()}`);
  });
  t.is(finished.state, "FINISHED", standbyAfter.output());
  t.regex(standbyAfter.output(), new RegExp(`took over job ${jobid} \\(counting\\) from .*chk-\\d+`));
  t.deepEqual(committedRecords(out).sort((x, y) => x - y), Array.from({ length: N }, (_, i) => i + 1));
});
