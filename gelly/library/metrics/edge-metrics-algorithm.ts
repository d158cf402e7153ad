// Flink Gelly's metric.{directed,undirected}.EdgeMetrics (graph analytics) over ./edge-metrics.ts; simple graphs
// expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedEdgeMetrics, undirectedEdgeMetrics, type EdgeMetrics as EdgeMetricsResult } from "./edge-metrics.js";

export type { EdgeMetricsResult };

/** Flink's metric.undirected.EdgeMetrics: triangle and rectangle triplets and their maxima. */
export class UndirectedEdgeMetrics {
  readonly algorithmName = "UndirectedEdgeMetrics";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): EdgeMetricsResult {
    return undirectedEdgeMetrics(graph.topology().csr);
  }
}

/** Flink's metric.directed.EdgeMetrics. */
export class DirectedEdgeMetrics {
  readonly algorithmName = "DirectedEdgeMetrics";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): EdgeMetricsResult {
    return directedEdgeMetrics(graph.topology().csr);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedEdgeMetrics: EdgeMetricsResult;
    DirectedEdgeMetrics: EdgeMetricsResult;
  }
}
