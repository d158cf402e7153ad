// CompleteGraph: n(n-1) distinct directed edges, no self-loops, every degree n-1.
import test from "ava";
import fc from "fast-check";
import { completeGraph } from "../../../gelly/generator/complete-graph.js";
import { degrees, edgeSet, hasSelfLoop } from "./generator-checks.js";

test("n vertices give n(n-1) distinct edges and degree n-1 everywhere", (t) => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 40 }), (n) => {
    const g = completeGraph(n);
    const d = degrees(g);
    return g.vertexCount === n && g.sources.length === n * (n - 1) && edgeSet(g).size === n * (n - 1) && !hasSelfLoop(g)
      && d.out.every((x) => x === n - 1) && d.in.every((x) => x === n - 1);
  }));
  t.pass();
});

test("fewer than two vertices is rejected", (t) => {
  t.throws(() => completeGraph(1), { instanceOf: RangeError, message: /at least|≥ 2/ });
});
