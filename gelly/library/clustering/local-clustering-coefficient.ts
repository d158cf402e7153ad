// Flink Gelly's LocalClusteringCoefficient (library/clustering/{directed,undirected}): the share of a vertex's
// neighbour pairs that are joined. Undirected: triangles / (d·(d-1)/2), as networkx.clustering. Directed (Flink's
// definition, not networkx's Fagiolo one): directed edges among the neighbours / (d·(d-1)), d counting distinct
// neighbours in either direction. Scores are NaN for degree < 2 (Flink; networkx says 0). O(m^1.5) worst case.
import type { CsrGraph } from "../../graph/csr.js";
import { vertexTriangleCounts } from "./vertex-triangle-counts.js";

/** Flink's LocalClusteringCoefficient.Result for every vertex, indexed by vertex id (zero-degree vertices included). */
export interface LocalClusteringCoefficient {
  readonly degree: Int32Array;
  /** Undirected: triangles through the vertex. Directed: directed edges between its neighbours. */
  readonly triangleCount: Float64Array;
  /** triangleCount / neighbour pairs; NaN when degree < 2. */
  readonly score: Float64Array;
}

/** Local clustering coefficients of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedLocalClusteringCoefficient(g: CsrGraph): LocalClusteringCoefficient {
  const { degree, triangleCount } = vertexTriangleCounts(g, false);
  const score = new Float64Array(g.vertexCount);
  for (let v = 0; v < g.vertexCount; v++) {
    const d = degree[v]!;
    score[v] = d < 2 ? NaN : triangleCount[v]! / ((d * (d - 1)) / 2);
  }
  return { degree, triangleCount, score };
}

/** Local clustering coefficients of a simple directed graph, Flink's directed definition. */
export function directedLocalClusteringCoefficient(g: CsrGraph): LocalClusteringCoefficient {
  const { degree, triangleCount } = vertexTriangleCounts(g, true);
  const score = new Float64Array(g.vertexCount);
  for (let v = 0; v < g.vertexCount; v++) {
    const d = degree[v]!;
    score[v] = d < 2 ? NaN : triangleCount[v]! / (d * (d - 1));
  }
  return { degree, triangleCount, score };
}
