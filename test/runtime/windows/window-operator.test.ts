// The window operator end to end: triggers, evictors, session merging, processing time in virtual
// time, count windows, windowAll, state cleanup, BATCH mode and parallelism.
import test from "ava";
import {
  ContinuousEventTimeTrigger,
  CountEvictor,
  DeltaEvictor,
  EventTimeSessionWindows,
  ManualClock,
  PurgingTrigger,
  StreamExecutionEnvironment,
  TimeEvictor,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  WatermarkStrategy,
  WindowOperator,
  SlidingEventTimeWindows,
  EventTimeTrigger,
  GlobalWindows,
} from "../../../runtime/index.js";
import { aggregateResult } from "../../../runtime/windows/functions/internal-window-function.js";
import { IdleAwareClock } from "../../helpers/idle-aware-clock.js";
import type { Rec } from "../../helpers/window-oracle.js";
import { multiset, runWindowedSum, sumCount } from "./helpers.js";

interface Ev {
  k: string;
  v: number;
  t: number;
}
const ev = (k: string, v: number, t: number): Ev => ({ k, v, t });

/** A stream of events with timestamps and watermarks (bound 0) after every record. */
function eventTimeEnv(events: Ev[], batchSize = 1) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.getConfig().setBatchSize(batchSize);
  const stream = env.fromCollection(events).assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.t));
  return { env, stream };
}

const values = (els: readonly Ev[]) => els.map((e) => e.v);

