// The base class of generated keyed tumbling-window aggregates fires each window once, for every key, exactly once
// under injected crashes and restores (windows restored from a checkpoint are queued again), at parallelism 1 and 3,
// with and without allowed lateness — against a brute-force count per key and window.
import test from "ava";
import fc from "fast-check";
import {
  FaultInjector, GeneratorSource, ManualClock, type RecordBatch, RestartStrategies, StreamExecutionEnvironment, TransactionalCollectSink, WatermarkStrategy,
  type Fault,
} from "../../../runtime/index.js";
import { TumblingAggregateOperator } from "../../../runtime/support/tumbling-aggregate.js";

interface Ev { k: number; v: number; ts: number }
interface Acc { n: number; s: number }
const SIZE = 20;

/** What the compiler generates for `keyBy k | window tumbling(20ms) [allowedLateness …] | aggregate { n: count(), s: sum(v) }`. */
class CountSum extends TumblingAggregateOperator<Ev, Acc, string> {
  constructor(lateness: number) {
    super("window-aggregate", SIZE, lateness, null);
  }
  protected createAccumulator(): Acc {
    return { n: 0, s: 0 };
  }
  override processBatch(batch: RecordBatch<Ev>): void {
    for (let i = 0; i < batch.length; i++) {
      const r = batch.values[i]!;
      const acc = this.accumulatorFor(r.k, batch.timestamps[i]!);
      if (acc === null) continue;
      acc.n++;
      acc.s += r.v;
      if (this.refire) this.fireAgain(acc);
    }
  }
  protected emit(key: unknown, acc: Acc, start: number, end: number): void {
    this.output.collect(`${String(key)}[${start},${end}) n=${acc.n} s=${acc.s}`, end - 1);
  }
}

/** In order of time (watermarks at the timestamps themselves): no record is late, each window fires once. */
function oracle(events: readonly Ev[]): string[] {
  const windows = new Map<string, Acc>();
  for (const e of events) {
    const start = e.ts - (e.ts % SIZE);
    const id = `${e.k}[${start},${start + SIZE})`;
    const acc = windows.get(id) ?? { n: 0, s: 0 };
    acc.n++;
    acc.s += e.v;
    windows.set(id, acc);
  }
  return [...windows].map(([id, a]) => `${id} n=${a.n} s=${a.s}`).sort();
}

const eventsArb = fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), v: fc.integer({ min: -9, max: 9 }), dt: fc.integer({ min: 0, max: 7 }) }), { minLength: 20, maxLength: 120 })
  .map((rs) => {
    let ts = 0;
    return rs.map(({ k, v, dt }) => ({ k, v, ts: (ts += dt) }));
  });

async function run(events: readonly Ev[], parallelism: number, lateness: number, faults: Fault[]): Promise<{ out: string[]; fired: number }> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.setClock(clock);
  env.getConfig().setBatchSize(3).setChannelCapacity(6).sliceBudget = 1;
  env.enableCheckpointing(5).getCheckpointConfig().setCheckpointTimeout(400).setSnapshotStep(1);
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(10);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(faults.length + 2, 0));
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const sink = new TransactionalCollectSink<string>();
  env
    .fromSource(new GeneratorSource((i) => events[i]!, events.length), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "src")
    .setParallelism(1)
    .map((e) => {
      clock.advance(1); // why: processing time moves with the data, so checkpoints fall between records
      return e;
    }, "tick")
    .setParallelism(1)
    .keyBy((e) => e.k)
    .transformKeyed<string>("window-aggregate", () => new CountSum(lateness))
    .setParallelism(parallelism)
    .sinkTo(sink, "out")
    .setParallelism(parallelism);
  await env.executeAsync("tumbling-aggregate").getJobExecutionResult();
  return { out: [...sink.committed].sort(), fired: injector.fired.length };
}

test("every window fires once per key with its exact count and sum, under crashes and restores, with and without lateness", async (t) => {
  let crashed = 0;
  await fc.assert(
    fc.asyncProperty(
      eventsArb,
      fc.constantFrom(1, 3),
      fc.constantFrom(0, 30),
      fc.array(fc.record({ subtask: fc.nat(2), record: fc.integer({ min: 1, max: 15 }) }), { minLength: 1, maxLength: 2 }),
      async (events, parallelism, lateness, crashes) => {
        const faults: Fault[] = crashes.map(({ subtask, record }) => ({ kind: "crash-at-record", operator: "window-aggregate", subtask: subtask % parallelism, record }));
        const { out, fired } = await run(events, parallelism, lateness, faults);
        crashed += fired;
        t.deepEqual(out, oracle(events));
      },
    ),
    { numRuns: 40, seed: 20261205 },
  );
  t.true(crashed > 5, `crashes were injected and restored from (${crashed})`);
});
