// Flink Gelly's VertexMetrics (library/metric/{directed,undirected}/VertexMetrics): graph-wide counts and maxima
// over vertex degrees. Directed degrees count distinct neighbours (asm/degree/vertex-degrees.ts). O(n + m).
import type { CsrGraph } from "../../graph/csr.js";
import { vertexDegree, vertexDegrees } from "../../asm/degree/vertex-degrees.js";

export interface VertexMetricsOptions {
  /**
   * Count vertices of degree zero (default false, as Flink, whose degrees come from the edge set alone). Only the
   * vertex count, average degree and density change.
   */
  readonly includeZeroDegreeVertices?: boolean;
}

/** Flink's undirected VertexMetrics.Result. */
export interface UndirectedVertexMetrics {
  readonly vertexCount: number;
  /** Each undirected edge once (half the stored edges). */
  readonly edgeCount: number;
  /** 2·edges / vertices; NaN without vertices. */
  readonly averageDegree: number;
  /** edges / (n·(n-1)/2); NaN for fewer than two vertices. */
  readonly density: number;
  /** Σ d·(d-1)/2: paths of length two, by centre vertex. */
  readonly tripletCount: number;
  readonly maximumDegree: number;
  readonly maximumTriplets: number;
}

/** Flink's directed VertexMetrics.Result. */
export interface DirectedVertexMetrics {
  readonly vertexCount: number;
  /** unidirectional + 2·bidirectional: the directed edges of a simple graph. */
  readonly edgeCount: number;
  /** Neighbour pairs joined one way only. */
  readonly unidirectionalEdgeCount: number;
  /** Neighbour pairs joined both ways. */
  readonly bidirectionalEdgeCount: number;
  /** edges / vertices; NaN without vertices. */
  readonly averageDegree: number;
  /** edges / (n·(n-1)); NaN for fewer than two vertices. */
  readonly density: number;
  /** Σ d·(d-1)/2 over distinct-neighbour degrees d. */
  readonly tripletCount: number;
  readonly maximumDegree: number;
  readonly maximumOutDegree: number;
  readonly maximumInDegree: number;
  readonly maximumTriplets: number;
}

/** Vertex metrics of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedVertexMetrics(g: CsrGraph, options: VertexMetricsOptions = {}): UndirectedVertexMetrics {
  const degree = vertexDegree(g);
  const includeZero = options.includeZeroDegreeVertices ?? false;
  let vertexCount = 0;
  let degreeSum = 0;
  let tripletCount = 0;
  let maximumDegree = 0;
  for (let v = 0; v < g.vertexCount; v++) {
    const d = degree[v]!;
    if (d === 0 && !includeZero) continue;
    vertexCount++;
    degreeSum += d;
    tripletCount += (d * (d - 1)) / 2;
    if (d > maximumDegree) maximumDegree = d;
  }
  const edgeCount = degreeSum / 2;
  return {
    vertexCount,
    edgeCount,
    averageDegree: vertexCount === 0 ? NaN : (2 * edgeCount) / vertexCount,
    density: vertexCount <= 1 ? NaN : edgeCount / ((vertexCount * (vertexCount - 1)) / 2),
    tripletCount,
    maximumDegree,
    maximumTriplets: (maximumDegree * (maximumDegree - 1)) / 2,
  };
}

/** Vertex metrics of a simple directed graph. */
export function directedVertexMetrics(g: CsrGraph, options: VertexMetricsOptions = {}): DirectedVertexMetrics {
  const { degree, outDegree, inDegree } = vertexDegrees(g);
  const includeZero = options.includeZeroDegreeVertices ?? false;
  let vertexCount = 0;
  let unidirectional = 0;
  let bidirectional = 0;
  let tripletCount = 0;
  let maximumDegree = 0;
  let maximumOutDegree = 0;
  let maximumInDegree = 0;
  for (let v = 0; v < g.vertexCount; v++) {
    const d = degree[v]!;
    if (d === 0 && !includeZero) continue;
    const out = outDegree[v]!;
    const inn = inDegree[v]!;
    const mutual = out + inn - d;
    vertexCount++;
    unidirectional += d - mutual;
    bidirectional += mutual;
    tripletCount += (d * (d - 1)) / 2;
    if (d > maximumDegree) maximumDegree = d;
    if (out > maximumOutDegree) maximumOutDegree = out;
    if (inn > maximumInDegree) maximumInDegree = inn;
  }
  // each pair was seen from both of its vertices
  const unidirectionalEdgeCount = unidirectional / 2;
  const bidirectionalEdgeCount = bidirectional / 2;
  const edgeCount = unidirectionalEdgeCount + 2 * bidirectionalEdgeCount;
  return {
    vertexCount,
    edgeCount,
    unidirectionalEdgeCount,
    bidirectionalEdgeCount,
    averageDegree: vertexCount === 0 ? NaN : edgeCount / vertexCount,
    density: vertexCount <= 1 ? NaN : edgeCount / (vertexCount * (vertexCount - 1)),
    tripletCount,
    maximumDegree,
    maximumOutDegree,
    maximumInDegree,
    maximumTriplets: (maximumDegree * (maximumDegree - 1)) / 2,
  };
}
