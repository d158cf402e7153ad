// Flink Gelly's HypercubeGraph: the d-dimensional cube, 2^d vertices each linked both ways to the d vertices whose
// id differs in one bit (a grid of d dimensions of size 2).
import { requireCount, type EdgeList } from "./edge-list.js";
import { gridGraph } from "./grid-graph.js";

/** 1 ≤ d ≤ 30 dimensions: 2^d vertices, d·2^d edges, every vertex of degree d. */
export function hypercubeGraph(dimensions: number): EdgeList {
  requireCount("HypercubeGraph dimensions", dimensions, 1);
  if (dimensions > 30) throw new RangeError(`HypercubeGraph dimensions must be at most 30 (2^d vertices as 32-bit ids), got ${dimensions}`);
  return gridGraph(Array.from({ length: dimensions }, () => ({ size: 2, wrapEndpoints: false })));
}
