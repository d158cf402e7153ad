// The records between the keyed stages of windowed triangle counting.

/**
 * A vertex's neighbours in one window (sorted ascending, distinct, without itself), sent by `from` to `target`:
 * to itself (from = target), and to every neighbour greater than itself.
 */
export interface NeighbourList<K> {
  readonly target: K;
  readonly from: K;
  readonly neighbours: readonly K[];
}

/** Triangles found in one window by the vertices one subtask owns: the partials the window total sums. */
export interface WindowTrianglesPartial {
  readonly windowEnd: number;
  readonly triangles: number;
}

/** The exact number of triangles among the edges of one event-time window. */
export interface WindowTriangleCount {
  readonly windowStart: number;
  /** Exclusive, as Flink's TimeWindow.end; the record's timestamp is windowEnd - 1. */
  readonly windowEnd: number;
  readonly triangles: number;
}

/** Triangles of one vertex found in one window by one subtask. */
export interface VertexTrianglesPartial<K> {
  readonly windowEnd: number;
  readonly vertexId: K;
  readonly triangles: number;
}

/** The exact number of triangles a vertex belongs to among the edges of one event-time window. */
export interface VertexTriangleCount<K> {
  readonly windowStart: number;
  /** Exclusive; the record's timestamp is windowEnd - 1. */
  readonly windowEnd: number;
  readonly vertexId: K;
  readonly triangles: number;
}
