// Flink Gelly's PathGraph: n vertices in a line, vertex i linked both ways to i±1 (an unwrapped 1-D grid).
import type { EdgeList } from "./edge-list.js";
import { gridGraph } from "./grid-graph.js";

/** n ≥ 2 vertices, 2(n-1) edges; the two ends have degree 1, the others 2. */
export function pathGraph(vertexCount: number): EdgeList {
  return gridGraph([{ size: vertexCount, wrapEndpoints: false }]);
}
