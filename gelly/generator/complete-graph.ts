// Flink Gelly's CompleteGraph: every ordered pair of distinct vertices is an edge, n(n-1) edges (a circulant graph
// with offsets 1..n-1).
import { circulantGraph } from "./circulant-graph.js";
import type { EdgeList } from "./edge-list.js";

/** n ≥ 2 vertices, n(n-1) directed edges, every vertex with in- and out-degree n-1. */
export function completeGraph(vertexCount: number): EdgeList {
  return circulantGraph(vertexCount, [{ offset: 1, length: vertexCount - 1 }]);
}
