// PathGraph: a line of n vertices, linked both ways.
import test from "ava";
import fc from "fast-check";
import { pathGraph } from "../../../gelly/generator/path-graph.js";
import { degrees, edgeSet } from "./generator-checks.js";

test("n vertices give 2(n-1) edges between consecutive ids; ends have degree 1", (t) => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 300 }), (n) => {
    const g = pathGraph(n);
    const d = degrees(g);
    let consecutive = true;
    for (let i = 0; i < g.sources.length; i++) if (Math.abs(g.sources[i]! - g.targets[i]!) !== 1) consecutive = false;
    return g.sources.length === 2 * (n - 1) && edgeSet(g).size === 2 * (n - 1) && consecutive
      && d.out[0] === 1 && d.out[n - 1] === 1 && d.out.slice(1, n - 1).every((x) => x === 2);
  }));
  t.pass();
});
