// Flink Gelly's library.GSAConnectedComponents as a graph.run algorithm: the gather-sum-apply model's supersteps
// (gsa-connected-components.ts), labels being the vertex values as in ConnectedComponents — every vertex ends with the
// smallest vertex value of its weakly connected component (or of the part reached within maxIterations supersteps).
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import { requireComparable, sortedOrder, type ComparableValue } from "../../graph/vertex-subsets.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { gsaConnectedComponents } from "./gsa-connected-components.js";

export class GSAConnectedComponents {
  readonly algorithmName = "GSAConnectedComponents";

  constructor(
    private readonly maxIterations?: number,
    /** Vertex-range partitions per superstep (default 1). */
    private readonly parallelism?: number,
  ) {}

  run<K extends VertexKey, VV extends ComparableValue, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, VV>> {
    const { dictionary, csr } = graph.topology();
    const values = graph.iterationInput().vertexValues;
    values.forEach((value, v) => requireComparable("GSAConnectedComponents", value, v));
    // why ranks: the model compares numbers; the rank of a vertex's value in value order keeps the smallest value
    const order = sortedOrder(values);
    const rank = new Array<number>(order.length);
    for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
    const cap = this.maxIterations === undefined || this.maxIterations === Infinity ? undefined : this.maxIterations;
    const { labels } = gsaConnectedComponents(csr, { initialLabels: rank, ...(cap === undefined ? {} : { maxIterations: cap }), ...(this.parallelism === undefined ? {} : { parallelism: this.parallelism }) });
    const out: Vertex<K, VV>[] = new Array(csr.vertexCount);
    for (let v = 0; v < csr.vertexCount; v++) out[v] = { id: dictionary.keyAt(v), value: values[order[labels[v]!]!]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    GSAConnectedComponents: GraphResult<Vertex<K, VV>>;
  }
}
