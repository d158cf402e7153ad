// StarGraph: vertex 0 linked both ways to every leaf.
import test from "ava";
import fc from "fast-check";
import { starGraph } from "../../../gelly/generator/star-graph.js";
import { degrees, isSymmetric } from "./generator-checks.js";

test("n vertices: 2(n-1) edges, centre degree n-1, leaves degree 1", (t) => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), (n) => {
    const g = starGraph(n);
    const d = degrees(g);
    let touchesCentre = true;
    for (let i = 0; i < g.sources.length; i++) if ((g.sources[i] === 0) === (g.targets[i] === 0)) touchesCentre = false;
    return g.sources.length === 2 * (n - 1) && touchesCentre && isSymmetric(g) && d.out[0] === n - 1 && d.in.slice(1).every((x) => x === 1);
  }));
  t.pass();
});

test("edges come as centre → leaf, leaf → centre (Flink's order)", (t) => {
  const g = starGraph(3);
  t.deepEqual([...g.sources], [0, 1, 0, 2]);
  t.deepEqual([...g.targets], [1, 0, 2, 0]);
});
