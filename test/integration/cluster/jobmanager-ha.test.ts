// JobManager HA with real processes (`eddy jobmanager` on NATS at 127.0.0.1:4222): two JobManagers of one cluster,
// the leader runs a checkpointed job writing to an exactly-once file sink, the leader is SIGKILLed mid-job, the standby
// takes leadership after the lease, restarts the job from its newest completed checkpoint in the shared checkpoint
// root, and the job finishes with every record in the sink exactly once. A third JobManager that takes over after the
// job finished does not run it again (the job result store).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import test, { type ExecutionContext } from "ava";
import { ClusterCoordination } from "../../../runtime/cluster/coordination/cluster-coordination.js";
import { bundleOf } from "../../runtime/cluster/rest/rest-harness.js";

const NATS = process.env.EDDY_NATS ?? "127.0.0.1:4222";
const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const N = 16_000;

/** A running count written to part files: record n is {"k":"all","n":n}; 16 000 records at 2 000/s take 8 s. */
function countingFlow(out: string): string {
  return `
schema Tick { id: int, ts: timestamp }
source ticks: Tick = generator(count: ${N}, seed: 7, throttle: 2_000) watermark ts delay 0s
sink counts = file(${JSON.stringify(join(out, "counts.jsonl"))})
job counting {
  checkpoint every 200ms exactly_once
  ticks | map { k: "all" } | keyBy k | aggregate { n: count() } | to counts
}
`;
}

interface JobManagerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  readonly exited: Promise<number | null>;
}

async function startJobManager(t: ExecutionContext, clusterId: string, checkpointDir: string): Promise<JobManagerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/eddy.ts", "jobmanager", "--rest-port", "0", "--nats", NATS, "--cluster-id", clusterId, "--checkpoint-dir", checkpointDir], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no REST URL from the JobManager in 30 s:\n${output}`)), 30_000);
    const scan = (d: Buffer) => {
      output += d;
      const m = /REST API at (http:\/\/\S+)/.exec(output);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", scan);
    child.stderr!.on("data", scan);
    void exited.then((code) => reject(new Error(`the JobManager exited (${code}) before serving:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every record of the sink's committed part files (hidden in-progress and pending parts are not output). */
function committedRecords(out: string): number[] {
  return readdirSync(out)
    .filter((f) => /^counts-\d+-\d+\.jsonl$/.test(f))
    .flatMap((f) => readFileSync(join(out, f), "utf8").split("\n").filter((l) => l !== ""))
    .map((l) => (JSON.parse(l) as { n: number }).n);
}

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
  const bundle = await bundleOf(countingFlow(out));

  // 1. Two JobManagers: the first leads, the second stands by and names the leader.
  const a = await startJobManager(t, clusterId, checkpoints);
  await until("A leads", async () => (await get(`${a.url}/jobs`)).status === 200);
  const b = await startJobManager(t, clusterId, checkpoints);
  const standby = await get(`${b.url}/jobs`);
  t.is(standby.status, 503);
  t.deepEqual(standby.body, { errors: [`this JobManager is a standby: the leader answers at ${a.url}`] });

  // 2. Submit to the leader through the REST API, as a client would.
  const form = new FormData();
  form.append("jarfile", new Blob([bundle], { type: "application/javascript" }), "counting.js");
  const uploaded = (await (await fetch(`${a.url}/jars/upload`, { method: "POST", body: form })).json()) as { filename: string };
  const run = await fetch(`${a.url}/jars/${encodeURIComponent(uploaded.filename)}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ job: "counting" }) });
  t.is(run.status, 200);
  const { jobid } = (await run.json()) as { jobid: string };

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
