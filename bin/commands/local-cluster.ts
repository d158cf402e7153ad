// A local cluster in the background (Flink's start-cluster.sh / stop-cluster.sh): one JobManager process and N
// TaskManager processes, detached, their pids and the REST URL in a state file so another `eddy` can stop them.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClientError, ClientUsageError } from "./client-errors.js";

export interface ClusterProcess {
  readonly role: "jobmanager" | "taskmanager";
  readonly pid: number;
  readonly log: string;
}

export interface ClusterState {
  readonly restUrl: string;
  readonly startedAt: string;
  readonly processes: readonly ClusterProcess[];
}

export interface ClusterStartOptions {
  readonly taskManagers: number;
  readonly slots: number;
  readonly restPort: number;
  /** NATS URL for the JobManager and TaskManagers; null: `--no-nats` (a JobManager alone, no TaskManagers). */
  readonly nats: string | null | undefined;
  readonly readyTimeoutMs?: number;
}

/** Where `eddy cluster start` keeps its state: $TMPDIR/eddy-cluster (one session cluster per user and TMPDIR). */
export function sessionClusterDir(): string {
  return join(tmpdir(), "eddy-cluster");
}

const STATE_FILE = "cluster.json";

/** The eddy launcher next to this module (bin/eddy.js in a checkout: tsx and the sources; lib/bin/eddy.js installed). */
const EDDY = fileURLToPath(new URL("../eddy.js", import.meta.url));

export function readClusterState(dir: string): ClusterState | null {
  const file = join(dir, STATE_FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ClusterState;
  } catch (e) {
    throw new ClientError(`${file} is not a cluster state file (${(e as Error).message}); delete it if no cluster runs`);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // why EPERM: the process exists but belongs to someone else — still alive, and not ours to signal
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A port free on the loopback interface now (the kernel's pick); for a dedicated cluster's REST endpoint. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function lastLines(file: string, n: number): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join(" | ");
  } catch {
    return "(no log)";
  }
}

function spawnEddy(args: readonly string[], log: string): ChildProcess {
  const fd = openSync(log, "a");
  try {
    // why detached: the processes outlive this command (and its terminal's Ctrl-C); each leads its own process group
    const child = spawn(process.execPath, [EDDY, ...args], { detached: true, stdio: ["ignore", fd, fd], env: process.env });
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

async function overview(restUrl: string): Promise<{ taskmanagers: number } | null> {
  try {
    const response = await fetch(`${restUrl}/overview`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? ((await response.json()) as { taskmanagers: number }) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the processes and waits until the JobManager answers on REST and every TaskManager has registered:
 * 1. refuse if the state directory names a cluster that still runs;
 * 2. spawn the JobManager, then the TaskManagers, each logging to a file beside the state;
 * 3. poll GET /overview; a process that exits meanwhile fails the start with its log's last lines, and stops the rest.
 */
export async function startCluster(dir: string, options: ClusterStartOptions): Promise<ClusterState> {
  if (options.nats === null && options.taskManagers > 0) {
    throw new ClientUsageError("TaskManagers find the JobManager through NATS: --no-nats goes with --taskmanagers 0");
  }
  const running = readClusterState(dir);
  if (running !== null && running.processes.some((p) => isAlive(p.pid))) {
    throw new ClientError(`a cluster already runs at ${running.restUrl} (state in ${dir}); \`eddy cluster stop\` stops it`);
  }
  mkdirSync(dir, { recursive: true });
  const restUrl = `http://127.0.0.1:${options.restPort}`;
  const natsArgs = options.nats === null ? ["--no-nats"] : options.nats === undefined ? [] : ["--nats", options.nats];
  const children: { process: ChildProcess; info: ClusterProcess }[] = [];
  const launch = (role: ClusterProcess["role"], args: string[], log: string) => {
    rmSync(log, { force: true });
    const child = spawnEddy(args, log);
    if (child.pid === undefined) throw new ClientError(`cannot start the ${role} (${process.execPath} ${EDDY})`);
    children.push({ process: child, info: { role, pid: child.pid, log } });
  };
  launch("jobmanager", ["jobmanager", "--rest-port", String(options.restPort), ...natsArgs], join(dir, "jobmanager.log"));
  for (let i = 0; i < options.taskManagers; i++) {
    launch("taskmanager", ["taskmanager", "--slots", String(options.slots), ...natsArgs], join(dir, `taskmanager-${i + 1}.log`));
  }
  const state: ClusterState = { restUrl, startedAt: new Date().toISOString(), processes: children.map((c) => c.info) };
  writeFileSync(join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    const dead = children.find((c) => c.process.exitCode !== null || c.process.signalCode !== null);
    if (dead !== undefined) {
      await stopCluster(dir, 5000);
      throw new ClientError(`the ${dead.info.role} (pid ${dead.info.pid}) exited while the cluster started: ${lastLines(dead.info.log, 3)}`);
    }
    const seen = await overview(restUrl);
    if (seen !== null && seen.taskmanagers >= options.taskManagers) return state;
    if (Date.now() > deadline) {
      await stopCluster(dir, 5000);
      throw new ClientError(seen === null
        ? `the JobManager did not answer on ${restUrl} in ${Math.round((options.readyTimeoutMs ?? 90_000) / 1000)} s (log: ${join(dir, "jobmanager.log")})`
        : `${seen.taskmanagers} of ${options.taskManagers} TaskManagers registered in time (logs in ${dir})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    // why the group: the process leads one (detached), so anything it spawned goes with it
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/**
 * Stops the cluster's processes and removes the state file:
 * 1. SIGTERM to the TaskManagers, and up to half of `timeoutMs` for them to exit — first, so the JobManager does not
 *    see them as lost and fail jobs over while it is itself shutting down;
 * 2. SIGTERM to the JobManager (it suspends its jobs), and the rest of the time;
 * 3. SIGKILL to whatever still lives, and a moment for it to be gone.
 */
export async function stopCluster(dir: string, timeoutMs: number): Promise<{ state: ClusterState; killed: number } | null> {
  const state = readClusterState(dir);
  if (state === null) return null;
  const deadline = Date.now() + timeoutMs;
  const waitFor = async (processes: readonly ClusterProcess[], until: number) => {
    while (processes.some((p) => isAlive(p.pid)) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const taskManagers = state.processes.filter((p) => p.role === "taskmanager");
  const jobManagers = state.processes.filter((p) => p.role === "jobmanager");
  for (const p of taskManagers) if (isAlive(p.pid)) signal(p.pid, "SIGTERM");
  await waitFor(taskManagers, Date.now() + timeoutMs / 2);
  for (const p of jobManagers) if (isAlive(p.pid)) signal(p.pid, "SIGTERM");
  await waitFor(state.processes, deadline);
  let killed = 0;
  for (const p of state.processes) {
    if (isAlive(p.pid)) {
      signal(p.pid, "SIGKILL");
      killed++;
    }
  }
  // why wait after SIGKILL: the caller may be the processes' parent (run-application), which reaps them a moment later
  if (killed > 0) await waitFor(state.processes, Date.now() + 2000);
  rmSync(join(dir, STATE_FILE), { force: true });
  return { state, killed };
}
