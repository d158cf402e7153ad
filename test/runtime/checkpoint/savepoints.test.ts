// Savepoints: taken on demand, restored by uid, at another parallelism, and refused when the job changed.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StreamExecutionEnvironment, TransactionalCollectSink, WatermarkStrategy, type Source } from "../../../runtime/index.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";

interface Ev {
  k: string;
  v: number;
}

/** A replayable controlled source: its position is the number of records read. */
class ReplayableSource extends ControlledSource<Ev> {
  readonly replayable = true;
}

function job(env: StreamExecutionEnvironment, source: Source<Ev>, sink: TransactionalCollectSink<string>, opts: { sumUid?: string; parallelism?: number } = {}) {
  env
    .fromSource(source, WatermarkStrategy.noWatermarks<Ev>(), "src")
    .uid("src")
    .keyBy((e) => e.k)
    .reduce((a, b) => ({ k: a.k, v: a.v + b.v }), "Sum")
    .uid(opts.sumUid ?? "sum")
    .setParallelism(opts.parallelism ?? 2)
    .map((e) => `${e.k}=${e.v}`, "Fmt")
    .setParallelism(opts.parallelism ?? 2)
    .sinkTo(sink, "Out")
    .setParallelism(opts.parallelism ?? 2);
}

async function firstRunWithSavepoint(dir: string): Promise<{ path: string; sink: TransactionalCollectSink<string> }> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.enableCheckpointing(60_000);
  const src = new ReplayableSource();
  const sink = new TransactionalCollectSink<string>();
  job(env, src, sink);
  const client = env.executeAsync("first");
  for (const k of ["a", "b", "c", "d"]) src.push({ k, v: 1 });
  src.push({ k: "a", v: 10 });
  await settle(20);
  const path = await client.stopWithSavepoint(dir);
  t_assertStatus(await client.getJobStatus());
  return { path, sink };
}

function t_assertStatus(status: string): void {
  if (status !== "FINISHED") throw new Error(`expected FINISHED after stopWithSavepoint, got ${status}`);
}

test("stop with savepoint, then resume from it: keyed state continues where it was", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sp-"));
  try {
    const first = await firstRunWithSavepoint(dir);
    t.deepEqual([...first.sink.committed].sort(), ["a=1", "a=11", "b=1", "c=1", "d=1"], "what the first run wrote is committed by the savepoint");
    t.regex(first.path, /chk-\d+$/);

    for (const parallelism of [1, 2, 3]) {
      const env = StreamExecutionEnvironment.getExecutionEnvironment().setRestoreFrom(first.path);
      const src = new ReplayableSource();
      const sink = new TransactionalCollectSink<string>();
      job(env, src, sink, { parallelism });
      const client = env.executeAsync("second");
      for (const k of ["a", "b", "c", "d"]) src.push({ k, v: 100 });
      src.end();
      await client.getJobExecutionResult();
      t.deepEqual([...sink.committed].sort(), ["a=111", "b=101", "c=101", "d=101"], `restored at parallelism ${parallelism}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a savepoint with state for an operator the job no longer has is refused, unless allowed", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sp-"));
  try {
    const { path } = await firstRunWithSavepoint(dir);
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setRestoreFrom(path);
    job(env, new ReplayableSource(), new TransactionalCollectSink(), { sumUid: "renamed" });
    await t.throwsAsync(env.execute(), { message: /holds state of operator 'sum'.*uid/s });

    const env2 = StreamExecutionEnvironment.getExecutionEnvironment().setRestoreFrom(path, { allowNonRestoredState: true });
    const src = new ReplayableSource();
    const sink = new TransactionalCollectSink<string>();
    job(env2, src, sink, { sumUid: "renamed" });
    const client = env2.executeAsync();
    src.push({ k: "a", v: 5 });
    src.end();
    await client.getJobExecutionResult();
    t.deepEqual(sink.committed, ["a=5"], "the renamed operator starts empty");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a savepoint from a job with another max parallelism is refused with a clear error", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sp-"));
  try {
    const { path } = await firstRunWithSavepoint(dir);
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setRestoreFrom(path).setMaxParallelism(64);
    job(env, new ReplayableSource(), new TransactionalCollectSink());
    await t.throwsAsync(env.execute(), { message: /max parallelism 128 and now has 64/ });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a missing savepoint path fails fast", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setRestoreFrom("/nonexistent/chk-7");
  job(env, new ReplayableSource(), new TransactionalCollectSink());
  await t.throwsAsync(env.execute(), { message: /no completed checkpoint or savepoint/ });
});

test("savepoints need checkpointing to be enabled", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const src = new ReplayableSource();
  job(env, src, new TransactionalCollectSink());
  const client = env.executeAsync();
  await settle();
  await t.throwsAsync(client.triggerSavepoint("/tmp/x"), { message: /enableCheckpointing/ });
  await client.cancel();
});
