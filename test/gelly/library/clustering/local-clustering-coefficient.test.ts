// Local clustering coefficients: undirected against networkx.triangles / clustering; directed against Flink's
// definition (directed edges among the neighbours / d·(d-1)) derived by brute force in the fixture script.
import test from "ava";
import fc from "fast-check";
import { directedLocalClusteringCoefficient, undirectedLocalClusteringCoefficient } from "../../../../gelly/library/clustering/local-clustering-coefficient.js";
import { assertProperty } from "../../../helpers/property.js";
import { arbitraryEdgeList, close, directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("by hand: a triangle with a pendant vertex", (t) => {
  // 0 - 1 - 2 - 0 and 2 - 3: vertex 2 has 3 neighbours and 1 joined pair of 3
  const l = undirectedLocalClusteringCoefficient(undirectedGraph(4, [[0, 1], [1, 2], [2, 0], [2, 3]]));
  t.deepEqual([...l.degree], [2, 2, 3, 1]);
  t.deepEqual([...l.triangleCount], [1, 1, 1, 0]);
  t.deepEqual([...l.score].slice(0, 3), [1, 1, 1 / 3]);
  t.true(Number.isNaN(l.score[3]!), "degree 1: NaN, as Flink");
});

test("directed, by hand: a mutual pair opposite a vertex counts twice", (t) => {
  // 0 <-> 1, 1 -> 2, 2 -> 0: vertex 2's neighbours 0, 1 are joined both ways → 2 / (2·1); 0's: 1 -> 2 → 1 / 2
  const l = directedLocalClusteringCoefficient(directedGraph(3, [[0, 1], [1, 0], [1, 2], [2, 0]]));
  t.deepEqual([...l.triangleCount], [1, 1, 2]);
  t.deepEqual([...l.score], [0.5, 0.5, 1]);
});

for (const c of undirectedCases) {
  test(`undirected matches networkx.triangles and networkx.clustering: ${c.name}`, (t) => {
    const l = undirectedLocalClusteringCoefficient(undirectedGraph(c.vertexCount, c.edges));
    t.deepEqual([...l.triangleCount], c.triangles);
    t.deepEqual([...l.degree], c.degree);
    const bad = c.clustering.map((s, v) => (close(l.score[v]!, s) ? -1 : v)).filter((v) => v >= 0);
    t.deepEqual(bad, [], "vertices whose score differs");
  });
}

for (const c of directedCases) {
  test(`directed matches Flink's definition (brute force over networkx): ${c.name}`, (t) => {
    const l = directedLocalClusteringCoefficient(directedGraph(c.vertexCount, c.edges));
    t.deepEqual([...l.triangleCount], c.edgesAmongNeighbours);
    t.deepEqual([...l.degree], c.degree);
    const bad = c.clustering.map((s, v) => (close(l.score[v]!, s) ? -1 : v)).filter((v) => v >= 0);
    t.deepEqual(bad, [], "vertices whose score differs");
  });
}

test("scores do not depend on the order of the input edges", async (t) => {
  await assertProperty(
    t,
    fc.property(
      arbitraryEdgeList(14, 70).chain(({ n, edges }) => fc.record({ n: fc.constant(n), edges: fc.constant(edges), shuffled: fc.shuffledSubarray(edges, { minLength: edges.length }) })),
      ({ n, edges, shuffled }) => {
        const same = (a: Float64Array, b: Float64Array) => a.every((x, i) => Object.is(x, b[i]));
        return (
          same(directedLocalClusteringCoefficient(directedGraph(n, edges)).score, directedLocalClusteringCoefficient(directedGraph(n, shuffled)).score) &&
          same(undirectedLocalClusteringCoefficient(undirectedGraph(n, edges)).score, undirectedLocalClusteringCoefficient(undirectedGraph(n, shuffled)).score)
        );
      },
    ),
    { file: import.meta.url, numRuns: 200 },
  );
});
