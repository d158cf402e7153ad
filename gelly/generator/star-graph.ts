// Flink Gelly's StarGraph: vertex 0 is the centre, linked both ways to every other vertex (the leaves).
import { requireCount, type EdgeList } from "./edge-list.js";

/** n ≥ 2 vertices, 2(n-1) edges: centre → leaf then leaf → centre for each leaf 1..n-1, as Flink emits them. */
export function starGraph(vertexCount: number): EdgeList {
  requireCount("StarGraph vertex count", vertexCount, 2);
  const sources = new Int32Array(2 * (vertexCount - 1));
  const targets = new Int32Array(2 * (vertexCount - 1));
  for (let leaf = 1, e = 0; leaf < vertexCount; leaf++) {
    sources[e] = 0; targets[e++] = leaf;
    sources[e] = leaf; targets[e++] = 0;
  }
  return { vertexCount, sources, targets };
}
