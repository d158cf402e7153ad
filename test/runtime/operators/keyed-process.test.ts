// KeyedProcessFunction: per-key event-time and processing-time timers, keyed state, side outputs.
import test from "ava";
import fc from "fast-check";
import {
  CollectionSource,
  type KeyedProcessFunction,
  ManualClock,
  StreamExecutionEnvironment,
  type ValueState,
  ValueStateDescriptor,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";

interface Ev {
  k: string;
  ts: number;
}

test("event-time timers fire once per registration, in timestamp order, with the timer's time as record timestamp", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ k: fc.constantFrom("a", "b", "c"), ts: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 60 }),
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 1, max: 8 }),
      async (events, delay, batch) => {
        const env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().setBatchSize(batch);
        const fired: { k: string; at: number; ts: number | null }[] = [];
        const fn: KeyedProcessFunction<string, Ev, { k: string; at: number; ts: number | null }> = {
          processElement(e, ctx) {
            ctx.timerService().registerEventTimeTimer(e.ts + 10);
            ctx.timerService().registerEventTimeTimer(e.ts + 10); // a duplicate is a no-op
          },
          onTimer(ts, ctx, out) {
            out.collect({ k: ctx.getCurrentKey(), at: ts, ts: ctx.timestamp() });
          },
        };
        env
          .fromSource(new CollectionSource(events), WatermarkStrategy.forBoundedOutOfOrderness<Ev>(delay).withTimestampAssigner((e) => e.ts), "events")
          .keyBy((e) => e.k)
          .process(fn)
          .sinkTo((r) => fired.push(r));
        await env.execute();
        // oracle: the source emits watermark max(ts) − delay − 1 after every batch; a registration
        // of a pending (key, time) is a no-op; pending timers fire by (time, registration order)
        const expected: string[] = [];
        const pending = new Map<string, { at: number; seq: number }>();
        let seq = 0;
        let max = -Infinity;
        let lastWatermark = -Infinity;
        const fireUpTo = (wm: number) => {
          const due = [...pending].filter(([, p]) => p.at <= wm).sort((x, y) => x[1].at - y[1].at || x[1].seq - y[1].seq);
          for (const [id, p] of due) {
            pending.delete(id);
            expected.push(`${id.split("|")[0]}|${p.at}`);
          }
        };
        for (let i = 0; i < events.length; i += batch) {
          for (const e of events.slice(i, i + batch)) {
            const id = `${e.k}|${e.ts + 10}`;
            if (!pending.has(id)) pending.set(id, { at: e.ts + 10, seq: seq++ });
            max = Math.max(max, e.ts);
          }
          // why: timers fire on a watermark *advance*; one registered at or below the current
          // watermark waits for the next advance (as in Flink)
          if (max - delay - 1 > lastWatermark) fireUpTo((lastWatermark = max - delay - 1));
        }
        fireUpTo(Infinity);
        if (JSON.stringify(fired.map((f) => `${f.k}|${f.at}`)) !== JSON.stringify(expected)) return false;
        return fired.every((f) => f.ts === f.at);
      },
    ),
    { numRuns: 60 },
  );
  t.pass();
});

test("a deleted timer does not fire; state is isolated between keys", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const fn: KeyedProcessFunction<string, Ev, string> & { seen?: ValueState<number> } = {
    open(ctx) {
      this.seen = ctx.getState(new ValueStateDescriptor<number>("seen", 0));
    },
    processElement(e, ctx) {
      const n = this.seen!.value()! + 1;
      this.seen!.update(n);
      ctx.timerService().registerEventTimeTimer(100);
      if (e.k === "drop") ctx.timerService().deleteEventTimeTimer(100);
    },
    onTimer(_ts, ctx, out) {
      out.collect(`${ctx.getCurrentKey()}=${this.seen!.value()}`);
    },
  };
  const events: Ev[] = [
    { k: "a", ts: 1 },
    { k: "b", ts: 2 },
    { k: "a", ts: 3 },
    { k: "drop", ts: 4 },
  ];
  const out = await env
    .fromSource(new CollectionSource(events), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "events")
    .keyBy((e) => e.k)
    .process(fn)
    .executeAndCollect();
  t.deepEqual([...out].sort(), ["a=2", "b=1"]);
});

test("processing-time timers fire on the injected clock, without real waiting", async (t) => {
  const clock = new ManualClock(1_000);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  const source = new ControlledSource<Ev>();
  const out: string[] = [];
  env
    .fromSource(source, WatermarkStrategy.noWatermarks<Ev>(), "ctl")
    .keyBy((e) => e.k)
    .process<string>({
      processElement(e, ctx) {
        ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 500);
      },
      onTimer(ts, ctx, out) {
        out.collect(`${ctx.getCurrentKey()}@${ts}:${ctx.timeDomain()}:${ctx.timestamp()}`);
      },
    })
    .sinkTo((s) => out.push(s));
  const job = env.executeAsync();
  source.push({ k: "a", ts: 0 });
  await settle();
  clock.advance(499);
  await settle();
  t.deepEqual(out, []);
  source.push({ k: "b", ts: 0 });
  await settle();
  clock.advance(1);
  await settle();
  t.deepEqual(out, ["a@1500:PROCESSING_TIME:null"]);
  clock.advance(499);
  await settle();
  t.deepEqual(out, ["a@1500:PROCESSING_TIME:null", "b@1999:PROCESSING_TIME:null"]);
  source.end();
  await job.getJobExecutionResult();
});

test("timers need a keyed stream", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env
    .fromElements(1)
    .process({
      processElement(_v: number, ctx) {
        ctx.timerService().registerEventTimeTimer(5);
      },
    })
    .print("", () => {});
  await t.throwsAsync(env.execute(), { message: /keyed stream/ });
});

test("in BATCH mode processing-time timers fire at the end of input, not on the wall clock", async (t) => {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setRuntimeMode("BATCH").setClock(clock);
  const out = await env
    .fromElements<Ev>({ k: "a", ts: 1 }, { k: "b", ts: 2 })
    .keyBy((e) => e.k)
    .process<string>({
      processElement(e, ctx) {
        ctx.timerService().registerProcessingTimeTimer(10_000 + e.ts);
      },
      onTimer(ts, ctx, o) {
        o.collect(`${ctx.getCurrentKey()}@${ts}`);
      },
    })
    .executeAndCollect();
  t.deepEqual(out, ["a@10001", "b@10002"]);
});
