// Process-level exactly-once: a job writing to PostgreSQL is killed with SIGKILL at random moments
// and started again from its newest completed checkpoint; the table ends with exactly the rows of
// a run without failures — no loss, no duplicates, no prepared transaction left behind.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isolated, PG_URL, pgTest as test, preparedGids, query } from "./pg-harness.js";

const N = 20_000;
const KILLS = 4;
const MAX_RUNS = 10;
const FIXTURE = fileURLToPath(new URL("../fixtures/pg-sigkill-job.ts", import.meta.url));
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
 * The newest completed checkpoint: runs write to their own directories (run-<r>/chk-<id>), so the
 * newest is the highest id of the latest run that completed one. Separate directories because a
 * restored job numbers its checkpoints from 1 again (reported), and the storage keeps the highest ids.
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

function start(run: number, root: string, job: string, table: string, restoreFrom: string | null): Started {
  const checkpointDir = join(root, `run-${run}`);
  mkdirSync(checkpointDir, { recursive: true });
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: REPO,
    env: { ...process.env, EDDY_N: String(N), EDDY_PG_URL: PG_URL, EDDY_TABLE: table, EDDY_JOB: job, EDDY_CHECKPOINT_DIR: checkpointDir, EDDY_RESTORE_FROM: restoreFrom ?? "" },
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

test("SIGKILL at random moments, restart from the newest checkpoint: the table holds exactly the expected rows", async (t) => {
  t.timeout(150_000);
  const { schema, job } = await isolated(t, "sigkill");
  const table = `${schema}.sums`;
  await query(`CREATE TABLE ${table} (k int NOT NULL, seq int NOT NULL, total bigint NOT NULL)`);
  const root = mkdtempSync(join(tmpdir(), "eddy-sigkill-"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const seed = Number(process.env.EDDY_SIGKILL_SEED ?? Date.now() % 1_000_000);
  t.log(`seed ${seed} (EDDY_SIGKILL_SEED=${seed} replays the kill delays)`);
  const next = random(seed);

  let killed = 0;
  let restored = 0;
  for (let run = 0; ; run++) {
    const restoreFrom = newestCheckpoint(root);
    if (restoreFrom !== null) restored++;
    const { child, running, exited } = start(run, root, job, table, restoreFrom);
    // why: kill at least KILLS times, and until two runs started from a checkpoint (on a loaded
    // machine the first checkpoints may come after the first kills), at most MAX_RUNS - 1 times
    if ((killed < KILLS || restored < 2) && run < MAX_RUNS - 1) {
      // why: a whole run takes ~5 s once running, so kills land anywhere from restore to the last records
      const delay = 200 + Math.floor(next() * 2300);
      await running;
      const timer = setTimeout(() => child.kill("SIGKILL"), delay);
      const { code, signal, output } = await exited;
      clearTimeout(timer);
      const rows = Number((await query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      t.log(`run ${run}: from ${restoreFrom?.slice(root.length + 1) ?? "the start"}, ${signal === "SIGKILL" ? `killed after ${delay} ms` : `exited ${code}`}; ${rows} rows committed`);
      if (signal === "SIGKILL") {
        killed++;
        continue;
      }
      t.is(code, 0, output);
      break;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    const { code, output } = await exited;
    clearTimeout(timer);
    t.log(`run ${run}: from ${restoreFrom?.slice(root.length + 1) ?? "the start"}, finished (${output.trim()})`);
    t.is(code, 0, output);
    break;
  }
  t.true(killed >= 3, `only ${killed} kills landed while the job ran`);
  t.true(restored >= 2, "restarts resumed from checkpoints");
  const actual = (await query<{ k: number; seq: number; total: string }>(`SELECT k, seq, total FROM ${table}`)).map((r) => `${r.k}|${r.seq}|${r.total}`).sort();
  t.is(actual.length, N, "no loss and no duplicates");
  t.deepEqual(actual, expectedRows());
  t.deepEqual(await preparedGids(`eddy:${job}:`), [], "no prepared transaction is left behind");
});
