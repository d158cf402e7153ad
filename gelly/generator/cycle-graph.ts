// Flink Gelly's CycleGraph: n vertices in a ring, vertex i linked both ways to i±1 mod n (a wrapped 1-D grid).
import type { EdgeList } from "./edge-list.js";
import { gridGraph } from "./grid-graph.js";

/** n ≥ 2 vertices; 2n edges for n > 2, 2 edges for n = 2 (the wrap would duplicate the only link). */
export function cycleGraph(vertexCount: number): EdgeList {
  return gridGraph([{ size: vertexCount, wrapEndpoints: true }]);
}
