// Vertex metrics against hand-computed values and networkx-derived counts (fixtures, Flink's definitions).
import test from "ava";
import { directedVertexMetrics, undirectedVertexMetrics } from "../../../../gelly/library/metrics/vertex-metrics.js";
import { close, directedCases, directedGraph, undirectedCases, undirectedGraph } from "../../helpers/b-fixtures.js";

test("directed, by hand: a mutual pair, two one-way pairs and an isolated vertex", (t) => {
  // 0 <-> 1, 1 -> 2, 2 -> 0, vertex 3 isolated
  const g = directedGraph(4, [[0, 1], [1, 0], [1, 2], [2, 0]]);
  t.deepEqual(directedVertexMetrics(g), {
    vertexCount: 3,
    edgeCount: 4,
    unidirectionalEdgeCount: 2,
    bidirectionalEdgeCount: 1,
    averageDegree: 4 / 3,
    density: 4 / 6,
    tripletCount: 3,
    maximumDegree: 2,
    maximumOutDegree: 2,
    maximumInDegree: 2,
    maximumTriplets: 1,
  });
  const withIsolated = directedVertexMetrics(g, { includeZeroDegreeVertices: true });
  t.is(withIsolated.vertexCount, 4);
  t.is(withIsolated.averageDegree, 1);
  t.is(withIsolated.density, 4 / 12);
});

test("undirected, by hand: a path 0 - 1 - 2 and an isolated vertex", (t) => {
  const g = undirectedGraph(4, [[0, 1], [1, 2]]);
  t.deepEqual(undirectedVertexMetrics(g), {
    vertexCount: 3,
    edgeCount: 2,
    averageDegree: 4 / 3,
    density: 2 / 3,
    tripletCount: 1,
    maximumDegree: 2,
    maximumTriplets: 1,
  });
  t.is(undirectedVertexMetrics(g, { includeZeroDegreeVertices: true }).vertexCount, 4);
});

test("empty graphs give NaN averages, as Flink", (t) => {
  const m = undirectedVertexMetrics(undirectedGraph(0, []));
  t.is(m.vertexCount, 0);
  t.true(Number.isNaN(m.averageDegree));
  t.true(Number.isNaN(m.density));
  t.true(Number.isNaN(directedVertexMetrics(directedGraph(1, [])).density));
});

function assertMetrics(t: import("ava").ExecutionContext, actual: object, expected: Record<string, number | null>): void {
  for (const [field, value] of Object.entries(expected)) {
    const got = (actual as Record<string, number>)[field]!;
    t.true(close(got, value), `${field}: ${got} vs ${value}`);
  }
}

for (const c of undirectedCases) {
  test(`undirected metrics match networkx counts: ${c.name}`, (t) => {
    assertMetrics(t, undirectedVertexMetrics(undirectedGraph(c.vertexCount, c.edges)), c.vertexMetrics);
  });
}

for (const c of directedCases) {
  test(`directed metrics match networkx counts: ${c.name}`, (t) => {
    assertMetrics(t, directedVertexMetrics(directedGraph(c.vertexCount, c.edges)), c.vertexMetrics);
  });
}