test("ContinuousEventTimeTrigger fires every interval of event time and at the window's end", async (t) => {
  const { stream } = eventTimeEnv(Array.from({ length: 10 }, (_, i) => ev("a", i, i)));
  const out = await stream
    .keyBy((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .trigger(ContinuousEventTimeTrigger.of(3))
    .process((_k, _c, els, o) => o.collect(values(els).reduce((a, b) => a + b, 0)))
    .executeAndCollect();
  t.deepEqual(out, [0 + 1 + 2 + 3 + 4, 28, 45]);
});

test("ContinuousEventTimeTrigger on a global window: fires on the grid, then once at the end of a bounded input (no endless grid)", async (t) => {
  const { stream } = eventTimeEnv([ev("a", 1, 1), ev("a", 2, 2), ev("a", 3, 12)]);
  const out = await stream
    .keyBy((e) => e.k)
    .window(GlobalWindows.create())
    .trigger(ContinuousEventTimeTrigger.of(10))
    .process((_k, _c, els, o) => o.collect(values(els).reduce((a, b) => a + b, 0)))
    .executeAndCollect();
  // The grid point 10 fires when the watermark reaches 12 (after the record at 12 joined); the end of input fires the
  // last grid point and the window's end (+∞) once each, and nothing after.
  t.deepEqual(out, [6, 6, 6]);
});

test("PurgingTrigger turns each fire into fire-and-purge", async (t) => {
  const { stream } = eventTimeEnv(Array.from({ length: 10 }, (_, i) => ev("a", i, i)));
  const out = await stream
    .keyBy((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .trigger(PurgingTrigger.of(ContinuousEventTimeTrigger.of(3)))
    .process((_k, _c, els, o) => o.collect(values(els)))
    .executeAndCollect();
  t.deepEqual(out, [[0, 1, 2, 3, 4], [5, 6, 7], [8, 9]]);
});

test("countWindow(3) fires and purges every 3 elements per key; an incomplete window never fires (as Flink)", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const out = await env
    .fromElements(...[1, 2, 3, 4, 5, 6, 7].map((v) => ev("a", v, 0)), ev("b", 100, 0))
    .keyBy((e) => e.k)
    .countWindow(3)
    .sum("v")
    .map((e) => e.v)
    .executeAndCollect();
  t.deepEqual(out, [6, 15]);
});

test("countWindow(3, 2): the last 3 elements every 2 elements (CountEvictor + CountTrigger)", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const out = await env
    .fromElements(...[1, 2, 3, 4, 5, 6].map((v) => ev("a", v, 0)))
    .keyBy((e) => e.k)
    .countWindow(3, 2)
    .process((_k, _c, els, o) => o.collect(values(els)))
    .executeAndCollect();
  t.deepEqual(out, [[1, 2], [2, 3, 4], [4, 5, 6]]);
});

test("evictors: CountEvictor keeps the last n, TimeEvictor the last ms, DeltaEvictor those close to the newest", async (t) => {
  const events = [ev("a", 1, 1), ev("a", 9, 2), ev("a", 4, 6), ev("a", 7, 8)];
  const run = async (evictor: any) => {
    const { stream } = eventTimeEnv(events);
    return stream
      .keyBy((e) => e.k)
      .window(TumblingEventTimeWindows.of(10))
      .evictor(evictor)
      .process((_k, _c, els, o) => o.collect(values(els)))
      .executeAndCollect();
  };
  t.deepEqual(await run(CountEvictor.of(2)), [[4, 7]]);
  t.deepEqual(await run(TimeEvictor.of(3)), [[4, 7]]); // cutoff 8 − 3 = 5: timestamps ≤ 5 go
  // delta to the newest (7) must stay below 3: 1 (6) and 4 (3) go, 9 (2) and 7 (0) stay
  t.deepEqual(await run(DeltaEvictor.of(3, (a: Ev, b: Ev) => Math.abs(a.v - b.v))), [[9, 7]]);
});

test("evictor with reduce: the reduce runs over the survivors when the window fires", async (t) => {
  const { stream } = eventTimeEnv([ev("a", 1, 1), ev("a", 2, 2), ev("a", 3, 3)]);
  const out = await stream
    .keyBy((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .evictor(CountEvictor.of(2))
    .reduce((a, b) => ({ ...a, v: a.v + b.v }))
    .map((e) => e.v)
    .executeAndCollect();
  t.deepEqual(out, [5]);
});

test("sessions: a late element within allowed lateness bridges two fired sessions and re-fires the merged one", async (t) => {
  // gap 5: a@0 → [0,5), a@10 → [10,15); b@21 moves the watermark to 20; a@5 → [5,10) touches both.
  // The merged contents keep the state window of [0,5) and append the others in merge order.
  const { stream } = eventTimeEnv([ev("a", 1, 0), ev("a", 2, 10), ev("b", 5, 21), ev("a", 3, 5)]);
  const out = await stream
    .keyBy((e) => e.k)
    .window(EventTimeSessionWindows.withGap(5))
    .allowedLateness(20)
    .process((k, c, els, o) => o.collect(`${k} [${c.window().start},${c.window().end}) ${values(els).join("+")}`))
    .executeAndCollect();
  t.deepEqual(multiset(out), multiset(["a [0,5) 1", "a [10,15) 2", "a [0,15) 1+2+3", "b [21,26) 5"]));
});

test("processing-time windows fire when the (virtual) clock passes their end", async (t) => {
  // The feed advances virtual time only once the engine is idle, i.e. after the window operator has assigned every
  // record sent so far (at the time the clock showed then): no wall-clock waiting, no race with the scheduler.
  const clock = new IdleAwareClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  async function* feed() {
    yield ev("a", 1, 0);
    yield ev("a", 2, 0);
    t.is(await clock.engineIdle(), 99, "the engine waits for the end of [0, 100)");
    clock.set(150); // closes [0, 100)
    yield ev("a", 4, 0);
    t.is(await clock.engineIdle(), 199, "the engine waits for the end of [100, 200)");
    clock.set(250); // closes [100, 200)
    yield ev("a", 8, 0); // [200, 300) never closes: STREAMING drops pending processing-time windows at the end
  }
  const out = await env
    .fromCollection(feed(), { bounded: true })
    .keyBy((e) => e.k)
    .window(TumblingProcessingTimeWindows.of(100))
    .process((_k, c, els, o) => o.collect(`${c.window().start}: ${values(els).join("+")}`))
    .executeAndCollect();
  t.deepEqual(out, ["0: 1+2", "100: 4"]);
});

test("BATCH mode: processing-time windows fire at the end of input (processing time jumps to the end)", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(new ManualClock(1000)).setRuntimeMode("BATCH");
  const out = await env
    .fromElements(ev("a", 1, 0), ev("a", 2, 0), ev("b", 3, 0))
    .keyBy((e) => e.k)
    .window(TumblingProcessingTimeWindows.of(100))
    .sum("v")
    .map((e) => `${e.k}${e.v}`)
    .executeAndCollect();
  t.deepEqual(out.sort(), ["a3", "b3"]);
});

test("windowAll: one window over every key and subtask, with the operator at parallelism 1", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
  const stream = env
    .fromCollection([ev("a", 1, 1), ev("b", 2, 2), ev("c", 3, 12), ev("d", 4, 13)])
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.t))
    .rebalance()
    .windowAll(TumblingEventTimeWindows.of(10))
    .process((c, els, o) => o.collect(`${c.window().start}: ${values(els).sort().join("+")}`));
  t.deepEqual((await stream.executeAndCollect()).sort(), ["0: 1+2", "10: 3+4"]);
  const env2 = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
  t.deepEqual(await env2.fromElements(1, 2, 3, 4, 5).rebalance().countWindowAll(2).reduce((a, b) => a + b).executeAndCollect(), [3, 7]);
});

