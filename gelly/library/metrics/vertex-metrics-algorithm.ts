// Flink Gelly's metric.{directed,undirected}.VertexMetrics (graph analytics) over ./vertex-metrics.ts; simple graphs
// expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedVertexMetrics, undirectedVertexMetrics, type DirectedVertexMetrics as DirectedVertexMetricsResult, type UndirectedVertexMetrics as UndirectedVertexMetricsResult } from "./vertex-metrics.js";

export type { DirectedVertexMetricsResult, UndirectedVertexMetricsResult };

/** Flink's metric.undirected.VertexMetrics; zero-degree vertices count only with setIncludeZeroDegreeVertices(true). */
export class UndirectedVertexMetrics {
  readonly algorithmName = "UndirectedVertexMetrics";

  private includeZeroDegreeVertices = false;

  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): UndirectedVertexMetricsResult {
    return undirectedVertexMetrics(graph.topology().csr, { includeZeroDegreeVertices: this.includeZeroDegreeVertices });
  }
}

/** Flink's metric.directed.VertexMetrics; zero-degree vertices count only with setIncludeZeroDegreeVertices(true). */
export class DirectedVertexMetrics {
  readonly algorithmName = "DirectedVertexMetrics";

  private includeZeroDegreeVertices = false;

  setIncludeZeroDegreeVertices(include: boolean): this {
    this.includeZeroDegreeVertices = include;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): DirectedVertexMetricsResult {
    return directedVertexMetrics(graph.topology().csr, { includeZeroDegreeVertices: this.includeZeroDegreeVertices });
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedVertexMetrics: UndirectedVertexMetricsResult;
    DirectedVertexMetrics: DirectedVertexMetricsResult;
  }
}
