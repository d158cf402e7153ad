// Edge metrics (Flink's triangle / rectangle triplets) against a hand-computed triangle and brute-force fixtures.
import test from "ava";
import { directedEdgeMetrics, undirectedEdgeMetrics } from "../../../../gelly/library/metrics/edge-metrics.js";
import { directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a triangle, all degrees 2, ties broken by id", (t) => {
  // low(0) = 2, low(1) = 1, low(2) = 0 → triangle triplets 1 + 0 + 0, rectangle triplets 1 + 1 + 0
  const expected = { triangleTripletCount: 1, rectangleTripletCount: 2, maximumTriangleTriplets: 1, maximumRectangleTriplets: 1 };
  t.deepEqual(undirectedEdgeMetrics(undirectedGraph(3, [[0, 1], [1, 2], [2, 0]])), expected);
  // the same pairs with one mutual: directions do not matter
  t.deepEqual(directedEdgeMetrics(directedGraph(3, [[0, 1], [1, 0], [1, 2], [2, 0]])), expected);
});

for (const c of undirectedCases) {
  test(`undirected edge metrics match the brute-force oracle: ${c.name}`, (t) => {
    t.deepEqual({ ...undirectedEdgeMetrics(undirectedGraph(c.vertexCount, c.edges)) }, c.edgeMetrics);
  });
}

for (const c of directedCases) {
  test(`directed edge metrics match the brute-force oracle: ${c.name}`, (t) => {
    t.deepEqual({ ...directedEdgeMetrics(directedGraph(c.vertexCount, c.edges)) }, c.edgeMetrics);
  });
}
