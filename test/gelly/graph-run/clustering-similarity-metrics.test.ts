// The clustering, similarity and metric algorithms through graph.run against the networkx fixtures of
// scripts/gelly/fixtures_b.py (Flink's definitions, see docs/gelly.md), on string keys: each undirected case is made
// simple and two-way by UndirectedSimplify, each directed one by DirectedSimplify — as a Flink user would.
import test from "ava";
import { DirectedSimplify, UndirectedSimplify } from "../../../gelly/asm/simple/simplify-algorithm.js";
import { DirectedAverageClusteringCoefficient, UndirectedAverageClusteringCoefficient } from "../../../gelly/library/clustering/average-clustering-coefficient-algorithm.js";
import { DirectedGlobalClusteringCoefficient, UndirectedGlobalClusteringCoefficient } from "../../../gelly/library/clustering/global-clustering-coefficient-algorithm.js";
import { DirectedLocalClusteringCoefficient, UndirectedLocalClusteringCoefficient } from "../../../gelly/library/clustering/local-clustering-coefficient-algorithm.js";
import { DirectedTriadicCensus, UndirectedTriadicCensus } from "../../../gelly/library/clustering/triadic-census-algorithm.js";
import { DIRECTED_TRIAD_TYPES } from "../../../gelly/library/clustering/triadic-census.js";
import { DirectedTriangleCount, UndirectedTriangleCount } from "../../../gelly/library/clustering/triangle-count-algorithm.js";
import { DirectedTriangleListing, UndirectedTriangleListing } from "../../../gelly/library/clustering/triangle-listing-algorithm.js";
import { DirectedEdgeMetrics, UndirectedEdgeMetrics } from "../../../gelly/library/metrics/edge-metrics-algorithm.js";
import { DirectedVertexMetrics, UndirectedVertexMetrics } from "../../../gelly/library/metrics/vertex-metrics-algorithm.js";
import { AdamicAdar } from "../../../gelly/library/similarity/adamic-adar-algorithm.js";
import { JaccardIndex } from "../../../gelly/library/similarity/jaccard-index-algorithm.js";
import { directed, undirected } from "../../../gelly/index.js";
import { close, directedCases, undirectedCases } from "../helpers/b-fixtures.js";
import { keyedCaseGraph, keyOf } from "./keyed-fixtures.js";

const id = (key: string): number => Number(key.slice(1));
/** Listing rows in the fixture's order (sorted), the listing's own order being unspecified, as Flink's. */
const sorted = (rows: number[][]): number[][] => rows.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);

for (const c of undirectedCases) {
  const graph = keyedCaseGraph(c.vertexCount, c.edges).run(new UndirectedSimplify());

  test(`undirected clustering matches networkx: ${c.name}`, async (t) => {
    const local = await graph.run(new UndirectedLocalClusteringCoefficient()).collect();
    t.deepEqual(local.map((r) => r.vertexId), c.degree.map((_, v) => keyOf(v)));
    t.deepEqual(local.map((r) => r.degree), c.degree);
    t.deepEqual(local.map((r) => r.triangleCount), c.triangles);
    t.deepEqual(local.filter((r, v) => !close(r.localClusteringCoefficient, c.clustering[v]!)), []);
    const withoutIsolated = await graph.run(new UndirectedLocalClusteringCoefficient().setIncludeZeroDegreeVertices(false)).collect();
    t.is(withoutIsolated.length, c.degree.filter((d) => d > 0).length);

    const global = graph.run(new UndirectedGlobalClusteringCoefficient());
    t.is(global.tripletCount, c.tripletCount);
    t.true(close(global.globalClusteringCoefficientScore, c.transitivity));
    t.true(close(graph.run(new UndirectedAverageClusteringCoefficient()).averageClusteringCoefficient, c.averageClustering));
    t.is(graph.run(new UndirectedTriangleCount()), c.triangleListing.length);
    t.is(graph.run(new undirected.TriangleCount()), c.triangleListing.length, "the Flink-named alias is the same class");

    const listing = await graph.run(new UndirectedTriangleListing()).collect();
    t.deepEqual(sorted(listing.map((r) => [id(r.vertexId0), id(r.vertexId1), id(r.vertexId2)])), c.triangleListing);
    const census = graph.run(new UndirectedTriadicCensus());
    t.deepEqual([census.counts["03"], census.counts["12"], census.counts["21"], census.counts["30"]].map(Number), c.triadicCensus);
    t.is(census.totalTriadCount, BigInt(c.vertexCount * (c.vertexCount - 1) * (c.vertexCount - 2) / 6));
  });

  test(`undirected metrics match the fixture: ${c.name}`, (t) => {
    const metrics = graph.run(new UndirectedVertexMetrics());
    for (const [field, value] of Object.entries(c.vertexMetrics)) t.true(close(metrics[field as keyof typeof metrics], value), `${field}: ${metrics[field as keyof typeof metrics]} vs ${value}`);
    t.deepEqual({ ...graph.run(new UndirectedEdgeMetrics()) }, c.edgeMetrics);
  });

  if (c.jaccard) {
    test(`similarity matches networkx (Jaccard, Adamic-Adar) with keys mapped back: ${c.name}`, async (t) => {
      const jaccard = await graph.run(new JaccardIndex()).collect();
      t.deepEqual(jaccard.map((r) => [id(r.vertexId0), id(r.vertexId1), r.sharedNeighborCount]), c.jaccard!.map(([u, v, shared]) => [u, v, shared]));
      t.deepEqual(jaccard.filter((r, i) => !close(r.jaccardIndexScore, c.jaccard![i]![3]) || r.distinctNeighborCount !== Math.round(r.sharedNeighborCount / r.jaccardIndexScore)), []);
      const adamicAdar = await graph.run(new AdamicAdar()).collect();
      t.deepEqual(adamicAdar.map((r) => [id(r.vertexId0), id(r.vertexId1)]), c.adamicAdar!.map(([u, v]) => [u, v]));
      t.deepEqual(adamicAdar.filter((r, i) => !close(r.adamicAdarScore, c.adamicAdar![i]![2])), []);
    });
  }
}

