// Flink Gelly's clustering.{directed,undirected}.AverageClusteringCoefficient (graph analytics) over the kernels of
// ./average-clustering-coefficient.ts; simple graphs expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { GraphAlgorithm } from "../../graph/graph-algorithm.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import {
  directedAverageClusteringCoefficient, undirectedAverageClusteringCoefficient, type AverageClusteringCoefficient as AverageClusteringCoefficientResult,
} from "./average-clustering-coefficient.js";

export type { AverageClusteringCoefficientResult };

/** Flink's clustering.undirected.AverageClusteringCoefficient: { vertexCount, averageClusteringCoefficient }. */
export class UndirectedAverageClusteringCoefficient<K extends VertexKey, VV, EV> implements GraphAlgorithm<K, VV, EV, AverageClusteringCoefficientResult> {
  run(graph: Graph<K, VV, EV>): AverageClusteringCoefficientResult {
    return undirectedAverageClusteringCoefficient(graph.topology().csr);
  }
}

/** Flink's clustering.directed.AverageClusteringCoefficient. */
export class DirectedAverageClusteringCoefficient<K extends VertexKey, VV, EV> implements GraphAlgorithm<K, VV, EV, AverageClusteringCoefficientResult> {
  run(graph: Graph<K, VV, EV>): AverageClusteringCoefficientResult {
    return directedAverageClusteringCoefficient(graph.topology().csr);
  }
}
