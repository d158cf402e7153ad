// Flink Gelly's library.GSASingleSourceShortestPaths as a graph.run algorithm: the gather-sum-apply model's supersteps
// (gsa-single-source-shortest-paths.ts) over out-edges, lengths from the edge values (numbers) or setEdgeWeight.
import type { Graph } from "../../graph.js";
import { edgeWeightsOf, type EdgeWeight } from "../../graph/edge-weights.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { gsaSingleSourceShortestPaths } from "./gsa-single-source-shortest-paths.js";

export class GSASingleSourceShortestPaths {
  readonly algorithmName = "GSASingleSourceShortestPaths";

  private weight: EdgeWeight<never> | undefined;

  constructor(
    private readonly srcVertexId: VertexKey,
    private readonly maxIterations?: number,
    /** Vertex-range partitions per superstep (default 1). */
    private readonly parallelism?: number,
  ) {}

  /** Reads an edge's length from its value; annotate the parameter with the graph's edge value type. */
  setEdgeWeight<EV>(weight: EdgeWeight<EV>): this {
    this.weight = weight as EdgeWeight<never>;
    return this;
  }

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, number>> {
    const { dictionary, csr } = graph.topology();
    const source = dictionary.find(this.srcVertexId as K);
    if (source < 0) throw new Error(`GSASingleSourceShortestPaths: the source ${String(this.srcVertexId)} is not a vertex of the graph`);
    const weights = edgeWeightsOf("GSASingleSourceShortestPaths", graph, this.weight as EdgeWeight<EV> | undefined);
    const cap = this.maxIterations === undefined || this.maxIterations === Infinity ? undefined : this.maxIterations;
    const { distances } = gsaSingleSourceShortestPaths(csr, source, weights, { ...(cap === undefined ? {} : { maxIterations: cap }), ...(this.parallelism === undefined ? {} : { parallelism: this.parallelism }) });
    const out: Vertex<K, number>[] = new Array(csr.vertexCount);
    for (let v = 0; v < csr.vertexCount; v++) out[v] = { id: dictionary.keyAt(v), value: distances[v]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    GSASingleSourceShortestPaths: GraphResult<Vertex<K, number>>;
  }
}
