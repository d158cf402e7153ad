// The trigger behind `trigger early … late count(n)`: EventTimeTrigger's firing at the window's end, early firings
// before it, and late firings counted per late record. Records arrive one per batch with a watermark after each
// (bounded out-of-orderness 0: watermark = largest timestamp - 1), so lateness is exact.
import test from "ava";
import { StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../../runtime/index.js";
import { EventTimeFiringsTrigger, type EventTimeFirings } from "../../../runtime/support/event-time-firings-trigger.js";

interface Ev { k: string; v: number; t: number }
const ev = (v: number, t: number): Ev => ({ k: "a", v, t });

/** Sums of window [0, 10) at each firing. */
async function firings(events: Ev[], firing: EventTimeFirings, lateness = firing.allowedLatenessMs): Promise<number[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.getConfig().setBatchSize(1);
  return env
    .fromCollection(events)
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Ev>(0).withTimestampAssigner((e) => e.t))
    .keyBy((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .trigger(new EventTimeFiringsTrigger(firing))
    .allowedLateness(lateness)
    .process<number>((_k, c, els, o) => void (c.window().start === 0 && o.collect(els.reduce((s, e) => s + e.v, 0))))
    .executeAndCollect();
}

test("no early, no late rule: fires at the end, then on each late record within the lateness (EventTimeTrigger)", async (t) => {
  // 1, 2 in [0,10); 30 @ 20 moves the watermark to 19 → end fires (3); late 4 @ 5 → 7; late 8 @ 6 → 15; 16 @ 35 moves
  // the watermark past 9 + 20 = 29 (cleanup); 64 @ 7 is too late and dropped.
  const out = await firings([ev(1, 1), ev(2, 2), ev(30, 20), ev(4, 5), ev(8, 6), ev(16, 35), ev(64, 7)], { early: null, lateCount: null, allowedLatenessMs: 20 });
  t.deepEqual(out, [3, 7, 15]);
});

test("early count(2): a result every 2 records before the end, and one at the end", async (t) => {
  const out = await firings([ev(1, 1), ev(2, 2), ev(4, 3), ev(8, 4), ev(16, 5), ev(100, 20)], { early: { kind: "count", count: 2 }, lateCount: null, allowedLatenessMs: 0 });
  t.deepEqual(out, [1 + 2, 1 + 2 + 4 + 8, 31]);
});

test("early every 3 (event time): fires on the grid 3, 6, 9 as the watermark passes, the last grid point being the end", async (t) => {
  // Grid from 0: 3, 6, then 9 = the window's max timestamp (the end firing). Watermark after each record = t - 1.
  const out = await firings([ev(1, 1), ev(2, 4), ev(4, 5), ev(8, 8), ev(100, 20)], { early: { kind: "every", intervalMs: 3 }, lateCount: null, allowedLatenessMs: 0 });
  // 3 fires when the watermark reaches 3 (record @4 → wm 3): 1 + 2; 6 fires at wm 7 (record @8): 1+2+4+8; end at wm 19.
  t.deepEqual(out, [3, 15, 15]);
});

test("late count(2): late records fire in pairs, and a leftover fires when the lateness runs out", async (t) => {
  // End fires 3 at wm 19; late 4, 8 → fires 15 (pair); late 16 → pending; 1 @ 40 moves the watermark past 29 → 31.
  const out = await firings([ev(1, 1), ev(2, 2), ev(30, 20), ev(4, 5), ev(8, 6), ev(16, 7), ev(1, 40)], { early: null, lateCount: 2, allowedLatenessMs: 20 });
  t.deepEqual(out, [3, 15, 31]);
});
