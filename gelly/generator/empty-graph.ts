// Flink Gelly's EmptyGraph: n vertices and no edges.
import { requireCount, type EdgeList } from "./edge-list.js";

export function emptyGraph(vertexCount: number): EdgeList {
  requireCount("EmptyGraph vertex count", vertexCount, 0);
  return { vertexCount, sources: new Int32Array(0), targets: new Int32Array(0) };
}
