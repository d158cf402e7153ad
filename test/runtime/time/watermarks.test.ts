// Watermarks: generation from the data, combination across inputs, idleness.
import test from "ava";
import {
  CollectionSource,
  type KeyedProcessFunction,
  ManualClock,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { WatermarkValve } from "../../../runtime/time/watermark-valve.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";

function valve(channels: number) {
  const v = new WatermarkValve(channels);
  const out: (number | string)[] = [];
  const o = { watermark: (ts: number) => out.push(ts), status: (idle: boolean) => out.push(idle ? "idle" : "active") };
  return { v, out, o };
}

test("the valve emits the minimum over channels, only when it advances", (t) => {
  const { v, out, o } = valve(2);
  v.inputWatermark(0, 10, o);
  t.deepEqual(out, []);
  v.inputWatermark(1, 5, o);
  t.deepEqual(out, [5]);
  v.inputWatermark(1, 20, o);
  t.deepEqual(out, [5, 10]);
  v.inputWatermark(0, 8, o); // a channel's watermark never goes back
  t.deepEqual(out, [5, 10]);
});

test("an idle channel does not hold the minimum back; all idle makes the input idle", (t) => {
  const { v, out, o } = valve(2);
  v.inputWatermark(0, 100, o);
  v.inputStatus(1, true, o);
  t.deepEqual(out, [100]);
  v.inputStatus(0, true, o);
  t.deepEqual(out, [100, "idle"]);
  v.inputStatus(1, false, o);
  t.deepEqual(out, [100, "idle", "active"]);
});

test("a finished channel stops holding the others back", (t) => {
  const { v, out, o } = valve(2);
  v.inputWatermark(0, 50, o);
  v.inputEnded(1, o);
  t.deepEqual(out, [50]);
});

/** Records every watermark a keyed process function observes, through a timer at each event's time. */
function watermarkProbe(seen: number[]): KeyedProcessFunction<number, { ts: number }, never> {
  return {
    processElement(_e, ctx) {
      seen.push(ctx.timerService().currentWatermark());
    },
  };
}

test("bounded out-of-orderness: after each batch the watermark is max(ts) − bound − 1", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.getConfig().setBatchSize(1);
  const seen: number[] = [];
  const events = [{ ts: 100 }, { ts: 90 }, { ts: 300 }, { ts: 250 }];
  env
    .fromSource(new CollectionSource(events), WatermarkStrategy.forBoundedOutOfOrderness<{ ts: number }>(50).withTimestampAssigner((e) => e.ts), "s")
    .keyBy(() => 0)
    .process(watermarkProbe(seen))
    .print();
  await env.execute();
  t.deepEqual(seen, [-Infinity, 49, 49, 249]);
});

test("an idle source does not hold back the watermark of a union (virtual time)", async (t) => {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  const busy = new ControlledSource<{ ts: number }>();
  const quiet = new ControlledSource<{ ts: number }>();
  const strategy = WatermarkStrategy.forMonotonousTimestamps<{ ts: number }>().withTimestampAssigner((e) => e.ts).withIdleness(1_000);
  const fired: number[] = [];
  env
    .fromSource(busy, strategy, "busy")
    .union(env.fromSource(quiet, strategy, "quiet"))
    .keyBy(() => 0)
    .process<number>({
      processElement(e, ctx) {
        ctx.timerService().registerEventTimeTimer(e.ts);
      },
      onTimer(ts, _ctx, out) {
        out.collect(ts);
      },
    })
    .sinkTo((x) => fired.push(x));
  const job = env.executeAsync();
  quiet.push({ ts: 5 });
  busy.push({ ts: 10 });
  busy.push({ ts: 500 });
  await settle();
  t.deepEqual(fired, [], "the quiet source (at 4) holds the union back");
  clock.advance(1_000);
  await settle();
  busy.push({ ts: 600 });
  await settle();
  t.deepEqual(fired, [5, 10, 500], "once the quiet source is idle, the busy one alone drives the watermark");
  busy.end();
  quiet.end();
  await job.getJobExecutionResult();
  t.deepEqual(fired, [5, 10, 500, 600]);
});

test("periodic watermark emission on the processing-time clock (setAutoWatermarkInterval)", async (t) => {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  env.getConfig().setAutoWatermarkInterval(200);
  const src = new ControlledSource<{ ts: number }>();
  const seen: number[] = [];
  env
    .fromSource(src, WatermarkStrategy.forMonotonousTimestamps<{ ts: number }>().withTimestampAssigner((e) => e.ts), "s")
    .keyBy(() => 0)
    .process(watermarkProbe(seen))
    .print();
  const job = env.executeAsync();
  src.push({ ts: 1000 });
  await settle();
  src.push({ ts: 2000 });
  await settle();
  t.deepEqual(seen, [-Infinity, -Infinity], "no watermark before the interval elapsed");
  clock.advance(200);
  await settle();
  src.push({ ts: 3000 });
  await settle();
  t.deepEqual(seen, [-Infinity, -Infinity, 1999]);
  src.end();
  await job.getJobExecutionResult();
});

test("a punctuated watermark follows the records read before it in the same batch, and precedes the rest", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  env.getConfig().setBatchSize(100); // why: all ten records in one batch, so the watermark is emitted mid-batch
  const seen: number[] = [];
  // emits a watermark right after the record at ts 5 (Flink: WatermarkGenerator.onEvent of a punctuated generator)
  const punctuated = WatermarkStrategy.forGenerator<{ ts: number }>(() => ({
    onEvent: (e, ts, out) => {
      if (e.ts === 5) out.emitWatermark(ts);
    },
    onPeriodicEmit: () => {},
  })).withTimestampAssigner((e) => e.ts);
  env
    .fromSource(new CollectionSource(Array.from({ length: 10 }, (_, i) => ({ ts: i + 1 }))), punctuated, "Events")
    .keyBy(() => 0)
    .process(watermarkProbe(seen))
    .print();
  await env.execute("punctuated");
  const none = seen[0]!;
  t.true(none < 0, "the first record sees no watermark yet");
  t.deepEqual(seen, [none, none, none, none, none, 5, 5, 5, 5, 5], "records 1–5 before the watermark 5, records 6–10 after it");
});
