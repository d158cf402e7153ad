// CycleGraph: a ring, vertex i linked both ways to i±1 mod n.
import test from "ava";
import fc from "fast-check";
import { cycleGraph } from "../../../gelly/generator/cycle-graph.js";
import { degrees, edgeSet } from "./generator-checks.js";

test("n > 2 vertices give 2n edges, each vertex linked to its two ring neighbours", (t) => {
  fc.assert(fc.property(fc.integer({ min: 3, max: 200 }), (n) => {
    const g = cycleGraph(n);
    const expected = new Set<string>();
    for (let v = 0; v < n; v++) { expected.add(`${v}>${(v + 1) % n}`); expected.add(`${v}>${(v + n - 1) % n}`); }
    const d = degrees(g);
    return g.sources.length === 2 * n && edgeSet(g).size === 2 * n && [...expected].every((e) => edgeSet(g).has(e)) && d.out.every((x) => x === 2);
  }));
  t.pass();
});

test("two vertices give one link both ways (the wrap would duplicate it)", (t) => {
  const g = cycleGraph(2);
  t.deepEqual([...g.sources], [0, 1]);
  t.deepEqual([...g.targets], [1, 0]);
});
