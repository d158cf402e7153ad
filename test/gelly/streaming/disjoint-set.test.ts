// DisjointSet: the union-find under the streaming components — labels are the smallest key of each set whatever the
// order of unions, a union lists exactly the members whose label fell, and a snapshot restores the same sets.
import test from "ava";
import fc from "fast-check";
import { DisjointSet } from "../../../gelly/streaming/index.js";
import { assertProperty } from "../../helpers/property.js";

test("labels are the smallest key; a union reports the members of the side whose label fell", (t) => {
  const set = new DisjointSet<string>(1); // why capacity 1: growing the arrays is exercised too
  const [d, b, c, a] = ["d", "b", "c", "a"].map((k) => set.intern(k)) as [number, number, number, number];
  const fell: number[] = [];
  t.true(set.union(d, c, fell));
  t.deepEqual(fell.map((v) => set.keyAt(v)), ["d"]);
  fell.length = 0;
  t.true(set.union(b, a, fell));
  t.deepEqual(fell.map((v) => set.keyAt(v)), ["b"]);
  fell.length = 0;
  t.true(set.union(c, b, fell));
  t.deepEqual(fell.map((v) => set.keyAt(v)).sort(), ["c", "d"]);
  t.false(set.union(d, a));
  t.deepEqual([...set.labels()].map((l) => set.keyAt(l)), ["a", "a", "a", "a"]);
  t.is(set.find("e"), -1);
});

test("property: after any unions, labels equal the smallest key reachable, and a snapshot or copy restores them", async (t) => {
  await assertProperty(
    t,
    fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 80 }), (n, pairs) => {
      const set = new DisjointSet<number>(2);
      const adjacency = Array.from({ length: n }, () => [] as number[]);
      for (let v = n - 1; v >= 0; v--) set.intern(v * 3); // keys interned in descending order: dense ids ≠ key order
      for (const [x, y] of pairs) {
        const [u, v] = [x % n, y % n];
        const before = [...set.labels()];
        const fell: number[] = [];
        set.union(set.find(u * 3), set.find(v * 3), fell);
        const after = set.labels();
        const changed = before.map((l, i) => (l !== after[i] ? i : -1)).filter((i) => i >= 0);
        if (JSON.stringify(fell.sort((a, b) => a - b)) !== JSON.stringify(changed)) return false;
        adjacency[u]!.push(v);
        adjacency[v]!.push(u);
      }
      const smallestReachable = (s: number) => {
        const seen = new Set([s]);
        const stack = [s];
        while (stack.length > 0) for (const w of adjacency[stack.pop()!]!) if (!seen.has(w)) (seen.add(w), stack.push(w));
        return Math.min(...seen) * 3;
      };
      for (const copy of [set, set.copy(), DisjointSet.restore(set.snapshot())]) {
        for (let v = 0; v < n; v++) if (copy.keyAt(copy.labelOf(copy.find(v * 3))) !== smallestReachable(v)) return false;
      }
      return true;
    }),
    { numRuns: 300, file: import.meta.url },
  );
});
