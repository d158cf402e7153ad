// Composite keys on the tumbling fast path: the window function gets the user's key back, also
// after a restore from a checkpoint.
import test from "ava";
import {
  CollectionSource,
  FaultInjector,
  ManualClock,
  RestartStrategies,
  StreamExecutionEnvironment,
  TransactionalCollectSink,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from "../../../runtime/index.js";

interface Ev {
  a: string;
  b: number;
  ts: number;
}

async function run(faults: FaultInjector | null): Promise<string[]> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(clock);
  env.getConfig().setBatchSize(3).setChannelCapacity(8).sliceBudget = 1;
  env.enableCheckpointing(10).setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  if (faults) env.setFaultInjector(faults);
  const events: Ev[] = Array.from({ length: 300 }, (_, i) => ({ a: i % 3 === 0 ? "x" : "y", b: i % 2, ts: i }));
  const sink = new TransactionalCollectSink<string>();
  env
    .fromSource(new CollectionSource(events), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "src")
    .map((e) => (clock.advance(1), e))
    .keyBy((e) => ({ a: e.a, b: e.b }))
    .window(TumblingEventTimeWindows.of(50))
    .aggregate(
      { createAccumulator: () => 0, add: (_e: Ev, n: number) => n + 1, getResult: (n: number) => n, merge: (x: number, y: number) => x + y },
      { process: (key: { a: string; b: number }, ctx, counts, out) => out.collect(`${key.a}/${key.b}@${ctx.window().maxTimestamp()}=${counts[0]}`) },
    )
    .name("Window")
    .sinkTo(sink, "Out");
  await env.execute();
  return [...sink.committed].sort();
}

test("the window function receives the composite key object, not its normalized form", async (t) => {
  const out = await run(null);
  t.true(out.includes("x/0@49=9"), out.slice(0, 5).join(" "));
  t.is(out.length, 6 * 4);
});

test("composite keys survive a restore", async (t) => {
  const clean = await run(null);
  // why: which subtask gets which of the four keys depends on their hash; crash both at their 40th record
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "Window", subtask: 0, record: 40 },
    { kind: "crash-at-record", operator: "Window", subtask: 1, record: 40 },
  ]);
  t.deepEqual(await run(faults), clean);
  t.true(faults.fired.length >= 1);
});
