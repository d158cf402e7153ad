// Process-level exactly-once: a job writing to PostgreSQL is killed with SIGKILL at random moments
// and started again from its newest completed checkpoint; the table ends with exactly the rows of
// a run without failures — no loss, no duplicates, no prepared transaction left behind.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectedRunningSums, killAndRestart, startJob } from "../fixtures/sigkill-harness.js";
import { isolated, PG_URL, pgTest as test, preparedGids, query } from "./pg-harness.js";

// why 40 000: kills land 0.2–2.5 s into a run; at 20 000 rows the job grew fast enough that a third run could finish
// before its kill (2 kills landed in one CI run; the guard below wants 3)
const N = 40_000;
const FIXTURE = fileURLToPath(new URL("../fixtures/pg-sigkill-job.ts", import.meta.url));

test("SIGKILL at random moments, restart from the newest checkpoint: the table holds exactly the expected rows", async (t) => {
  t.timeout(150_000);
  const { schema, job } = await isolated(t, "sigkill");
  const table = `${schema}.sums`;
  await query(`CREATE TABLE ${table} (k int NOT NULL, seq int NOT NULL, total bigint NOT NULL)`);
  const root = mkdtempSync(join(tmpdir(), "eddy-sigkill-"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));

  const { killed, restored } = await killAndRestart(t, {
    root,
    kills: 4,
    maxRuns: 10,
    finishTimeoutMs: 40_000,
    start: (run, restoreFrom) => startJob(FIXTURE, run, root, restoreFrom, { EDDY_N: String(N), EDDY_PG_URL: PG_URL, EDDY_TABLE: table, EDDY_JOB: job }),
    progress: async () => `${(await query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n} rows committed`,
  });
  t.true(killed >= 3, `only ${killed} kills landed while the job ran`);
  t.true(restored >= 2, "restarts resumed from checkpoints");
  const actual = (await query<{ k: number; seq: number; total: string }>(`SELECT k, seq, total FROM ${table}`)).map((r) => `${r.k}|${r.seq}|${r.total}`).sort();
  t.is(actual.length, N, "no loss and no duplicates");
  t.deepEqual(actual, expectedRunningSums(N));
  t.deepEqual(await preparedGids(`eddy:${job}:`), [], "no prepared transaction is left behind");
});
