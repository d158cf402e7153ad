// Flink Gelly's AverageClusteringCoefficient (library/clustering/{directed,undirected}): the mean local clustering
// coefficient over all vertices, vertices of degree < 2 adding 0 (so undirected it equals
// networkx.average_clustering). O(m^1.5) worst case, see local-clustering-coefficient.ts.
import type { CsrGraph } from "../../graph/csr.js";
import { directedLocalClusteringCoefficient, undirectedLocalClusteringCoefficient, type LocalClusteringCoefficient } from "./local-clustering-coefficient.js";

/** Flink's AverageClusteringCoefficient.Result. */
export interface AverageClusteringCoefficient {
  /** All vertices, zero-degree ones included. */
  readonly vertexCount: number;
  /** NaN for a graph without vertices. */
  readonly averageClusteringCoefficient: number;
}

/** Average clustering coefficient of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedAverageClusteringCoefficient(g: CsrGraph): AverageClusteringCoefficient {
  return averageOf(undirectedLocalClusteringCoefficient(g));
}

/** Average of Flink's directed local clustering coefficients of a simple directed graph. */
export function directedAverageClusteringCoefficient(g: CsrGraph): AverageClusteringCoefficient {
  return averageOf(directedLocalClusteringCoefficient(g));
}

function averageOf(local: LocalClusteringCoefficient): AverageClusteringCoefficient {
  const n = local.degree.length;
  let sum = 0;
  // why the degree guard: the score is only defined with at least one neighbour pair (Flink sums only those)
  for (let v = 0; v < n; v++) if (local.degree[v]! > 1) sum += local.score[v]!;
  return { vertexCount: n, averageClusteringCoefficient: sum / n };
}
