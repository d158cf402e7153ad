// Process-level exactly-once: a job reading a JetStream stream and writing to another through the exactly-once
// JetStreamSink is killed with SIGKILL at random moments and started again from its newest completed checkpoint; the
// sink stream ends with exactly the messages of a run without failures — no loss, no duplicates.
// (The same harness as test/integration/postgres/sigkill.test.ts, with JetStream at both ends.)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll, readStream, uniqueJob } from "./js-harness.js";

test.after.always(closeShared);

const N = 20_000;
const KILLS = 4;
const MAX_RUNS = 10;
const FIXTURE = fileURLToPath(new URL("../fixtures/jetstream-sigkill-job.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../", import.meta.url));

function expectedRows(): string[] {
  const totals = new Array<number>(10).fill(0);
  const rows: string[] = [];
  for (let i = 0; i < N; i++) {
    totals[i % 10]! += i;
    rows.push(`${i % 10}|${i}|${totals[i % 10]}`);
  }
  return rows.sort();
}

/**
 * The newest completed checkpoint: runs write to their own directories (run-<r>/chk-<id>), so the newest is the
 * highest id of the latest run that completed one (a restored job numbers its checkpoints from 1 again).
 */
function newestCheckpoint(root: string): string | null {
  const runs = readdirSync(root)
    .map((d) => /^run-(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
  for (const r of runs) {
    const dir = join(root, `run-${r}`);
    const ids = readdirSync(dir)
      .map((d) => /^chk-(\d+)$/.exec(d))
      .filter((m): m is RegExpExecArray => m !== null && existsSync(join(dir, m[0], "_metadata")))
      .map((m) => Number(m[1]))
      .sort((a, b) => b - a);
    if (ids.length > 0) return join(dir, `chk-${ids[0]}`);
  }
  return null;
}

interface Started {
  readonly child: ChildProcess;
  /** Resolves when the job reports RUNNING (or the process ended first). */
  readonly running: Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

function start(run: number, root: string, job: string, streams: { input: string; output: string }, restoreFrom: string | null): Started {
  const checkpointDir = join(root, `run-${run}`);
  mkdirSync(checkpointDir, { recursive: true });
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: REPO,
    env: { ...process.env, EDDY_NATS: NATS, EDDY_IN_STREAM: streams.input, EDDY_OUT_STREAM: streams.output, EDDY_JOB: job, EDDY_CHECKPOINT_DIR: checkpointDir, EDDY_RESTORE_FROM: restoreFrom ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let markRunning = () => {};
  const running = new Promise<void>((resolve) => (markRunning = resolve));
  child.stdout!.on("data", (d) => {
    output += d;
    if (output.includes("running")) markRunning();
  });
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("exit", (code, signal) => {
      markRunning();
      resolve({ code, signal, output });
    }),
  );
  return { child, running, exited };
}

/** xorshift: the kill delays are random but replayable from the logged seed. */
function random(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

test("SIGKILL at random moments, restart from the newest checkpoint: the sink stream holds every record exactly once", async (t) => {
  t.timeout(180_000);
  const input = await isolatedStream(t, "kill_in");
  const output = await isolatedStream(t, "kill_out");
  await publishAll(Array.from({ length: N }, (_, i) => String(i)), () => `${input}.numbers`);
  const job = uniqueJob("sigkill");
  const root = mkdtempSync(join(tmpdir(), "eddy-js-sigkill-"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const seed = Number(process.env.EDDY_SIGKILL_SEED ?? Date.now() % 1_000_000);
  t.log(`seed ${seed} (EDDY_SIGKILL_SEED=${seed} replays the kill delays)`);
  const next = random(seed);
  const count = async () => (await readStream(output)).length;

  let killed = 0;
  let restored = 0;
  for (let run = 0; ; run++) {
    const restoreFrom = newestCheckpoint(root);
    if (restoreFrom !== null) restored++;
    const { child, running, exited } = start(run, root, job, { input, output }, restoreFrom);
    // why: kill at least KILLS times, and until two runs started from a checkpoint, at most MAX_RUNS - 1 times
    if ((killed < KILLS || restored < 2) && run < MAX_RUNS - 1) {
      const delay = 200 + Math.floor(next() * 2300);
      await running;
      const timer = setTimeout(() => child.kill("SIGKILL"), delay);
      const { code, signal, output: log } = await exited;
      clearTimeout(timer);
      t.log(`run ${run}: from ${restoreFrom?.slice(root.length + 1) ?? "the start"}, ${signal === "SIGKILL" ? `killed after ${delay} ms` : `exited ${code}`}; ${await count()} messages in the sink stream`);
      if (signal === "SIGKILL") {
        killed++;
        continue;
      }
      t.is(code, 0, log);
      break;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const { code, output: log } = await exited;
    clearTimeout(timer);
    t.log(`run ${run}: from ${restoreFrom?.slice(root.length + 1) ?? "the start"}, finished (${log.trim()})`);
    t.is(code, 0, log);
    break;
  }
  t.true(killed >= 3, `only ${killed} kills landed while the job ran`);
  t.true(restored >= 2, "restarts resumed from checkpoints");
  const messages = await readStream(output);
  const actual = messages.map((m) => JSON.parse(m.text) as { k: number; seq: number; total: number }).map((r) => `${r.k}|${r.seq}|${r.total}`).sort();
  t.is(actual.length, N, "no loss and no duplicates");
  t.deepEqual(actual, expectedRows());
  t.is(new Set(messages.map((m) => m.msgId)).size, N, "every message carries its own id");
});
