// One key's interval join buffer: rows sorted by timestamp (ties in arrival order), range search, expiry, copies, checkpoints.
import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { TimedRows } from "../../../runtime/operators/interval-join-buffer.js";
import { assertProperty } from "../../helpers/property.js";

/** The live rows as [timestamp, value] pairs, oldest first. */
function rowsOf(rows: TimedRows): [number, unknown][] {
  const { times, values } = rows.toSnapshot();
  return times.map((t, i) => [t, values[i]]);
}

test("against a stably sorted list: inserts in any order, the rows from a timestamp on, and dropping expired rows", async (t) => {
  type Step = { readonly insert: number } | { readonly drop: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -4, max: 12 }).map((d) => ({ insert: d })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }).map((d) => ({ drop: d })) },
  );
  await assertProperty(
    t,
    fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), fc.integer({ min: 0, max: 5 }), (steps, delay) => {
      let now = 100;
      let watermark = 0;
      let rows: TimedRows | null = null;
      let oracle: [number, unknown][] = [];
      steps.forEach((s, i) => {
        if ("insert" in s) {
          now += s.insert;
          // why: the join never buffers a row its watermark has made expire
          const ts = Math.max(now, watermark + 1);
          if (rows === null) rows = new TimedRows("k", ts, `v${i}`, 0);
          else rows.insert(ts, `v${i}`);
          oracle.push([ts, `v${i}`]);
          oracle = oracle.map((r, j) => [r, j] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]).map(([r]) => r);
        } else if (rows !== null) {
          watermark += s.drop;
          const left = (rows as TimedRows).dropExpired(delay, watermark);
          oracle = oracle.filter(([ts]) => ts + delay > watermark);
          deepStrictEqual(left, oracle.length);
          if (left === 0) rows = null;
        }
        if (rows === null) return;
        const r = rows as TimedRows;
        deepStrictEqual(rowsOf(r), oracle);
        deepStrictEqual(r.size, oracle.length);
        if (r.times !== null) {
          for (const from of [watermark, now - 3, now, now + 1]) {
            const i = r.firstAtOrAfter(from);
            deepStrictEqual(r.times.length - i, oracle.filter(([ts]) => ts >= from).length, `rows from ${from}`);
          }
        }
      });
    }),
    { numRuns: 200, file: import.meta.url },
  );
  t.pass();
});

test("a copy is independent of the original: inserts and drops on either leave the other as it was", (t) => {
  const original = new TimedRows("k", 1, "a", 0);
  for (let ts = 2; ts <= 40; ts++) original.insert(ts, `r${ts}`);
  original.dropExpired(0, 35); // why: 35 dropped rows make the arrays compact
  const copy = original.copy();
  copy.insert(41, "new");
  copy.dropExpired(0, 37);
  original.insert(36.5, "mid");
  t.deepEqual(rowsOf(copy), [[38, "r38"], [39, "r39"], [40, "r40"], [41, "new"]]);
  t.deepEqual(rowsOf(original), [[36, "r36"], [36.5, "mid"], [37, "r37"], [38, "r38"], [39, "r39"], [40, "r40"]]);
});

test("one row lives in fields; a second row arrives before it or after it", (t) => {
  const later = new TimedRows("k", 10, "first", 0);
  t.is(later.times, null);
  later.insert(10, "same time");
  t.deepEqual(rowsOf(later), [[10, "first"], [10, "same time"]], "equal timestamps keep arrival order");
  const earlier = new TimedRows("k", 10, "first", 0);
  earlier.insert(9, "earlier");
  t.deepEqual(rowsOf(earlier), [[9, "earlier"], [10, "first"]]);
  t.is(new TimedRows("k", 10, "x", 0).dropExpired(5, 14), 1);
  t.is(new TimedRows("k", 10, "x", 0).dropExpired(5, 15), 0, "a row leaves once timestamp + delay ≤ watermark");
});

test("checkpoint data round-trips through structured cloning, and the map-state format of earlier checkpoints is read sorted", (t) => {
  const rows = new TimedRows("k", 5, { id: 1 }, 0);
  rows.insert(7, { id: 2 });
  rows.insert(6, { id: 3 });
  rows.dropExpired(0, 5);
  const restored = TimedRows.fromSnapshot(structuredClone(rows.toSnapshot()));
  t.deepEqual(rowsOf(restored), [[6, { id: 3 }], [7, { id: 2 }]]);
  const single = TimedRows.fromSnapshot(structuredClone(new TimedRows("k", 3, "only", 0).toSnapshot()));
  t.deepEqual(rowsOf(single), [[3, "only"]]);
  t.is(single.times, null, "one restored row lives in fields again");
  const legacy = TimedRows.fromSnapshot(new Map([[9, ["c"]], [4, ["a", "b"]]]));
  t.deepEqual(rowsOf(legacy), [[4, "a"], [4, "b"], [9, "c"]]);
});
