// Flink Gelly's SingletonEdgeGraph: disjoint pairs of vertices, 2i ↔ 2i+1, so every vertex has degree 1 and there are
// as many components as pairs.
import { requireCount, type EdgeList } from "./edge-list.js";

/** p ≥ 1 pairs: 2p vertices and 2p edges, vertex v linked to v+1 when even and to v-1 when odd. */
export function singletonEdgeGraph(vertexPairCount: number): EdgeList {
  requireCount("SingletonEdgeGraph vertex pair count", vertexPairCount, 1);
  const vertexCount = 2 * vertexPairCount;
  requireCount("SingletonEdgeGraph vertex count", vertexCount, 2);
  const sources = new Int32Array(vertexCount);
  const targets = new Int32Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) {
    sources[v] = v;
    targets[v] = v % 2 === 0 ? v + 1 : v - 1;
  }
  return { vertexCount, sources, targets };
}
