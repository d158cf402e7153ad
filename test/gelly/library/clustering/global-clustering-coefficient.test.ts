// Global clustering coefficient: networkx.transitivity (directed: of the undirected view, Flink's definition).
import test from "ava";
import { directedGlobalClusteringCoefficient, undirectedGlobalClusteringCoefficient } from "../../../../gelly/library/clustering/global-clustering-coefficient.js";
import { close, directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a triangle with a pendant vertex has 3 closed of 5 triplets", (t) => {
  t.deepEqual(undirectedGlobalClusteringCoefficient(undirectedGraph(4, [[0, 1], [1, 2], [2, 0], [2, 3]])), { tripletCount: 5, triangleCount: 3, score: 3 / 5 });
  t.true(Number.isNaN(undirectedGlobalClusteringCoefficient(undirectedGraph(2, [[0, 1]])).score), "no triplets: NaN");
});

for (const c of undirectedCases) {
  test(`undirected matches networkx.transitivity: ${c.name}`, (t) => {
    const g = undirectedGlobalClusteringCoefficient(undirectedGraph(c.vertexCount, c.edges));
    t.is(g.tripletCount, c.tripletCount);
    t.is(g.triangleCount, c.triangles.reduce((a, b) => a + b, 0));
    t.true(close(g.score, c.transitivity), `${g.score} vs ${c.transitivity}`);
  });
}

for (const c of directedCases) {
  test(`directed matches networkx.transitivity of the undirected view: ${c.name}`, (t) => {
    const g = directedGlobalClusteringCoefficient(directedGraph(c.vertexCount, c.edges));
    t.is(g.triangleCount, 3 * c.triangleCount);
    t.true(close(g.score, c.transitivity), `${g.score} vs ${c.transitivity}`);
  });
}
