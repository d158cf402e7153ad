// Triangle counts: networkx fixtures and a brute-force count over all triples of small random graphs.
import test from "ava";
import fc from "fast-check";
import { directedTriangleCount, undirectedTriangleCount } from "../../../../gelly/library/clustering/triangle-count.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, directedCases, directedGraph, edgeSet, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

for (const c of undirectedCases) {
  test(`undirected count matches networkx: ${c.name}`, (t) => {
    t.is(undirectedTriangleCount(undirectedGraph(c.vertexCount, c.edges)), c.triangleListing.length);
  });
}

for (const c of directedCases) {
  test(`directed count matches networkx's undirected view: ${c.name}`, (t) => {
    t.is(directedTriangleCount(directedGraph(c.vertexCount, c.edges)), c.triangleCount);
  });
}

test("equals a brute-force count over all triples, directed and undirected", async (t) => {
  await assertProperty(
    t,
    fc.property(arbitraryEdgeList(16, 90), ({ n, edges }) => {
      const has = edgeSet(edges);
      const joined = (a: number, b: number) => has.has(`${a},${b}`) || has.has(`${b},${a}`);
      let expected = 0;
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) for (let c = b + 1; c < n; c++) if (joined(a, b) && joined(a, c) && joined(b, c)) expected++;
      return directedTriangleCount(directedGraph(n, edges)) === expected && undirectedTriangleCount(undirectedGraph(n, edges)) === expected;
    }),
    { file: import.meta.url, numRuns: 300 },
  );
});
