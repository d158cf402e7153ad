// MaximumDegree: vertices above the bound go with their edges; ids map both ways.
import test from "ava";
import fc from "fast-check";
import { maximumDegree } from "../../../../gelly/asm/filter/maximum-degree.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, undirectedGraph } from "../../helpers/b-fixtures.js";

test("a star loses its centre and keeps the tail edge", (t) => {
  const g = undirectedGraph(5, [[0, 1], [0, 2], [0, 3], [3, 4]]);
  const { graph, originalVertex, newVertex } = maximumDegree(g, 2);
  t.deepEqual([...newVertex], [-1, 0, 1, 2, 3]);
  t.deepEqual([...originalVertex], [1, 2, 3, 4]);
  t.is(graph.vertexCount, 4);
  t.is(graph.edgeCount, 2);
  // the tail 3 - 4 became 2 - 3, and still names input edge 3 (and its mirror)
  t.deepEqual([...graph.outTargets.subarray(graph.outOffsets[2]!, graph.outOffsets[3]!)], [3]);
  t.deepEqual([...graph.outTargets.subarray(graph.outOffsets[3]!, graph.outOffsets[4]!)], [2]);
});

test("a bound that is not a non-negative integer is rejected", (t) => {
  const g = undirectedGraph(2, [[0, 1]]);
  t.throws(() => maximumDegree(g, -1), { message: /maximumDegree must be a non-negative integer, got -1/ });
  t.throws(() => maximumDegree(g, 1.5), { instanceOf: RangeError });
});

test("the kept graph is exactly the induced subgraph on low-degree vertices", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(15, 50), fc.integer({ min: 0, max: 6 }), ({ n, edges }, bound) => {
      const g = undirectedGraph(n, edges);
      const { graph, originalVertex, newVertex } = maximumDegree(g, bound);
      const keep = (v: number) => g.outOffsets[v + 1]! - g.outOffsets[v]! <= bound;
      const expected: string[] = [];
      for (let v = 0; v < n; v++) for (let i = g.outOffsets[v]!; i < g.outOffsets[v + 1]!; i++) if (keep(v) && keep(g.outTargets[i]!)) expected.push(`${v}-${g.outTargets[i]}`);
      const actual: string[] = [];
      for (let v = 0; v < graph.vertexCount; v++) {
        if (newVertex[originalVertex[v]!] !== v) return false;
        for (let i = graph.outOffsets[v]!; i < graph.outOffsets[v + 1]!; i++) actual.push(`${originalVertex[v]}-${originalVertex[graph.outTargets[i]!]}`);
      }
      return JSON.stringify(actual.sort()) === JSON.stringify(expected.sort()) && graph.vertexCount === [...Array(n).keys()].filter(keep).length;
    }),
    { file: import.meta.url, numRuns: 200 },
  );
});
