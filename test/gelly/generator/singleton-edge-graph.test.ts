// SingletonEdgeGraph: disjoint pairs 2i ↔ 2i+1.
import test from "ava";
import { singletonEdgeGraph } from "../../../gelly/generator/singleton-edge-graph.js";
import { degrees, isSymmetric } from "./generator-checks.js";

test("p pairs: 2p vertices, 2p edges, each vertex linked only to its partner", (t) => {
  for (const p of [1, 2, 7, 100]) {
    const g = singletonEdgeGraph(p);
    t.is(g.vertexCount, 2 * p);
    t.is(g.sources.length, 2 * p);
    t.true(isSymmetric(g));
    t.true(degrees(g).out.every((x) => x === 1));
    for (let i = 0; i < g.sources.length; i++) t.is(g.sources[i]! >> 1, g.targets[i]! >> 1);
  }
  t.throws(() => singletonEdgeGraph(0), { instanceOf: RangeError });
});
