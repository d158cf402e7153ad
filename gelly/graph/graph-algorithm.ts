// What graph.run accepts (Flink's GraphAlgorithm and GraphAnalytic in one shape): an object whose run(graph) returns
// the result — a GraphResult of records, a new Graph, or a summary value for analytics such as VertexMetrics.
import type { Graph } from "../graph.js";
import type { VertexKey } from "./vertex-dictionary.js";

export interface GraphAlgorithm<K extends VertexKey, VV, EV, T> {
  run(graph: Graph<K, VV, EV>): T;
}
