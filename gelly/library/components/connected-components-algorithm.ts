// Flink Gelly's library.ConnectedComponents as a graph.run algorithm over the connectedComponents kernel: every
// vertex ends with the smallest vertex *value* of its weakly connected component (values are the initial labels, so
// map them to the ids first when the ids should label the components).
import type { Graph } from "../../graph.js";
import { buildCsr } from "../../graph/csr.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import { requireComparable, sortedOrder, type ComparableValue } from "../../graph/vertex-subsets.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { connectedComponents } from "./connected-components.js";

/**
 * `new ConnectedComponents(maxIterations)`: Flink's scatter-gather supersteps, so a component wider than the cap can
 * stay split; without a cap (undefined or Infinity) the converged labelling, by union-find. Edge direction is
 * ignored. Returns the vertices with their component value, in vertex order.
 */
export class ConnectedComponents {
  readonly algorithmName = "ConnectedComponents";

  constructor(private readonly maxIterations?: number) {}

  run<K extends VertexKey, VV extends ComparableValue, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, VV>> {
    const { dictionary, csr } = graph.topology();
    const values = graph.iterationInput().vertexValues;
    values.forEach((value, v) => requireComparable("ConnectedComponents", value, v));
    // why renumber: the kernel labels with the smallest dense id, so dense ids in value order make it the smallest value
    const order = sortedOrder(values);
    const rank = new Int32Array(order.length);
    for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
    const sources = new Int32Array(csr.edgeCount);
    const targets = new Int32Array(csr.edgeCount);
    let k = 0;
    for (let v = 0; v < csr.vertexCount; v++) {
      for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) {
        sources[k] = rank[v]!;
        targets[k++] = rank[csr.outTargets[i]!]!;
      }
    }
    const cap = this.maxIterations === Infinity ? undefined : this.maxIterations;
    const labels = connectedComponents(buildCsr(csr.vertexCount, sources, targets), { maxIterations: cap });
    const out: Vertex<K, VV>[] = new Array(csr.vertexCount);
    for (let v = 0; v < csr.vertexCount; v++) out[v] = { id: dictionary.keyAt(v), value: values[order[labels[rank[v]!]!]!]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    ConnectedComponents: GraphResult<Vertex<K, VV>>;
  }
}
