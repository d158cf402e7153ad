// Average clustering coefficient: networkx.average_clustering (undirected) and the mean of Flink's directed scores.
import test from "ava";
import { directedAverageClusteringCoefficient, undirectedAverageClusteringCoefficient } from "../../../../gelly/library/clustering/average-clustering-coefficient.js";
import { close, directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a triangle with a pendant vertex averages (1 + 1 + 1/3 + 0) / 4", (t) => {
  const a = undirectedAverageClusteringCoefficient(undirectedGraph(4, [[0, 1], [1, 2], [2, 0], [2, 3]]));
  t.is(a.vertexCount, 4);
  t.true(close(a.averageClusteringCoefficient, (1 + 1 + 1 / 3) / 4));
  t.true(Number.isNaN(undirectedAverageClusteringCoefficient(undirectedGraph(0, [])).averageClusteringCoefficient));
});

for (const c of undirectedCases) {
  test(`undirected matches networkx.average_clustering: ${c.name}`, (t) => {
    const a = undirectedAverageClusteringCoefficient(undirectedGraph(c.vertexCount, c.edges));
    t.is(a.vertexCount, c.vertexCount);
    t.true(close(a.averageClusteringCoefficient, c.averageClustering), `${a.averageClusteringCoefficient} vs ${c.averageClustering}`);
  });
}

for (const c of directedCases) {
  test(`directed matches the mean of Flink's local scores: ${c.name}`, (t) => {
    const a = directedAverageClusteringCoefficient(directedGraph(c.vertexCount, c.edges));
    t.true(close(a.averageClusteringCoefficient, c.averageClustering), `${a.averageClusteringCoefficient} vs ${c.averageClustering}`);
  });
}
