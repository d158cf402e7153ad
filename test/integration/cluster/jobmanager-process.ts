// A real JobManager process for the dashboard and CLI tests: `eddy jobmanager --no-nats --rest-port 0` in a temporary
// directory (checkpoints, savepoints), its REST URL read from what it prints, killed in t.teardown.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecutionContext } from "ava";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const EDDY = join(REPO, "bin", "eddy.js");

export interface JobManagerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** A temporary directory of the test's own (the JobManager's checkpoints are under it). */
  readonly dir: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
}

const START_TIMEOUT_MS = 90_000; // why: tsx compiles the JobManager's sources on start; slow on a loaded machine

/** Stops a process we started: SIGTERM, then SIGKILL if it has not exited in `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startJobManagerProcess(t: ExecutionContext, name: string): Promise<JobManagerProcess> {
  const dir = mkdtempSync(join(tmpdir(), `eddy-${name}-`));
  const child = spawn(process.execPath, [EDDY, "jobmanager", "--no-nats", "--rest-port", "0", "--checkpoint-dir", join(dir, "checkpoints")], {
    cwd: REPO,
    env: { ...process.env, TMPDIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (output += s));
  t.teardown(async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the JobManager printed no REST URL in ${START_TIMEOUT_MS / 1000} s: ${output}`)), START_TIMEOUT_MS);
    const look = () => {
      const m = /REST API at (http:\/\/\S+)/.exec(output);
      if (m === null) return;
      clearTimeout(timer);
      resolve(m[1]!);
    };
    child.stdout!.on("data", look);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the JobManager exited (${code ?? signal}) before it served: ${output}`));
    });
  });
  return { url, child, dir, output: () => output };
}

/** GET `path` from the JobManager as JSON (the tests' independent view of what the CLI or the page did). */
export async function getJson<T>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls `probe` every 200 ms until it returns a value that is not undefined; rejects after `timeoutMs`. */
export async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const SLOW_COUNTS_FLOW = join(REPO, "test/integration/cluster/fixtures/slow-counts.flow");
