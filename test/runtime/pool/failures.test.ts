// What the pool does with bad input and lost workers: every mistake ends the job with one clear error — the same
// located error as in one thread for a throwing user function, the rule that was broken for a job that cannot be
// loaded or built in a worker — and never a hang; a worker killed under a running job fails it without checkpoints,
// and with checkpoints the job restarts and finishes with its output exactly once.
import test from "ava";
import { EddyError, type JobClient, RestartStrategies, type StreamExecutionEnvironment, WorkerPool } from "../../../runtime/index.js";
import { cancelWithin } from "../../helpers/cancel-within.js";
import { runHidden } from "./fixtures/not-exported-job.js";
import { slowToLoad } from "./fixtures/slow-to-load-job.js";
import { SLOW_LOAD_MS, slowToLoadEndless } from "./fixtures/slow-to-load-endless-job.js";
import { paced } from "./fixtures/paced-job.js";
import { threadDependent } from "./fixtures/thread-dependent-job.js";
import { throwingMap } from "./fixtures/throwing-map-job.js";
import { mainThreadOnly } from "./fixtures/throws-in-worker-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

/** The job's failure, or a failure of the test when it neither fails nor finishes within 30 s (a hang). */
async function failureOf(result: Promise<unknown>): Promise<Error> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    result.then(
      () => new Error("the job finished, but it should have failed"),
      (e: unknown) => e as Error,
    ),
    new Promise<Error>((resolve) => {
      timer = setTimeout(() => resolve(new Error("the job hung: no result within 30 s")), 30_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return outcome;
}

/** How often `text` occurs in `message`. */
function occurrences(message: string, text: string): number {
  return message.split(text).length - 1;
}

test("a user function that throws in a worker fails the job with the located error it gives in one thread", async (t) => {
  const inThread = await failureOf(throwingMap.run(500, { workers: 1, name: "throwing", configure: (env) => env.setParallelism(2) }));
  const onPool = await failureOf(throwingMap.run(500, { workers: 2, name: "throwing", configure: (env) => env.setParallelism(2) }));
  t.regex(inThread.message, /user function failed: cannot handle 500 \(job 'throwing', operator 'Check', subtask \d\)\n {2}record: 500/);
  t.is(onPool.message, inThread.message);
  t.true(onPool instanceof EddyError, "an EddyError, revived in the starting thread");
  t.is((onPool as EddyError).domain, (inThread as EddyError).domain);
});

test("a job its module defines but does not export runs on the pool: workers find it by its place among the module's defineJob calls", async (t) => {
  const onPool = await runHidden(2);
  t.deepEqual([...(onPool.collected.out as number[])].sort(), [1, 2, 3]);
  t.is(onPool.result.metrics.workers?.length, 2, "it ran on two workers");
  t.deepEqual(await runHidden(1).then((r) => r.collected.out), [1, 2, 3], "and on one thread the same");
});

test("a module that throws when a worker imports it fails the job with one clear error", async (t) => {
  const error = await failureOf(mainThreadOnly.run(undefined, { workers: 2, name: "main-thread-only" }));
  t.regex(error.message, /a worker could not load the module of job 'main-thread-only' \(file:.*throws-in-worker-job\.ts\): this module needs the main thread/);
  t.regex(error.message, /keep the job's module importable without side effects that fail off the main thread/);
  t.is(occurrences(error.message, "could not load"), 1, "one error, said once");
});

test("a build function that builds another graph in a worker fails the job with the determinism rule", async (t) => {
  const error = await failureOf(threadDependent.run(undefined, { workers: 2, name: "thread-dependent" }));
  t.regex(error.message, /job 'thread-dependent' built a different graph in a worker than in the thread that started it: graph construction must be deterministic/);
  t.is(occurrences(error.message, "must be deterministic"), 1, "one error, said once");
});

/** Waits until the job's source has emitted some records (metrics arrive from the workers every 200 ms). */
async function running(client: JobClient, operator: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((client.metrics().operators.find((o) => o.name === operator)?.recordsOut ?? 0) === 0) {
    if (Date.now() > deadline) throw new Error(`'${operator}' emitted nothing within 20 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Small slices: a paced subtask gives its worker's event loop (messages, metrics) a turn every 16 records. */
function smallSlices(env: StreamExecutionEnvironment): StreamExecutionEnvironment {
  env.getConfig().setBatchSize(16).sliceBudget = 1;
  return env.setParallelism(2);
}

test.serial("a worker killed while a job without checkpoints runs fails the job with a clear error", async (t) => {
  const run = paced.start({ records: 20_000, pauseMs: 1 }, { workers: 2, name: "paced", configure: smallSlices });
  await running(run.client, "Pace");
  await WorkerPool.shared().kill(1);
  const error = await failureOf(run.result);
  t.regex(error.message, /worker 1 of the pool exited with code \d+; its subtasks are lost in attempt 0 \(job 'paced'\)/);
  t.is(await run.client.getJobStatus(), "FAILED");
});

test.serial("a worker killed while a checkpointed job runs: the job restarts and commits every record exactly once", async (t) => {
  const records = 4_000;
  const run = paced.start(
    { records, pauseMs: 1 },
    {
      workers: 2,
      name: "paced-checkpointed",
      configure: (env) => smallSlices(env).enableCheckpointing(50).setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0)),
    },
  );
  const deadline = Date.now() + 20_000;
  while ((run.client.metrics().checkpoints?.completed ?? 0) === 0) {
    if (Date.now() > deadline) throw new Error("no checkpoint completed within 20 s");
    await new Promise((r) => setTimeout(r, 20));
  }
  await WorkerPool.shared().kill(1);
  let timer: NodeJS.Timeout | undefined;
  const { committed, result } = await Promise.race([
    run.result,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the job hung: no result within 60 s")), 60_000);
    }),
  ]).finally(() => clearTimeout(timer));
  t.true((result.metrics.restarts ?? 0) >= 1, "the job restarted");
  const out = (committed.out as number[]).slice().sort((a, b) => a - b);
  t.is(out.length, records, "no record lost or committed twice");
  t.true(out.every((n, i) => n === i));
});

// A `close` (or cancel) can reach a worker while it still loads the job's module for that attempt: the attempt must
// then never start there, or it would run unowned, reporting metrics for as long as the worker lives.
test.serial("an attempt closed while a worker still loads the job's module never starts there", async (t) => {
  const run = slowToLoad.start(new SharedArrayBuffer(4), {
    workers: 2,
    name: "slow-to-load",
    configure: (env) => env.setParallelism(2).setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0)),
  });
  const { collected, result } = await run.result;
  t.is(result.metrics.restarts, 1, "the first attempt failed");
  t.is(collected.out?.length, 100);
  // Whatever a worker still says about the job once it has finished comes from an attempt nobody closed.
  const late: string[] = [];
  const unsubscribe = WorkerPool.shared().subscribe(run.client.getJobID(), { message: (w, m) => void late.push(`worker ${w}: ${m.type}`), workerExited: () => {} });
  await new Promise((r) => setTimeout(r, 1_000));
  unsubscribe();
  t.deepEqual(late, []);
});

// A cancel can reach the job while a worker still loads its module for the attempt (as while a TaskManager fetches the
// job's bundle): that worker drops the attempt and never says it deployed it, so the cancel must not wait for that.
test.serial("a job cancelled while a worker still loads its module ends CANCELED at once, and the attempt never starts there", async (t) => {
  const run = slowToLoadEndless.start(undefined, { workers: 2, name: "slow-to-load-endless", configure: smallSlices });
  run.result.catch(() => {});
  await new Promise((r) => setTimeout(r, SLOW_LOAD_MS / 4));
  t.is(await cancelWithin(run.client, 10_000), "cancelled");
  t.is(await run.client.getJobStatus(), "CANCELED");
  await t.throwsAsync(run.result, { message: /was cancelled/ });
  // Whatever worker 1 says about the job once it loaded the module comes from an attempt that started after its cancel.
  const late: string[] = [];
  const unsubscribe = WorkerPool.shared().subscribe(run.client.getJobID(), { message: (w, m) => void late.push(`worker ${w}: ${m.type}`), workerExited: () => {} });
  await new Promise((r) => setTimeout(r, SLOW_LOAD_MS));
  unsubscribe();
  t.deepEqual(late, []);
});