test("state is cleaned up: after the cleanup timers no window contents, trigger state, merging sets or timers remain", async (t) => {
  for (const assigner of [TumblingEventTimeWindows.of(10), SlidingEventTimeWindows.of(10, 3), EventTimeSessionWindows.withGap(4)]) {
    const operators: WindowOperator<any, any, any, any, any>[] = [];
    const { stream } = eventTimeEnv([ev("a", 1, 1), ev("b", 2, 3), ev("a", 3, 12), ev("a", 4, 2), ev("b", 5, 30), ev("a", 1, 7)], 2);
    const out = await stream
      .keyBy((e) => e.k)
      .transformKeyed("Window", () => {
        const op = new WindowOperator("Window", {
          assigner: assigner as any,
          trigger: EventTimeTrigger.create(),
          allowedLateness: 5,
          lateDataOutputTag: null,
          state: { kind: "aggregating", fn: { ...sumCount, add: (e: Ev, acc: any) => ({ sum: acc.sum + e.v, count: acc.count + 1 }) } },
          windowFunction: aggregateResult(sumCount),
        });
        operators.push(op);
        return op;
      })
      .executeAndCollect();
    t.true(out.length > 0);
    for (const op of operators) t.true(Object.values(op.stateSizes()).every((n) => n === 0), `${String(assigner)}: ${JSON.stringify(op.stateSizes())}`);
  }
});

test("late records are dropped and counted when no side output is set", async (t) => {
  const operators: WindowOperator<any, any, any, any, any>[] = [];
  const { stream } = eventTimeEnv([ev("a", 1, 1), ev("a", 2, 25), ev("a", 3, 2)]);
  const out = await stream
    .keyBy((e) => e.k)
    .transformKeyed("Window", () => {
      const op = new WindowOperator("Window", {
        assigner: TumblingEventTimeWindows.of(10) as any,
        trigger: EventTimeTrigger.create(),
        allowedLateness: 0,
        lateDataOutputTag: null,
        state: { kind: "reducing", fn: (a: Ev, b: Ev) => ({ ...a, v: a.v + b.v }) },
        windowFunction: { userFunction: null, process: (_k, _w, _c, v: Ev, o) => o.collect(v.v), clear: () => {} },
      });
      operators.push(op);
      return op;
    })
    .executeAndCollect();
  t.deepEqual(out, [1, 2]);
  t.is(operators[0]!.numLateRecordsDropped, 1);
});

/** A fixed pseudo-random out-of-order input. */
function shuffledRecords(n: number, seed: number): Rec[] {
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff), x);
  return Array.from({ length: n }, (_, i) => ({ key: `k${next() % 7}`, value: next() % 10, ts: i * 2 - (next() % 15) }));
}

test("parallelism 1, 2 and 4 give the same results (on-time and late)", async (t) => {
  const records = shuffledRecords(400, 7);
  for (const assigner of [TumblingEventTimeWindows.of(20), SlidingEventTimeWindows.of(20, 5), EventTimeSessionWindows.withGap(6)]) {
    const runs = await Promise.all([1, 2, 4].map((parallelism) => runWindowedSum(records, { assigner, delay: 5, allowedLateness: 3, batchSize: 16, parallelism })));
    t.deepEqual(multiset(runs[1]!.results), multiset(runs[0]!.results));
    t.deepEqual(multiset(runs[2]!.results), multiset(runs[0]!.results));
    t.true(runs[0]!.results.length > 0);
  }
});

test("BATCH mode gives STREAMING's final results (no late data)", async (t) => {
  const records = shuffledRecords(300, 11).sort((a, b) => a.ts - b.ts);
  for (const assigner of [TumblingEventTimeWindows.of(20), SlidingEventTimeWindows.of(20, 5), EventTimeSessionWindows.withGap(6)]) {
    const streaming = await runWindowedSum(records, { assigner, delay: 0, allowedLateness: 0, batchSize: 8 });
    const batch = await runWindowedSum(records, { assigner, delay: 0, allowedLateness: 0, batchSize: 8, mode: "BATCH" });
    t.deepEqual(multiset(batch.results), multiset(streaming.results));
    t.deepEqual(batch.late, []);
  }
});
