// Flink Gelly's clustering.{directed,undirected}.TriangleCount (graph analytics returning the number of triangles)
// over the kernels of ./triangle-count.ts; simple graphs expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedTriangleCount, undirectedTriangleCount } from "./triangle-count.js";

/** Flink's clustering.undirected.TriangleCount. */
export class UndirectedTriangleCount {
  readonly algorithmName = "UndirectedTriangleCount";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): number {
    return undirectedTriangleCount(graph.topology().csr);
  }
}

/** Flink's clustering.directed.TriangleCount: vertex triples pairwise joined in some direction. */
export class DirectedTriangleCount {
  readonly algorithmName = "DirectedTriangleCount";

  run<K extends VertexKey, VV, EV>(graph: Graph<K, VV, EV>): number {
    return directedTriangleCount(graph.topology().csr);
  }
}

declare module "../../graph/graph-algorithm.js" {
  interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {
    UndirectedTriangleCount: number;
    DirectedTriangleCount: number;
  }
}
