// Flink Gelly's clustering.{directed,undirected}.GlobalClusteringCoefficient (graph analytics) over the kernels of
// ./global-clustering-coefficient.ts; simple graphs expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedGlobalClusteringCoefficient, undirectedGlobalClusteringCoefficient } from "./global-clustering-coefficient.js";

/** Flink's GlobalClusteringCoefficient.Result. */
export interface GlobalClusteringCoefficientResult {
  /** Σ d(d-1)/2 over distinct-neighbour degrees. */
  readonly tripletCount: number;
  /** 3 × triangles (each closes three triplets). */
  readonly triangleCount: number;
  /** triangleCount / tripletCount; NaN without triplets. */
  readonly globalClusteringCoefficientScore: number;
}

/** Flink's clustering.undirected.GlobalClusteringCoefficient. */
export class UndirectedGlobalClusteringCoefficient {
  readonly algorithmName = "UndirectedGlobalClusteringCoefficient";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GlobalClusteringCoefficientResult {
    const { tripletCount, triangleCount, score } = undirectedGlobalClusteringCoefficient(graph.topology().csr);
    return { tripletCount, triangleCount, globalClusteringCoefficientScore: score };
  }
}

/** Flink's clustering.directed.GlobalClusteringCoefficient (directions ignored, as Flink). */
export class DirectedGlobalClusteringCoefficient {
  readonly algorithmName = "DirectedGlobalClusteringCoefficient";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GlobalClusteringCoefficientResult {
    const { tripletCount, triangleCount, score } = directedGlobalClusteringCoefficient(graph.topology().csr);
    return { tripletCount, triangleCount, globalClusteringCoefficientScore: score };
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedGlobalClusteringCoefficient: GlobalClusteringCoefficientResult;
    DirectedGlobalClusteringCoefficient: GlobalClusteringCoefficientResult;
  }
}
