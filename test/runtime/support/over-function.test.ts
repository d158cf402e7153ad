// overFunction, the keyed function behind `over`: late rows, and its state (rows waiting for the watermark, a bounded
// frame's rows, an unbounded frame's accumulators, their timers) restored from checkpoints after crashes.
import test from "ava";
import fc from "fast-check";
import { deepStrictEqual } from "node:assert/strict";
import {
  CollectionSource, FaultInjector, GeneratorSource, ManualClock, RestartStrategies, StreamExecutionEnvironment, TransactionalCollectSink,
  WatermarkStrategy, type Fault,
} from "../../../runtime/index.js";
import { KeyedProcessOperator } from "../../../runtime/operators/keyed-process.js";
import { overFunction, type OverAggregate } from "../../../runtime/support/over-function.js";
import { OneInputHarness } from "../../cep/helpers/operator-harness.js";
import { canonicalRows, overEventsArb, overOracle, type Frame, type OverEvent } from "../../helpers/over-oracle.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

/** The oracle's seven aggregates of `v`, as the generated code passes them. */
const AGGREGATES: readonly OverAggregate<OverEvent>[] = [
  { field: "n", fn: "count", arg: null },
  { field: "nv", fn: "count", arg: (e) => e.v },
  { field: "s", fn: "sum", arg: (e) => e.v },
  { field: "m", fn: "avg", arg: (e) => e.v },
  { field: "lo", fn: "min", arg: (e) => e.v },
  { field: "hi", fn: "max", arg: (e) => e.v },
  { field: "f", fn: "first", arg: (e) => e.v },
  { field: "l", fn: "last", arg: (e) => e.v },
];

test("a row at or behind the watermark is dropped; the others are aggregated in timestamp order", async (t) => {
  // monotonous watermarks (ts − 1): after ts 10, the row at ts 9 is late; the one at 10 is not (a peer, processed with it)
  const events: OverEvent[] = [{ k: 1, v: 1, ts: 5 }, { k: 1, v: 2, ts: 10 }, { k: 1, v: 4, ts: 9 }, { k: 1, v: 8, ts: 10 }, { k: 1, v: 16, ts: 12 }];
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  env.getConfig().setBatchSize(1);
  const out = await env
    .fromSource(new CollectionSource(events), WatermarkStrategy.forMonotonousTimestamps<OverEvent>().withTimestampAssigner((e) => e.ts), "events")
    .keyBy((e) => e.k)
    .process(overFunction<OverEvent, OverEvent & { s: number }>({ unit: "range", preceding: null, aggregates: [{ field: "s", fn: "sum", arg: (e) => e.v }] }))
    .executeAndCollect();
  // 5 → 1; the two rows at 10 see each other → 11; 9 arrives after the watermark passed it → dropped; 12 → 27
  t.deepEqual(out.map((r) => [r.v, r.s]), [[1, 1], [2, 11], [8, 11], [16, 27]]);
});

const FRAMES: readonly Frame[] = [
  { unit: "rows", preceding: 2 },
  { unit: "range", preceding: 4 },
  { unit: "range", preceding: null },
  { unit: "rows", preceding: null },
];

/** One run with checkpoints every few ms of a virtual clock that moves one ms per row, crashing as `faults` say. */
async function runWithFaults(events: readonly OverEvent[], frame: Frame, faults: Fault[], parallelism: number) {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.setClock(clock);
  env.getConfig().setBatchSize(2).setChannelCapacity(4).sliceBudget = 1;
  env.enableCheckpointing(5).getCheckpointConfig().setCheckpointTimeout(400).setSnapshotStep(1);
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(10);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(faults.length + 2, 0));
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const sink = new TransactionalCollectSink<OverEvent>();
  env
    .fromSource(new GeneratorSource((i) => events[i]!, events.length), WatermarkStrategy.forBoundedOutOfOrderness<OverEvent>(5).withTimestampAssigner((e) => e.ts), "events")
    .setParallelism(1)
    .map((e) => {
      clock.advance(1); // processing time moves with the data, so checkpoints fall between rows
      return e;
    }, "tick")
    .setParallelism(1)
    .keyBy((e) => e.k)
    .process(overFunction<OverEvent, OverEvent>({ ...frame, aggregates: AGGREGATES }), "Over")
    .setParallelism(parallelism)
    .sinkTo(sink, "Out")
    .setParallelism(parallelism);
  const result = await env.executeAsync("over-restore").getJobExecutionResult();
  return { out: sink.committed, fired: injector.fired.length, restarts: result.metrics.restarts ?? 0 };
}

