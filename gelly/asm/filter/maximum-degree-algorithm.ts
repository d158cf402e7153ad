// Flink Gelly's asm.degree.filter.undirected.MaximumDegree as a graph.run algorithm over ./maximum-degree.ts.
import { Graph } from "../../graph.js";
import type { Edge, Vertex } from "../../graph/records.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { maximumDegree } from "./maximum-degree.js";

/**
 * `new MaximumDegree(maximumDegree)`: the undirected graph (stored in both directions) without the vertices of higher
 * degree and their edges. Vertices keep their order; edges come ordered by source.
 */
export class MaximumDegree {
  readonly algorithmName = "MaximumDegree";

  constructor(private readonly maximumDegree: number) {}

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): Graph<K, VV, EV> {
    const { dictionary, csr } = graph.topology();
    const { vertexValues, edgeValues } = graph.iterationInput();
    const { graph: g, originalVertex } = maximumDegree(csr, this.maximumDegree);
    const key = (v: number): K => dictionary.keyAt(originalVertex[v]!);
    const vertices: Vertex<K, VV>[] = Array.from(originalVertex, (v) => ({ id: dictionary.keyAt(v), value: vertexValues[v]! }));
    const edges: Edge<K, EV>[] = [];
    for (let v = 0; v < g.vertexCount; v++) {
      for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) edges.push({ source: key(v), target: key(g.outTargets[i]!), value: edgeValues[g.outEdges[i]!]! });
    }
    return Graph.fromRecords(vertices, edges);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    MaximumDegree: Graph<K, VV, EV>;
  }
}
