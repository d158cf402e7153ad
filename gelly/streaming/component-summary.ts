// What a partition's union-find tells the merger about one window: every vertex the window's edges touched there,
// beside the smallest key of its set in that partition.
import type { DisjointSet } from "./disjoint-set.js";
import type { OrderedVertexKey } from "./edge.js";

export interface ComponentSummary<K> {
  /** The end (exclusive) of the window the summary covers. */
  readonly windowEnd: number;
  readonly vertices: readonly K[];
  /** labels[i]: the smallest key in the set of vertices[i] within the partition (vertices[i] itself when alone). */
  readonly labels: readonly K[];
}

/** A vertex whose component id changed (or that appeared) when a window was merged. */
export interface ComponentChange<K> {
  readonly vertexId: K;
  /** The smallest vertex key of the weakly connected component the vertex now belongs to. */
  readonly componentId: K;
}

/** The summary of `set`, the union-find of one partition's edges in the window ending at `windowEnd`. */
export function summarize<K extends OrderedVertexKey>(set: DisjointSet<K>, windowEnd: number): ComponentSummary<K> {
  const n = set.vertexCount;
  const vertices = new Array<K>(n);
  const labels = new Array<K>(n);
  for (let v = 0; v < n; v++) {
    vertices[v] = set.keyAt(v);
    labels[v] = set.keyAt(set.labelOf(v));
  }
  return { windowEnd, vertices, labels };
}

