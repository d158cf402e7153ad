// Window assigners: the windows of a timestamp, with offsets and negative timestamps, as Flink computes them.
import test from "ava";
import {
  GlobalWindow,
  GlobalWindows,
  SlidingEventTimeWindows,
  TimeWindow,
  TumblingEventTimeWindows,
  TumblingProcessingTimeWindows,
  EventTimeSessionWindows,
  NO_TIMESTAMP,
  type WindowAssignerContext,
} from "../../../runtime/index.js";

const ctx = (now = 0): WindowAssignerContext => ({ getCurrentProcessingTime: () => now, timeWindow: (s, e) => new TimeWindow(s, e) });
const bounds = (ws: TimeWindow[]) => ws.map((w) => [w.start, w.end]);

test("getWindowStartWithOffset rounds down, also for negative timestamps", (t) => {
  t.is(TimeWindow.getWindowStartWithOffset(7, 0, 5), 5);
  t.is(TimeWindow.getWindowStartWithOffset(5, 0, 5), 5);
  t.is(TimeWindow.getWindowStartWithOffset(-1, 0, 5), -5);
  t.is(TimeWindow.getWindowStartWithOffset(-5, 0, 5), -5);
  t.is(TimeWindow.getWindowStartWithOffset(-6, 0, 5), -10);
  t.is(TimeWindow.getWindowStartWithOffset(1, 2, 5), -3);
  t.is(TimeWindow.getWindowStartWithOffset(2, 2, 5), 2);
});

test("tumbling windows: [start, start + size), shifted by the offset", (t) => {
  t.deepEqual(bounds(TumblingEventTimeWindows.of(5000).assignWindows(null, 7777, ctx())), [[5000, 10000]]);
  t.deepEqual(bounds(TumblingEventTimeWindows.of(5000, 100).assignWindows(null, 5099, ctx())), [[100, 5100]]);
  t.deepEqual(bounds(TumblingEventTimeWindows.of(5000).assignWindows(null, -1, ctx())), [[-5000, 0]]);
  t.is(new TimeWindow(0, 5000).maxTimestamp(), 4999);
  t.throws(() => TumblingEventTimeWindows.of(10, 10), { instanceOf: RangeError });
});

test("sliding windows: every window that contains the timestamp, latest first", (t) => {
  t.deepEqual(bounds(SlidingEventTimeWindows.of(10, 5).assignWindows(null, 7, ctx())), [[5, 15], [0, 10]]);
  t.deepEqual(bounds(SlidingEventTimeWindows.of(10, 3).assignWindows(null, 0, ctx())), [[0, 10], [-3, 7], [-6, 4], [-9, 1]]);
  t.deepEqual(bounds(SlidingEventTimeWindows.of(10, 5, 2).assignWindows(null, -4, ctx())), [[-8, 2], [-13, -3]]);
});

test("event-time assigners reject records without a timestamp, saying what to do", (t) => {
  const e = t.throws(() => TumblingEventTimeWindows.of(10).assignWindows(null, NO_TIMESTAMP, ctx()));
  t.regex(e!.message, /assignTimestampsAndWatermarks/);
  t.throws(() => EventTimeSessionWindows.withGap(10).assignWindows(null, NO_TIMESTAMP));
});

test("processing-time assigners use the operator's clock, not the record", (t) => {
  t.deepEqual(bounds(TumblingProcessingTimeWindows.of(100).assignWindows(null, 5, ctx(1234))), [[1200, 1300]]);
});

test("session windows start at the element and merge when they overlap or touch", (t) => {
  t.deepEqual(bounds(EventTimeSessionWindows.withGap(10).assignWindows(null, 3)), [[3, 13]]);
  t.deepEqual(bounds(EventTimeSessionWindows.withDynamicGap((e: { gap: number }) => e.gap).assignWindows({ gap: 4 }, 3)), [[3, 7]]);
  const merges: number[][][] = [];
  TimeWindow.mergeWindows([new TimeWindow(0, 5), new TimeWindow(5, 8), new TimeWindow(20, 25), new TimeWindow(3, 4)], (group, result) =>
    merges.push([...bounds(group), [result.start, result.end]]),
  );
  t.deepEqual(merges, [[[0, 5], [3, 4], [5, 8], [0, 8]]]);
});

test("global windows: one window for everything, at the end of time", (t) => {
  t.is(GlobalWindows.create().assignWindows()[0], GlobalWindow.get());
  t.is(GlobalWindow.get().maxTimestamp(), Number.POSITIVE_INFINITY);
});
