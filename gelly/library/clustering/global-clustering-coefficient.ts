// Flink Gelly's GlobalClusteringCoefficient (library/clustering/{directed,undirected}): closed triplets over all
// triplets, 3·triangles / Σ d·(d-1)/2 — networkx.transitivity for undirected graphs. The directed variant counts
// triangles and degrees ignoring direction (distinct neighbours), so it is the transitivity of the undirected view.
import type { CsrGraph } from "../../graph/csr.js";
import { vertexTriangleCounts } from "./vertex-triangle-counts.js";

/** Flink's GlobalClusteringCoefficient.Result. */
export interface GlobalClusteringCoefficient {
  /** Σ d·(d-1)/2 over distinct-neighbour degrees. */
  readonly tripletCount: number;
  /** 3 × the number of triangles: each triangle closes three triplets. */
  readonly triangleCount: number;
  /** triangleCount / tripletCount; NaN without triplets. */
  readonly score: number;
}

/** Global clustering coefficient of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedGlobalClusteringCoefficient(g: CsrGraph): GlobalClusteringCoefficient {
  return globalOf(g, false);
}

/** Global clustering coefficient of a simple directed graph (directions ignored, as Flink). */
export function directedGlobalClusteringCoefficient(g: CsrGraph): GlobalClusteringCoefficient {
  return globalOf(g, true);
}

function globalOf(g: CsrGraph, directed: boolean): GlobalClusteringCoefficient {
  const { degree, triangles } = vertexTriangleCounts(g, directed);
  let tripletCount = 0;
  for (let v = 0; v < g.vertexCount; v++) tripletCount += (degree[v]! * (degree[v]! - 1)) / 2;
  const triangleCount = 3 * triangles;
  return { tripletCount, triangleCount, score: tripletCount === 0 ? NaN : triangleCount / tripletCount };
}
