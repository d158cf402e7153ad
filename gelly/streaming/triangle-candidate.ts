// The records between the two keyed stages of windowed triangle counting (gelly-streaming's WindowTriangles).

/**
 * About the vertex pair low < high in one window: either the edge {low, high} exists (`wedges` = -1 marks it), or
 * `wedges` > 0 vertices smaller than both are adjacent to both — each a triangle if the edge exists.
 */
export interface TriangleCandidate<K> {
  readonly low: K;
  readonly high: K;
  readonly wedges: number;
}

/** The edge marker's `wedges`. */
export const EDGE_MARK = -1;

/** Triangles closed in one window by the pairs one subtask owns: the partial count the window total sums. */
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
