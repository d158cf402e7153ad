// Partitioning: key groups, subtask ranges, pointwise connections and round-robin.
import test from "ava";
import fc from "fast-check";
import { keyGroupOf, keyGroupRangeOf, normalizeKey, subtaskForKeyGroup } from "../../../runtime/index.js";
import { pointwiseTargets } from "../../../runtime/graph/deployment.js";
import { createChannelSelector } from "../../../runtime/graph/partitioner.js";

test("a key group belongs to exactly the subtask whose range contains it", (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 64 }), (maxP, p) => {
      fc.pre(p <= maxP);
      for (let kg = 0; kg < maxP; kg++) {
        const s = subtaskForKeyGroup(kg, p, maxP);
        const r = keyGroupRangeOf(s, p, maxP);
        if (kg < r.start || kg > r.end) return false;
      }
      return true;
    }),
  );
  t.pass();
});

test("key groups are stable, in range, and the same for equal composite keys", (t) => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean()), (k) => {
      const kg = keyGroupOf(normalizeKey(k), 128);
      return kg >= 0 && kg < 128 && kg === keyGroupOf(normalizeKey(k), 128);
    }),
  );
  t.is(keyGroupOf(normalizeKey({ a: 1, b: [2, "x"] }), 128), keyGroupOf(normalizeKey({ b: [2, "x"], a: 1 }), 128));
});

test("sequential integer keys spread over key groups", (t) => {
  const counts = new Array<number>(128).fill(0);
  for (let k = 0; k < 128_000; k++) counts[keyGroupOf(k, 128)]!++;
  t.true(Math.min(...counts) > 800 && Math.max(...counts) < 1200, `skewed: ${Math.min(...counts)}..${Math.max(...counts)}`);
});

test("pointwise connections follow Flink's rule", (t) => {
  t.deepEqual([0, 1, 2, 3].map((i) => pointwiseTargets(i, 4, 4)), [[0], [1], [2], [3]]);
  t.deepEqual([0, 1, 2, 3].map((i) => pointwiseTargets(i, 4, 2)), [[0], [0], [1], [1]]);
  t.deepEqual([0, 1].map((i) => pointwiseTargets(i, 2, 4)), [[0, 1], [2, 3]]);
  t.deepEqual([0, 1].map((i) => pointwiseTargets(i, 2, 3)), [[0, 1], [2]]);
});

test("rebalance visits channels round-robin starting at the subtask index", (t) => {
  const s = createChannelSelector({ kind: "rebalance" }, 3, 128, 1, 0);
  t.deepEqual([1, 2, 3, 4, 5].map(() => s.select(null)), [1, 2, 0, 1, 2]);
});

test("shuffle is deterministic for a seed and covers every channel", (t) => {
  const a = createChannelSelector({ kind: "shuffle" }, 4, 128, 0, 7);
  const b = createChannelSelector({ kind: "shuffle" }, 4, 128, 0, 7);
  const xs = Array.from({ length: 100 }, () => a.select(null));
  t.deepEqual(xs, Array.from({ length: 100 }, () => b.select(null)));
  t.deepEqual([...new Set(xs)].sort(), [0, 1, 2, 3]);
});

test("composite keys never collide with string keys, and can be rebuilt", async (t) => {
  const { denormalizeKey } = await import("../../../runtime/core/key-groups.js");
  t.not(normalizeKey([1]), normalizeKey("[1]"));
  t.not(normalizeKey({ a: 1 }), normalizeKey('{"a":1}'));
  fc.assert(
    fc.property(fc.oneof(fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean())), fc.record({ x: fc.integer(), y: fc.string() }), fc.string(), fc.integer()), (k) => {
      const back = denormalizeKey(normalizeKey(k));
      return JSON.stringify(normalizeKey(back)) === JSON.stringify(normalizeKey(k));
    }),
  );
  t.deepEqual(denormalizeKey(normalizeKey([1n, "a"])), [1n, "a"]);
});
