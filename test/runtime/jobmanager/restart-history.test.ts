// The restart history (Flink's exceptionHistory): each failure a job restarted after, with its message, task and
// location — in one thread and on the pool.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RestartStrategies, WorkerPool } from "../../../runtime/index.js";
import { throwsOnce } from "./fixtures/throws-once-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

for (const workers of [1, 2]) {
  test(`a user function that throws once ${workers === 1 ? "in one thread" : "on the pool"}: one restart cause with its message and task, then the job finishes`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "eddy-restarts-"));
    try {
      const run = throwsOnce.start({ bad: 42, marker: join(dir, "thrown") }, { workers, name: "flaky", configure: (env) => env.setParallelism(1).setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0)) });
      const { collected, result } = await run.result;
      t.is(await run.client.getJobStatus(), "FINISHED");
      t.is(result.metrics.restarts, 1);
      const history = run.client.restartHistory();
      t.is(history.length, 1, "one failure, one entry");
      const [cause] = history;
      t.is(cause!.attempt, 0, "the first attempt failed");
      t.is(cause!.name, "EddyError");
      t.regex(cause!.message, /user function failed: flaky at 42 \(job 'flaky', operator 'Flaky', subtask 0\)/);
      t.regex(cause!.stack, /flaky at 42/);
      t.is(cause!.task, "Flaky #0");
      t.is(cause!.location, "localhost");
      t.true(Number.isFinite(cause!.timestamp));
      // why at least: without checkpoints the restarted job reads its input again (the sink is not transactional)
      t.deepEqual([...new Set(collected.out as number[])].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("a job that never failed has an empty restart history", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-restarts-"));
  try {
    const run = throwsOnce.start({ bad: -1, marker: join(dir, "thrown") }, { workers: 1, name: "steady" });
    await run.result;
    t.deepEqual(run.client.restartHistory(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
