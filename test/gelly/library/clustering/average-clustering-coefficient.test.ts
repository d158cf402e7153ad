// Average clustering coefficient: networkx.average_clustering (undirected, and directed where every edge is mutual, the
// one case where networkx's Fagiolo score equals Flink's), the mean of Flink's directed scores, and by hand.
import test from "ava";
import { directedAverageClusteringCoefficient, undirectedAverageClusteringCoefficient } from "../../../../gelly/library/clustering/average-clustering-coefficient.js";
import { close, directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a triangle with a pendant vertex averages (1 + 1 + 1/3 + 0) / 4", (t) => {
  const a = undirectedAverageClusteringCoefficient(undirectedGraph(4, [[0, 1], [1, 2], [2, 0], [2, 3]]));
  t.is(a.vertexCount, 4);
  t.true(close(a.averageClusteringCoefficient, (1 + 1 + 1 / 3) / 4));
  t.true(Number.isNaN(undirectedAverageClusteringCoefficient(undirectedGraph(0, [])).averageClusteringCoefficient));
});

test("directed, by hand: degree < 2 adds nothing but still counts in the vertex count (Flink)", (t) => {
  // 0 <-> 1, 1 -> 2, 2 -> 0, 2 -> 3, 3 <-> 4, 5 alone. Neighbours in either direction, and the directed edges
  // among them over d·(d-1):
  //   0: {1, 2}, 1 -> 2           → 1 / 2
  //   1: {0, 2}, 2 -> 0           → 1 / 2
  //   2: {0, 1, 3}, 0 -> 1, 1 -> 0 → 2 / 6 (the mutual pair counts twice)
  //   3: {2, 4}, none             → 0
  //   4: {3} (one neighbour, though an out- and an in-edge) and 5: {} → undefined, left out of the sum
  // average = (1/2 + 1/2 + 1/3 + 0) / 6 = 2/9. Wrong readings give other numbers: over the 4 scored vertices 1/3,
  // without the isolated vertex 4/15, the mutual pair counted once 7/36.
  const a = directedAverageClusteringCoefficient(directedGraph(6, [[0, 1], [1, 0], [1, 2], [2, 0], [2, 3], [3, 4], [4, 3]]));
  t.is(a.vertexCount, 6);
  t.true(close(a.averageClusteringCoefficient, 2 / 9), `${a.averageClusteringCoefficient}`);
  t.is(directedAverageClusteringCoefficient(directedGraph(3, [[0, 1], [1, 0]])).averageClusteringCoefficient, 0, "no vertex of degree 2: 0, not NaN");
  t.true(Number.isNaN(directedAverageClusteringCoefficient(directedGraph(0, [])).averageClusteringCoefficient));
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
    t.is(a.vertexCount, c.vertexCount);
    t.true(close(a.averageClusteringCoefficient, c.averageClustering), `${a.averageClusteringCoefficient} vs ${c.averageClustering}`);
  });
}

for (const c of directedCases.filter((x) => x.networkxAverageClustering !== undefined)) {
  test(`directed with every edge mutual matches networkx.average_clustering: ${c.name}`, (t) => {
    const a = directedAverageClusteringCoefficient(directedGraph(c.vertexCount, c.edges));
    t.true(close(a.averageClusteringCoefficient, c.networkxAverageClustering!), `${a.averageClusteringCoefficient} vs ${c.networkxAverageClustering}`);
  });
}

test("the fixtures hold a directed case with every edge mutual, and directed cases with vertices of degree 0 and 1", (t) => {
  // why: without these the two tests above would pass vacuously, or never meet the degree < 2 guard
  t.true(directedCases.some((c) => c.networkxAverageClustering !== undefined));
  t.true(directedCases.some((c) => c.degree.includes(0) && c.degree.includes(1)));
});
