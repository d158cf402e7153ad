// What the JobManager process tests share: `eddy jobmanager` processes on free loopback ports (killed in teardown), a
// checkpointed running count written to an exactly-once file sink, and reading the sink's committed parts.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";

export const NATS = process.env.EDDY_NATS ?? "127.0.0.1:4222";
const REPO = fileURLToPath(new URL("../../../", import.meta.url));

/** A running count written to part files: record n is {"k":"all","n":n}, n = 1..count, 2 000 records/s. */
export function countingFlow(out: string, count: number): string {
  return `
schema Tick { id: int, ts: timestamp }
source ticks: Tick = generator(count: ${count}, seed: 7, throttle: 2_000) watermark ts delay 0s
sink counts = file(${JSON.stringify(join(out, "counts.jsonl"))})
job counting {
  checkpoint every 200ms exactly_once
  ticks | map { k: "all" } | keyBy k | aggregate { n: count() } | to counts
}
`;
}

export interface JobManagerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  readonly exited: Promise<number | null>;
}

export async function startJobManager(t: ExecutionContext, clusterId: string, checkpointDir: string, nats = NATS, extra: readonly string[] = []): Promise<JobManagerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/eddy.ts", "jobmanager", "--rest-port", "0", "--nats", nats, "--cluster-id", clusterId, "--checkpoint-dir", checkpointDir, ...extra], {
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

/**
 * An `eddy taskmanager` process of the cluster (killed in teardown): the JobManagers' jobs run on its slots. Resolves
 * once it has registered (its start-up line).
 */
export async function startTaskManager(t: ExecutionContext, clusterId: string, slots: number, nats = NATS, extra: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/eddy.ts", "taskmanager", "--slots", String(slots), "--nats", nats, "--cluster-id", clusterId, ...extra], {
    cwd: REPO,
    stdio: ["ignore", "ignore", "pipe"],
  });
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the TaskManager did not register in 60 s:\n${output}`)), 60_000);
    child.stderr!.on("data", (d: Buffer) => {
      output += d;
      if (/slot\(s\), control/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`the TaskManager exited (${code}) before registering:\n${output}`)));
  });
  return child;
}

export async function get(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Uploads `bundle` to the JobManager at `url` and runs its job `job`, as a REST client would; the job id. */
export async function submit(url: string, bundle: string, job: string, parallelism?: number): Promise<string> {
  const form = new FormData();
  form.append("jarfile", new Blob([bundle], { type: "application/javascript" }), `${job}.js`);
  const uploaded = (await (await fetch(`${url}/jars/upload`, { method: "POST", body: form })).json()) as { filename: string };
  const run = await fetch(`${url}/jars/${encodeURIComponent(uploaded.filename)}/run`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(parallelism === undefined ? { job } : { job, parallelism }) });
  if (run.status !== 200) throw new Error(`run failed: ${run.status} ${await run.text()}`);
  return ((await run.json()) as { jobid: string }).jobid;
}

export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every record of the sink's committed part files (hidden in-progress and pending parts are not output). */
export function committedRecords(out: string): number[] {
  return readdirSync(out)
    .filter((f) => /^counts-\d+-\d+\.jsonl$/.test(f))
    .flatMap((f) => readFileSync(join(out, f), "utf8").split("\n").filter((l) => l !== ""))
    .map((l) => (JSON.parse(l) as { n: number }).n);
}