for (const c of directedCases) {
  const graph = keyedCaseGraph(c.vertexCount, c.edges).run(new DirectedSimplify());

  test(`directed clustering matches the fixture (Flink's definitions): ${c.name}`, async (t) => {
    const local = await graph.run(new DirectedLocalClusteringCoefficient()).collect();
    t.deepEqual(local.map((r) => r.degree), c.degree);
    t.deepEqual(local.map((r) => r.triangleCount), c.edgesAmongNeighbours);
    t.deepEqual(local.filter((r, v) => !close(r.localClusteringCoefficient, c.clustering[v]!)), []);
    t.true(close(graph.run(new DirectedGlobalClusteringCoefficient()).globalClusteringCoefficientScore, c.transitivity));
    const average = graph.run(new DirectedAverageClusteringCoefficient());
    t.is(average.vertexCount, c.vertexCount);
    t.true(close(average.averageClusteringCoefficient, c.averageClustering), `${average.averageClusteringCoefficient} vs ${c.averageClustering}`);
    if (c.networkxAverageClustering !== undefined) t.true(close(average.averageClusteringCoefficient, c.networkxAverageClustering));
    t.is(directed.AverageClusteringCoefficient, DirectedAverageClusteringCoefficient, "the Flink-named alias is the same class");
    t.is(graph.run(new DirectedTriangleCount()), c.triangleCount);
    const listing = await graph.run(new DirectedTriangleListing()).collect();
    t.deepEqual(sorted(listing.map((r) => [id(r.vertexId0), id(r.vertexId1), id(r.vertexId2), r.bitmask])), c.triangleListing);
    const census = graph.run(new DirectedTriadicCensus());
    // why not Object.values: integer-like keys ("102", "201", "300") come first in a JS object
    t.deepEqual(DIRECTED_TRIAD_TYPES.map((type) => Number(census.counts[type])), c.triadicCensus);
  });

  test(`directed metrics match the fixture: ${c.name}`, (t) => {
    const metrics = graph.run(new DirectedVertexMetrics());
    for (const [field, value] of Object.entries(c.vertexMetrics)) t.true(close(metrics[field as keyof typeof metrics], value), `${field}: ${metrics[field as keyof typeof metrics]} vs ${value}`);
    t.deepEqual({ ...graph.run(new DirectedEdgeMetrics()) }, c.edgeMetrics);
  });
}

test("Jaccard and Adamic-Adar options: thresholds as Flink's fractions, mirrored rows", async (t) => {
  // a square a-b-c-d-a with the diagonal a-c: N(a) = {b, c, d}, N(b) = {a, c}, N(c) = {a, b, d}, N(d) = {a, c}
  const square = keyedCaseGraph(4, [[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]]).run(new UndirectedSimplify());
  const all = await square.run(new JaccardIndex()).collect();
  // pairs and shared/distinct by hand: 0-1 {2}/4, 0-2 {1,3}/4, 0-3 {2}/4, 1-2 {0}/4, 1-3 {0,2}/2, 2-3 {0}/4
  t.deepEqual(all.map((r) => `${r.vertexId0}-${r.vertexId1}:${r.sharedNeighborCount}/${r.distinctNeighborCount}`), ["n0-n1:1/4", "n0-n2:2/4", "n0-n3:1/4", "n1-n2:1/4", "n1-n3:2/2", "n2-n3:1/4"]);
  const half = await square.run(new JaccardIndex().setMinimumScore(1, 2).setMaximumScore(1, 1)).collect();
  t.deepEqual(half.map((r) => `${r.vertexId0}-${r.vertexId1}`), ["n0-n2"]);
  const mirrored = await square.run(new JaccardIndex().setMinimumScore(1, 1).setMirrorResults(true)).collect();
  t.deepEqual(mirrored.map((r) => `${r.vertexId0}-${r.vertexId1}`), ["n1-n3", "n3-n1"]);
  const aa = await square.run(new AdamicAdar().setMinimumScore(2).setMirrorResults(true)).collect();
  // 0-2 share b and d (degree 2 each): 2/ln 2 ≈ 2.885; 1-3 share a and c (degree 3): 2/ln 3 ≈ 1.820 < 2
  t.deepEqual(aa.map((r) => `${r.vertexId0}-${r.vertexId1}`), ["n0-n2", "n2-n0"]);
  t.true(close(aa[0]!.adamicAdarScore, 2 / Math.log(2)));
});
