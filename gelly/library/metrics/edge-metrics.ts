// Flink Gelly's EdgeMetrics (library/metric/{directed,undirected}/EdgeMetrics): each neighbour pair is oriented from
// the lower to the higher vertex in the order (degree, id); a vertex with `low` pairs where it is the lower end and
// `high` where it is the higher has low·(low-1)/2 "triangle triplets" (the triplets a triangle algorithm that expands
// from the lowest vertex must generate) and that plus low·high "rectangle triplets". O(n + m).
import type { CsrGraph } from "../../graph/csr.js";
import { orientByDegree } from "../../asm/degree/degree-ordered-adjacency.js";

/** Flink's EdgeMetrics.Result (the same fields for directed and undirected graphs). */
export interface EdgeMetrics {
  readonly triangleTripletCount: number;
  readonly rectangleTripletCount: number;
  readonly maximumTriangleTriplets: number;
  readonly maximumRectangleTriplets: number;
}

/** Edge metrics of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedEdgeMetrics(g: CsrGraph): EdgeMetrics {
  return edgeMetricsOf(g, false);
}

/** Edge metrics of a simple directed graph; degrees count distinct neighbours, a mutual pair is one pair. */
export function directedEdgeMetrics(g: CsrGraph): EdgeMetrics {
  return edgeMetricsOf(g, true);
}

function edgeMetricsOf(g: CsrGraph, directed: boolean): EdgeMetrics {
  const { degree, vertexOfRank, offsets } = orientByDegree(g, directed);
  let triangleTripletCount = 0;
  let rectangleTripletCount = 0;
  let maximumTriangleTriplets = 0;
  let maximumRectangleTriplets = 0;
  for (let r = 0; r < g.vertexCount; r++) {
    // a row holds the pairs where its vertex is the lower end
    const low = offsets[r + 1]! - offsets[r]!;
    const high = degree[vertexOfRank[r]!]! - low;
    const triangleTriplets = (low * (low - 1)) / 2;
    const rectangleTriplets = triangleTriplets + low * high;
    triangleTripletCount += triangleTriplets;
    rectangleTripletCount += rectangleTriplets;
    if (triangleTriplets > maximumTriangleTriplets) maximumTriangleTriplets = triangleTriplets;
    if (rectangleTriplets > maximumRectangleTriplets) maximumRectangleTriplets = rectangleTriplets;
  }
  return { triangleTripletCount, rectangleTripletCount, maximumTriangleTriplets, maximumRectangleTriplets };
}
