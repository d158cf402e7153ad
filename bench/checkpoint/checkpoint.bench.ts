// Fault tolerance costs: throughput of a keyed tumbling-window job with 1M distinct keys with
// checkpoints every second vs none; checkpoint duration and size for ~100 MB of state; time from a
// crash to processing again.
//
// Run: npx tsx bench/checkpoint/checkpoint.bench.ts [records] [keys]   (or: npm run bench -- checkpoint)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AbstractRichFunction,
  type CompletedCheckpoint,
  FaultInjector,
  FsCheckpointStorage,
  GeneratorSource,
  type JobExecutionResult,
  RestartStrategies,
  StreamExecutionEnvironment,
  TumblingEventTimeWindows,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from "../../runtime/index.js";
import { formatRate, saveResult } from "../harness.js";

interface Ev {
  key: number;
  value: number;
  ts: number;
}

const RECORDS = Number(process.argv[2] ?? 4_000_000);
const KEYS = Number(process.argv[3] ?? 1_000_000);
/** Every key appears RECORDS / KEYS times inside one 10-minute window: the window holds KEYS accumulators. */
const generate = (i: number): Ev => ({ key: i % KEYS, value: i & 7, ts: Math.floor((i * 100_000) / RECORDS) });

async function windowJob(checkpointMs: number | null, dir: string): Promise<{ seconds: number; result: JobExecutionResult }> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  if (checkpointMs !== null) env.enableCheckpointing(checkpointMs).getCheckpointConfig().setCheckpointStorage(dir);
  let sum = 0;
  env
    .fromSource(new GeneratorSource(generate, RECORDS), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "gen")
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(600_000))
    .aggregate({ createAccumulator: () => 0, add: (e: Ev, a: number) => a + e.value, getResult: (a: number) => a, merge: (a: number, b: number) => a + b })
    .sinkTo((n: number) => {
      sum += n;
    });
  const start = performance.now();
  const result = await env.execute("checkpoint bench");
  return { seconds: (performance.now() - start) / 1000, result };
}

/** ~100 bytes of state per key: a value state with a short string and a counter. */
class Profile extends AbstractRichFunction {
  private state!: ValueState<{ name: string; n: number }>;
  static firstAfterRestore = 0;
  override open() {
    this.state = this.getRuntimeContext().getState(new ValueStateDescriptor<{ name: string; n: number }>("profile"));
  }
  map(e: Ev): number {
    if (this.getRuntimeContext().getTaskInfo().attemptNumber > 0 && Profile.firstAfterRestore === 0) Profile.firstAfterRestore = performance.now();
    const s = this.state.value();
    if (s === undefined) this.state.update({ name: `user-${e.key}-${"x".repeat(60)}`, n: 1 });
    else s.n++;
    return e.value;
  }
}

async function bigStateJob(dir: string, crashAt: number | null, records = RECORDS): Promise<{ result: JobExecutionResult; failedAt: number; restoredAt: number; restoredFrom: number | null }> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.enableCheckpointing(2_000).getCheckpointConfig().setCheckpointStorage(dir);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
  let failedAt = 0;
  let restoredFrom: number | null = null;
  env.onJobStatus((j) => {
    if (j.status === "FAILING") {
      failedAt = performance.now();
      restoredFrom = new FsCheckpointStorage(dir).latest()?.checkpointId ?? null;
    }
  });
  if (crashAt !== null) env.setFaultInjector(new FaultInjector([{ kind: "crash-at-record", operator: "Profile", subtask: 0, record: crashAt }]));
  Profile.firstAfterRestore = 0;
  env
    .fromSource(new GeneratorSource(generate, records), WatermarkStrategy.noWatermarks<Ev>(), "gen")
    .keyBy((e) => e.key)
    .map(new Profile(), "Profile")
    .sinkTo(() => {});
  const result = await env.execute("big state");
  return { result, failedAt, restoredAt: Profile.firstAfterRestore, restoredFrom };
}

const dir = mkdtempSync(join(tmpdir(), "eddy-chk-bench-"));
try {
  await windowJob(null, dir); // warm-up
  // why: the machine is noisy; alternate the two configurations and keep the best of each
  let bestNone = Number.POSITIVE_INFINITY;
  let bestEvery = Number.POSITIVE_INFINITY;
  let every!: { seconds: number; result: JobExecutionResult };
  for (let round = 0; round < 5; round++) {
    bestNone = Math.min(bestNone, (await windowJob(null, dir)).seconds);
    const run = await windowJob(1_000, join(dir, `a${round}`));
    if (run.seconds < bestEvery) [bestEvery, every] = [run.seconds, run];
  }
  const rateNone = RECORDS / bestNone;
  const rateCp = RECORDS / bestEvery;
  const cps = every.result.metrics.checkpoints!;
  const windowCheckpoint = cps.history.find((c) => c.stateBytes > 0);
  console.log(`\nkeyed tumbling window, ${RECORDS.toLocaleString("en")} records, ${KEYS.toLocaleString("en")} keys (best of 5 alternating runs)`);
  console.log(`  no checkpoints         ${formatRate(rateNone)}`);
  console.log(`  checkpoint every 1 s   ${formatRate(rateCp)}   (${cps.completed} checkpoints, loss ${((1 - rateCp / rateNone) * 100).toFixed(1)} %)`);
  if (windowCheckpoint !== undefined) console.log(`  a checkpoint: ${describe(windowCheckpoint)}`);

  const big = await bigStateJob(join(dir, "b"), null);
  // why: the last entry is the final checkpoint after the input ended; the one before ran while records flowed
  const running = big.result.metrics.checkpoints!.history.filter((c) => c.stateBytes > 0).at(-2) ?? big.result.metrics.checkpoints!.lastCompleted!;
  console.log(`\nvalue state of ${KEYS.toLocaleString("en")} keys (~100 B each)`);
  console.log(`  a checkpoint while records flow: ${describe(running)}`);

  // why: long enough that a checkpoint of the full state completes before the crash
  const crash = await bigStateJob(join(dir, "c"), Math.floor(RECORDS * 2.9), RECORDS * 3);
  const recoveryMs = crash.restoredAt - crash.failedAt;
  console.log(
    `  crash → processing again after ${recoveryMs.toFixed(0)} ms (restarts: ${crash.result.metrics.restarts}, restored checkpoint ${crash.restoredFrom ?? "none"})`,
  );
  saveResult("checkpoint", {
    records: RECORDS,
    keys: KEYS,
    rateNoCheckpoints: rateNone,
    rateCheckpointEverySecond: rateCp,
    checkpoints: cps.completed,
    lossPercent: (1 - rateCp / rateNone) * 100,
    windowCheckpoint: windowCheckpoint ?? null,
    bigStateBytes: running.stateBytes,
    bigStateCheckpointMs: running.completedAt - running.triggeredAt,
    bigStateSyncMs: running.maxSyncMs,
    bigStateAsyncMs: running.maxAsyncMs,
    recoveryMs,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function describe(c: CompletedCheckpoint): string {
  return `${(c.stateBytes / 2 ** 20).toFixed(1)} MiB in ${c.completedAt - c.triggeredAt} ms — synchronous part ${c.maxSyncMs.toFixed(1)} ms, written in the background over ${c.maxAsyncMs.toFixed(0)} ms`;
}