test("after crashes the output is the oracle's, exactly once: pending rows, frames, accumulators and timers are restored", async (t) => {
  let restarts = 0;
  const scenario = fc.record({
    events: overEventsArb(4, 30),
    frame: fc.constantFrom(...FRAMES),
    parallelism: fc.integer({ min: 1, max: 2 }),
    crashes: fc.array(fc.record({ subtask: fc.constant(0), record: fc.integer({ min: 2, max: 14 }) }), { minLength: 1, maxLength: 2 }),
  });
  await assertProperty(t, fc.asyncProperty(scenario, async ({ events, frame, parallelism, crashes }) => {
    const faults: Fault[] = crashes.map((c) => ({ kind: "crash-at-record", operator: "Over", subtask: c.subtask, record: c.record }));
    const run = await runWithFaults(events, frame, faults, parallelism);
    restarts += run.restarts;
    deepStrictEqual(canonicalRows(run.out), canonicalRows(overOracle(events, frame, true)), JSON.stringify(frame));
  }), { numRuns: propertyRuns(25), file: import.meta.url });
  // why: a schedule whose crashes never fire would pass without restoring anything
  t.true(restarts > 5, `the crashes restarted the job from checkpoints (${restarts} restarts)`);
});

test("by processing time: each row comes out as it arrives, its frame the key's rows so far by arrival and by the clock", async (t) => {
  // per row: its key, value, and how far the processing-time clock moves before it arrives; no event time at all
  const scenario = fc.record({
    frame: fc.constantFrom(...FRAMES),
    rows: fc.array(fc.record({ k: fc.integer({ min: 0, max: 2 }), v: fc.option(fc.integer({ min: -9, max: 9 }), { freq: 6 }), gap: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 40 }),
  });
  await assertProperty(t, fc.asyncProperty(scenario, async ({ frame, rows }) => {
    let now = 0;
    // the oracle's row: `ts` is the clock when it arrives (the operator never reads a timestamp)
    const timed = rows.map((r) => ({ k: r.k, v: r.v, ts: (now += r.gap) }));
    const h = await new OneInputHarness<OverEvent>(new KeyedProcessOperator("Over", overFunction<OverEvent & { i: number }, OverEvent>({ ...frame, time: "processing", aggregates: AGGREGATES })), (e: OverEvent) => e.k).open();
    // why random event timestamps: the operator must not read them
    timed.forEach((e, i) => h.setProcessingTime(e.ts).record({ ...e, i }, (i * 7919) % 13));
    const out = h.emitted.flatMap((x) => (x.kind === "record" ? [x.value] : []));
    const expected = timed.map((e, i) => {
      const before = timed.slice(0, i + 1).filter((x) => x.k === e.k);
      const inFrame = frame.preceding === null ? before : frame.unit === "rows" ? before.slice(-(frame.preceding + 1)) : before.filter((x) => x.ts >= e.ts - frame.preceding!);
      // the brute-force oracle over the frame alone: the last row of its input is the current one
      const [row] = overOracle(inFrame.map((x, j) => ({ ...x, ts: j })), { unit: "rows", preceding: null }, false).slice(-1);
      return { ...row!, ts: e.ts, i };
    });
    deepStrictEqual(canonicalRows(out), canonicalRows(expected), JSON.stringify(frame));
  }), { numRuns: propertyRuns(40), file: import.meta.url });
  t.pass();
});
