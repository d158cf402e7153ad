// HypercubeGraph: 2^d vertices, each linked to the d ids one bit away.
import test from "ava";
import { hypercubeGraph } from "../../../gelly/generator/hypercube-graph.js";
import { degrees, edgeSet } from "./generator-checks.js";

function popcount(x: number): number {
  let c = 0;
  for (; x !== 0; x &= x - 1) c++;
  return c;
}

test("d dimensions: 2^d vertices, d·2^d edges, endpoints one bit apart, degree d", (t) => {
  for (let d = 1; d <= 10; d++) {
    const g = hypercubeGraph(d);
    t.is(g.vertexCount, 2 ** d);
    t.is(g.sources.length, d * 2 ** d);
    t.is(edgeSet(g).size, d * 2 ** d);
    let oneBit = true;
    for (let i = 0; i < g.sources.length; i++) if (popcount(g.sources[i]! ^ g.targets[i]!) !== 1) oneBit = false;
    t.true(oneBit, `d=${d}`);
    t.true(degrees(g).out.every((x) => x === d));
  }
  t.throws(() => hypercubeGraph(0), { instanceOf: RangeError });
});
