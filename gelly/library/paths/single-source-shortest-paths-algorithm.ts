// Flink Gelly's library.SingleSourceShortestPaths as a graph.run algorithm over the singleSourceShortestPaths kernel.
import type { Graph } from "../../graph.js";
import { edgeWeightsOf, type EdgeWeight } from "../../graph/edge-weights.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { singleSourceShortestPaths } from "./single-source-shortest-paths.js";

/**
 * `new SingleSourceShortestPaths(srcVertexId, maxIterations)`: the distance from the source to every vertex along
 * out-edges, Infinity where none is found (Flink's Double.MAX_VALUE stands for the same). With maxIterations, Flink's
 * supersteps (paths found within that many rounds); without (undefined or Infinity), the converged distances by
 * Dijkstra, lengths then non-negative. Edge lengths are the edge values when they are numbers, else what
 * setEdgeWeight's accessor reads. Returns the vertices with their distance, in vertex order.
 */
export class SingleSourceShortestPaths {
  readonly algorithmName = "SingleSourceShortestPaths";

  private weight: EdgeWeight<never> | undefined;

  constructor(
    private readonly srcVertexId: VertexKey,
    private readonly maxIterations?: number,
  ) {}

  /** Reads an edge's length from its value; annotate the parameter with the graph's edge value type. */
  setEdgeWeight<EV>(weight: EdgeWeight<EV>): this {
    this.weight = weight as EdgeWeight<never>;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, number>> {
    const { dictionary, csr } = graph.topology();
    const source = dictionary.find(this.srcVertexId as K);
    if (source < 0) throw new Error(`SingleSourceShortestPaths: the source ${String(this.srcVertexId)} is not a vertex of the graph`);
    const cap = this.maxIterations === Infinity ? undefined : this.maxIterations;
    const distances = singleSourceShortestPaths(csr, source, edgeWeightsOf("SingleSourceShortestPaths", graph, this.weight as EdgeWeight<EV> | undefined), { maxIterations: cap });
    const out: Vertex<K, number>[] = new Array(csr.vertexCount);
    for (let v = 0; v < csr.vertexCount; v++) out[v] = { id: dictionary.keyAt(v), value: distances[v]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    SingleSourceShortestPaths: GraphResult<Vertex<K, number>>;
  }
}
