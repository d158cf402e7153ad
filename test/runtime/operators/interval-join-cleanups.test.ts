// The interval join's cleanup queue: entries come out earliest first, however they were added, across ring growth.
import { deepStrictEqual } from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { CleanupQueue } from "../../../runtime/operators/interval-join-cleanups.js";
import { assertProperty } from "../../helpers/property.js";

type Op = { readonly add: number } | { readonly take: true };

test("takes entries in time order (equal times in either order) against a sorted list, through in-order and out-of-order adds", async (t) => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    // why mostly small steps forward: the ring gets long runs, the heap the steps back
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 10 }).map((add) => ({ add })) },
    { weight: 2, arbitrary: fc.constant({ take: true as const }) },
  );
  await assertProperty(
    t,
    fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const queue = new CleanupQueue<string>();
      const oracle: { time: number; item: string }[] = [];
      let now = 0;
      ops.forEach((o, i) => {
        if ("add" in o) {
          now += o.add;
          queue.add(now, `e${i}`);
          oracle.push({ time: now, item: `e${i}` });
        } else if (oracle.length > 0) {
          const earliest = Math.min(...oracle.map((e) => e.time));
          deepStrictEqual(queue.nextTime(), earliest);
          const item = queue.take();
          const at = oracle.findIndex((e) => e.item === item);
          deepStrictEqual(oracle[at]?.time, earliest, `${item} was taken at the earliest time`);
          oracle.splice(at, 1);
        }
        deepStrictEqual(queue.size, oracle.length);
      });
      const rest: number[] = [];
      while (queue.size > 0) {
        rest.push(queue.nextTime());
        queue.take();
      }
      deepStrictEqual(rest, oracle.map((e) => e.time).sort((a, b) => a - b));
      deepStrictEqual(queue.nextTime(), Number.POSITIVE_INFINITY);
    }),
    { numRuns: 200, file: import.meta.url },
  );
  t.pass();
});

test("an in-order run longer than the ring wraps and grows without reordering", (t) => {
  const queue = new CleanupQueue<number>();
  for (let i = 0; i < 50; i++) queue.add(i, i);
  for (let i = 0; i < 40; i++) queue.take();
  // why: 40 slots free at the front, so these wrap around the end of the 64-entry ring, then make it grow
  for (let i = 50; i < 300; i++) queue.add(i, i);
  const out: number[] = [];
  while (queue.size > 0) out.push(queue.take());
  t.deepEqual(out, Array.from({ length: 260 }, (_, i) => i + 40));
});
