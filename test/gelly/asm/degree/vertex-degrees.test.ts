// Vertex degree annotations against networkx degrees (fixtures) and a hand-checked multigraph.
import test from "ava";
import { vertexDegree, vertexDegrees } from "../../../../gelly/asm/degree/vertex-degrees.js";
import { directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

for (const c of directedCases) {
  test(`directed degrees match networkx: ${c.name}`, (t) => {
    const d = vertexDegrees(directedGraph(c.vertexCount, c.edges));
    t.deepEqual([...d.degree], c.degree);
    t.deepEqual([...d.outDegree], c.outDegree);
    t.deepEqual([...d.inDegree], c.inDegree);
  });
}

for (const c of undirectedCases) {
  test(`undirected degree matches networkx: ${c.name}`, (t) => {
    t.deepEqual([...vertexDegree(undirectedGraph(c.vertexCount, c.edges))], c.degree);
  });
}

test("directed degrees count distinct neighbours: a mutual pair once, parallel edges once", (t) => {
  // 0->1, 1->0, 0->1 again, 0->2, 3 isolated
  const d = vertexDegrees(directedGraph(4, [[0, 1], [1, 0], [0, 1], [0, 2]]));
  t.deepEqual([...d.degree], [2, 1, 1, 0]);
  t.deepEqual([...d.outDegree], [2, 1, 0, 0]);
  t.deepEqual([...d.inDegree], [1, 1, 1, 0]);
});
