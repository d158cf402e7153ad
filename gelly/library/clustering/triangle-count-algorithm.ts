// Flink Gelly's clustering.{directed,undirected}.TriangleCount (graph analytics returning the number of triangles)
// over the kernels of ./triangle-count.ts; simple graphs expected, the undirected one stored in both directions.
import type { Graph } from "../../graph.js";
import type { GraphAlgorithm } from "../../graph/graph-algorithm.js";
import type { VertexKey } from "../../graph/vertex-dictionary.js";
import { directedTriangleCount, undirectedTriangleCount } from "./triangle-count.js";

/** Flink's clustering.undirected.TriangleCount. */
export class UndirectedTriangleCount<K extends VertexKey, VV, EV> implements GraphAlgorithm<K, VV, EV, number> {
  run(graph: Graph<K, VV, EV>): number {
    return undirectedTriangleCount(graph.topology().csr);
  }
}

/** Flink's clustering.directed.TriangleCount: vertex triples pairwise joined in some direction. */
export class DirectedTriangleCount<K extends VertexKey, VV, EV> implements GraphAlgorithm<K, VV, EV, number> {
  run(graph: Graph<K, VV, EV>): number {
    return directedTriangleCount(graph.topology().csr);
  }
}
