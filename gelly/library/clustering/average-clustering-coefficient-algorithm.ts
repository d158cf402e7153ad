// Flink Gelly's clustering.{directed,undirected}.AverageClusteringCoefficient (graph analytics) over the kernels of
// ./average-clustering-coefficient.ts; simple graphs expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import {
  directedAverageClusteringCoefficient, undirectedAverageClusteringCoefficient, type AverageClusteringCoefficient as AverageClusteringCoefficientResult,
} from "./average-clustering-coefficient.js";

export type { AverageClusteringCoefficientResult };

/** Flink's clustering.undirected.AverageClusteringCoefficient: { vertexCount, averageClusteringCoefficient }. */
export class UndirectedAverageClusteringCoefficient {
  readonly algorithmName = "UndirectedAverageClusteringCoefficient";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): AverageClusteringCoefficientResult {
    return undirectedAverageClusteringCoefficient(graph.topology().csr);
  }
}

/** Flink's clustering.directed.AverageClusteringCoefficient. */
export class DirectedAverageClusteringCoefficient {
  readonly algorithmName = "DirectedAverageClusteringCoefficient";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): AverageClusteringCoefficientResult {
    return directedAverageClusteringCoefficient(graph.topology().csr);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedAverageClusteringCoefficient: AverageClusteringCoefficientResult;
    DirectedAverageClusteringCoefficient: AverageClusteringCoefficientResult;
  }
}
