// Checkpoints and recovery: a job that fails is restored from its last completed checkpoint, and a
// two-phase-commit sink's committed output equals the output of a run without failures.
import test from "ava";
import {
  FaultInjector,
  FsCheckpointStorage,
  GeneratorSource,
  ManualClock,
  RestartStrategies,
  StreamExecutionEnvironment,
  TransactionalCollectSink,
  WatermarkStrategy,
  type KeyedProcessFunction,
} from "../../../runtime/index.js";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Ev {
  k: number;
  v: number;
  ts: number;
}
const gen = (i: number): Ev => ({ k: i % 7, v: i, ts: i });

/**
 * Keyed running sum, output through a transactional sink. Processing time advances with the data
 * (1 ms per record read), so periodic checkpoints fall at the same places in every run.
 */
function buildJob(env: StreamExecutionEnvironment, n: number, sink: TransactionalCollectSink<string>, clock?: ManualClock) {
  env
    .fromSource(new GeneratorSource(gen, n), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "gen")
    // why: one source keeps each key's order the same in every run, so running sums are comparable
    .setParallelism(1)
    .uid("gen")
    .map((e) => {
      clock?.advance(1);
      return e;
    }, "Id")
    .setParallelism(1)
    .uid("id")
    .keyBy((e) => e.k)
    .reduce((a, b) => ({ k: a.k, v: a.v + b.v, ts: b.ts }), "Sum")
    .uid("sum")
    .map((e) => `${e.k}:${e.v}`, "Fmt")
    .uid("fmt")
    .sinkTo(sink, "Out");
}

async function run(options: { n: number; parallelism: number; faults?: FaultInjector; batch?: number; interval?: number }) {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(options.parallelism).setClock(clock);
  env.getConfig().setBatchSize(options.batch ?? 8);
  // why: small channels and slices keep barriers close behind the data, so checkpoints are frequent
  env.getConfig().setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(1);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  if (options.faults) env.setFaultInjector(options.faults);
  env.getCheckpointConfig().setCheckpointInterval(options.interval ?? 50);
  const sink = new TransactionalCollectSink<string>();
  buildJob(env, options.n, sink, clock);
  const result = await env.execute("recovery");
  return { sink, result };
}

const perSubtaskSorted = (sink: TransactionalCollectSink<string>) => [...sink.committed].sort();

test("without failures, everything is committed exactly once at the end", async (t) => {
  const { sink, result } = await run({ n: 500, parallelism: 2 });
  t.is(sink.committed.length, 500);
  t.is(new Set(sink.committed).size, 500);
  t.true((result.metrics.checkpoints?.completed ?? 0) >= 5, `${result.metrics.checkpoints?.completed} checkpoints`);
});

test("a crash at a record is recovered from the last checkpoint: committed output equals the failure-free run", async (t) => {
  const clean = await run({ n: 2000, parallelism: 2 });
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "Sum", subtask: 1, record: 200 },
    { kind: "crash-at-record", operator: "Fmt", subtask: 0, record: 300 },
  ]);
  const failed = await run({ n: 2000, parallelism: 2, faults });
  t.is(faults.fired.length, 2, "both faults happened");
  // why a range: each failed attempt fired a fault, but faults on different subtasks may fire in the same attempt
  const restarts = failed.result.metrics.restarts ?? 0;
  t.true(restarts >= 1 && restarts <= 2, `${restarts} restarts`);
  t.deepEqual(perSubtaskSorted(failed.sink), perSubtaskSorted(clean.sink));
});

test("crashes during a snapshot and between pre-commit and commit are recovered too", async (t) => {
  const clean = await run({ n: 1500, parallelism: 3 });
  const faults = new FaultInjector([
    { kind: "crash-during-snapshot", operator: "Sum", subtask: 2, snapshot: 2 },
    { kind: "crash-before-commit", operator: "Out", subtask: 0, commit: 2 },
  ]);
  const failed = await run({ n: 1500, parallelism: 3, faults });
  t.is(faults.fired.length, 2);
  t.deepEqual(perSubtaskSorted(failed.sink), perSubtaskSorted(clean.sink));
});

test("a failure without restarts fails the job with the injected fault", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.enableCheckpointing(1000).setRestartStrategy(RestartStrategies.noRestart());
  env.setClock(new ManualClock(0));
  env.setFaultInjector(new FaultInjector([{ kind: "crash-at-record", operator: "Sum", subtask: 0, record: 3 }]));
  buildJob(env, 10, new TransactionalCollectSink());
  await t.throwsAsync(env.execute(), { message: /injected fault/ });
});

test("checkpoints on the file system: chk-<id>/ with _metadata, only the newest retained", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-chk-"));
  try {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(clock);
    env.getConfig().setBatchSize(4);
    env.getConfig().setChannelCapacity(16).sliceBudget = 1;
    env.enableCheckpointing(20).getCheckpointConfig().setCheckpointStorage(dir).setNumRetainedCheckpoints(2);
    const sink = new TransactionalCollectSink<string>();
    buildJob(env, 400, sink, clock);
    const result = await env.execute();
    t.true(result.metrics.checkpoints!.completed >= 5);
    const dirs = readdirSync(dir).filter((d) => d.startsWith("chk-"));
    t.true(dirs.length <= 2, `retained ${dirs.join(",")}`);
    const latest = new FsCheckpointStorage(dir).latest();
    t.truthy(latest);
    t.is(latest!.checkpointId, result.metrics.checkpoints!.lastCompleted!.id);
    t.true(Object.keys(latest!.files).some((k) => k.startsWith("sum#")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("timers survive a restore: event-time timers registered before the crash still fire once", async (t) => {
  const make = async (faults?: FaultInjector) => {
    const clock = new ManualClock(0);
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(clock);
    env.getConfig().setBatchSize(5);
    env.getConfig().setChannelCapacity(16).sliceBudget = 1;
    env.enableCheckpointing(30).setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 0));
    if (faults) env.setFaultInjector(faults);
    const sink = new TransactionalCollectSink<string>();
    const fn: KeyedProcessFunction<number, Ev, string> = {
      processElement(e, ctx) {
        ctx.timerService().registerEventTimeTimer(e.ts - (e.ts % 50) + 49);
      },
      onTimer(ts, ctx, out) {
        out.collect(`${ctx.getCurrentKey()}@${ts}`);
      },
    };
    env
      .fromSource(new GeneratorSource(gen, 600), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "gen")
      .map((e) => (clock.advance(1), e))
      .keyBy((e) => e.k)
      .process(fn, "Timers")
      .sinkTo(sink, "Out");
    await env.execute();
    return [...sink.committed].sort();
  };
  const clean = await make();
  const faults = new FaultInjector([{ kind: "crash-at-record", operator: "Timers", subtask: 0, record: 150 }]);
  t.deepEqual(await make(faults), clean);
  t.is(faults.fired.length, 1);
});
