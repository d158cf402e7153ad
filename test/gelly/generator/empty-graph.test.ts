// EmptyGraph: vertices without edges.
import test from "ava";
import { emptyGraph } from "../../../gelly/generator/empty-graph.js";

test("n vertices and no edges", (t) => {
  for (const n of [0, 1, 17]) {
    const g = emptyGraph(n);
    t.is(g.vertexCount, n);
    t.is(g.sources.length, 0);
    t.is(g.targets.length, 0);
  }
  t.throws(() => emptyGraph(-1), { instanceOf: RangeError });
});
