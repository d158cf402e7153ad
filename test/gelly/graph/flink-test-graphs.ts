// Flink Gelly's TestGraphUtils long graph (flink-gelly's test utilities): vertices 1..5 valued 1..5, edges
// 1→2, 1→3, 2→3, 3→4, 3→5, 4→5, 5→1 valued 12, 13, 23, 34, 35, 45, 51. Flink's ITCases state their expected outputs
// on it; the tests here transcribe those (naming the Flink test) or compute them by hand.
import { Graph } from "../../../gelly/graph.js";

export const longVertices = [1, 2, 3, 4, 5].map((id) => ({ id, value: id }));
export const longEdges = [[1, 2, 12], [1, 3, 13], [2, 3, 23], [3, 4, 34], [3, 5, 35], [4, 5, 45], [5, 1, 51]].map(([source, target, value]) => ({ source: source!, target: target!, value: value! }));

export function longGraph(): Graph<number, number, number> {
  return Graph.fromCollection(longVertices, longEdges);
}

/** Rows as "a,b" strings, Flink's expected-result format (order-free comparisons sort them). */
export const lines = (rows: readonly (readonly unknown[])[]): string[] => rows.map((r) => r.join(",")).sort();
