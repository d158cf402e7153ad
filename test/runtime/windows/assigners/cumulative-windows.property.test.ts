// Cumulative window assigners: the windows of a timestamp, by hand and against a brute-force enumeration of every
// window [s, s + k·step) with s ≡ offset (mod size) and 1 ≤ k ≤ size/step (Flink's CUMULATE windows).
import test from "ava";
import fc from "fast-check";
import { CumulativeEventTimeWindows, CumulativeProcessingTimeWindows, NO_TIMESTAMP, TimeWindow, type WindowAssignerContext } from "../../../../runtime/index.js";
import { assertProperty } from "../../../helpers/property.js";

const ctx = (now = 0): WindowAssignerContext => ({ getCurrentProcessingTime: () => now, timeWindow: (s, e) => new TimeWindow(s, e) });
const bounds = (ws: TimeWindow[]) => ws.map((w) => [w.start, w.end]);

test("a timestamp is in every window of its cycle that ends after it, shortest first", (t) => {
  // size 30, step 10: cycle [0, 30) has windows [0, 10), [0, 20), [0, 30)
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10).assignWindows(null, 0, ctx())), [[0, 10], [0, 20], [0, 30]]);
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10).assignWindows(null, 15, ctx())), [[0, 20], [0, 30]]);
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10).assignWindows(null, 29, ctx())), [[0, 30]]);
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10).assignWindows(null, 30, ctx())), [[30, 40], [30, 50], [30, 60]]);
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10).assignWindows(null, -1, ctx())), [[-30, 0]], "a negative timestamp: the cycle below it");
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(30, 10, 5).assignWindows(null, 4, ctx())), [[-25, 5]], "an offset shifts the cycles");
  t.deepEqual(bounds(CumulativeEventTimeWindows.of(10, 10).assignWindows(null, 7, ctx())), [[0, 10]], "step = size: tumbling windows");
});

test("processing time uses the clock, not the record's timestamp", (t) => {
  t.deepEqual(bounds(CumulativeProcessingTimeWindows.of(30, 10).assignWindows(null, NO_TIMESTAMP, ctx(41))), [[30, 50], [30, 60]]);
  t.false(CumulativeProcessingTimeWindows.of(30, 10).isEventTime());
  t.true(CumulativeEventTimeWindows.of(30, 10).isEventTime());
});

test("a size that is not a whole multiple of the step, a non-positive step, or no timestamp are refused", (t) => {
  t.throws(() => CumulativeEventTimeWindows.of(25, 10), { instanceOf: RangeError, message: /whole multiple of the step/ });
  t.throws(() => CumulativeProcessingTimeWindows.of(30, 0), { instanceOf: RangeError });
  t.throws(() => CumulativeEventTimeWindows.of(30, 10).assignWindows(null, NO_TIMESTAMP, ctx()), { message: /has no timestamp/ });
});

/** Every cumulative window of (size, step, offset) that contains `ts`, by trying all cycles near it. */
function bruteForce(ts: number, size: number, step: number, offset: number): number[][] {
  const out: number[][] = [];
  const mod = (a: number, m: number) => ((a % m) + m) % m;
  const near = ts - mod(ts - offset, size);
  for (let s = near - 2 * size; s <= near + 2 * size; s += size) {
    for (let k = 1; k * step <= size; k++) if (s <= ts && ts < s + k * step) out.push([s, s + k * step]);
  }
  return out.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
}

test("the assigned windows are exactly the windows that contain the timestamp", async (t) => {
  const shape = fc.record({ step: fc.integer({ min: 1, max: 50 }), steps: fc.integer({ min: 1, max: 8 }), offsetSeed: fc.integer({ min: 0, max: 10_000 }) });
  await assertProperty(
    t,
    fc.property(shape, fc.integer({ min: -10_000, max: 10_000 }), ({ step, steps, offsetSeed }, ts) => {
      const size = step * steps;
      const offset = (offsetSeed % (2 * step - 1)) - (step - 1); // |offset| < step, as the assigner requires
      const event = bounds(CumulativeEventTimeWindows.of(size, step, offset).assignWindows(null, ts, ctx()));
      const processing = bounds(CumulativeProcessingTimeWindows.of(size, step, offset).assignWindows(null, NO_TIMESTAMP, ctx(ts)));
      const expected = bruteForce(ts, size, step, offset);
      return JSON.stringify(event) === JSON.stringify(expected) && JSON.stringify(processing) === JSON.stringify(expected);
    }),
    { file: import.meta.url, numRuns: 500 },
  );
});
