// What graph.run accepts (Flink's GraphAlgorithm and GraphAnalytic in one shape): an object whose run(graph) returns
// the result — a GraphResult of records, a new Graph, or a summary value for analytics such as VertexMetrics.
import type { Graph } from "../graph.js";
import type { VertexKey } from "./vertex-dictionary.js";

/** Any algorithm, the library's or the user's: `graph.run(algorithm)` returns what its run returns. */
export interface GraphAlgorithm<K extends VertexKey, VV, EV, T> {
  run(graph: Graph<K, VV, EV>): T;
}

/**
 * The result type of each library algorithm on a Graph<K, VV, EV>, by algorithm name. Library classes are not
 * generic — so `new PageRank(0.85, 10).setIncludeZeroDegreeVertices(true)` needs no type arguments — and graph.run
 * looks the result type up here by the class's `algorithmName`. Each algorithm file adds its entry by declaration
 * merging (`declare module ".../graph-algorithm.js"`); a user's own algorithms implement GraphAlgorithm instead.
 */
export interface LibraryAlgorithmResults<K extends VertexKey, VV, EV> {}

/** A library algorithm as graph.run sees it: its name (the key into LibraryAlgorithmResults) and its run. */
export interface LibraryAlgorithm<N extends string> {
  readonly algorithmName: N;
  // why never: each class's run has its own type parameters and constraints; graph.run supplies a Graph
  run(graph: never): unknown;
}
