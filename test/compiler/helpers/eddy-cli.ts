// Runs the eddy command line as a child process (through bin/eddy.js, as users do) for CLI tests.
import { spawn, type ChildProcessWithoutNullStreams, type SpawnOptionsWithoutStdio } from "node:child_process";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";

export interface EddyExit {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `eddy …args` in the repository; the caller reads and signals it. */
export function spawnEddy(args: readonly string[], options: SpawnOptionsWithoutStdio = {}): ChildProcessWithoutNullStreams {
  // why: the test runner's own colour settings must not leak into what the CLI prints
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return spawn(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), ...args], { cwd: EDDY_ROOT, ...options, env: { ...env, ...options.env } });
}

/** Resolves when the process exited, with everything it wrote. */
export function exited(child: ChildProcessWithoutNullStreams): Promise<EddyExit> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** Runs `eddy …args` to the end. */
export function eddy(args: readonly string[], options: SpawnOptionsWithoutStdio = {}): Promise<EddyExit> {
  return exited(spawnEddy(args, options));
}

/** Polls `condition` every 50 ms until it holds; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
