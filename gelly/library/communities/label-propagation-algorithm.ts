// Flink Gelly's library.LabelPropagation as a graph.run algorithm over the labelPropagation kernel: the vertex values
// are the initial labels (any comparable values; encoded by rank so the kernel's tie-breaks follow their order).
import type { Graph } from "../../graph.js";
import { GraphResult } from "../../graph/graph-result.js";
import type { Vertex } from "../../graph/records.js";
import { rankEncode, type ComparableValue } from "../../graph/vertex-subsets.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { labelPropagation } from "./label-propagation.js";

/** `new LabelPropagation(maxIterations)`: returns the vertices with their final labels, in vertex order. */
export class LabelPropagation {
  readonly algorithmName = "LabelPropagation";

  constructor(private readonly maxIterations: number) {}

  run<K extends VertexKey, VV extends ComparableValue, EV>(graph: Graph<K, VV, EV>): GraphResult<Vertex<K, VV>> {
    const { dictionary, csr } = graph.topology();
    const { labels, distinct } = rankEncode("LabelPropagation", graph.iterationInput().vertexValues);
    const result = labelPropagation(csr, { maxIterations: this.maxIterations, initialLabels: labels });
    const out: Vertex<K, VV>[] = new Array(csr.vertexCount);
    for (let v = 0; v < csr.vertexCount; v++) out[v] = { id: dictionary.keyAt(v), value: distinct[result.labels[v]!]! };
    return GraphResult.of(out);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    LabelPropagation: GraphResult<Vertex<K, VV>>;
  }
}
