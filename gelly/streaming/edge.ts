// The record an edge stream carries, and the vertex keys the streaming operators accept.

/**
 * One edge of a graph stream: Gelly's `Edge<K, EV>` shape. A type alias, so that it can later point at the edge type of
 * the batch API (gelly/graph.ts) without changing a caller.
 */
export type Edge<K, EV> = { readonly source: K; readonly target: K; readonly value: EV };

/**
 * Vertex keys of the streaming operators: primitives that order with `<` (numbers with numbers, strings with strings),
 * because component ids are "the smallest key in the component" and triangles are counted once, from their smallest
 * vertex. Do not mix kinds in one stream: 2 < "10" compares by number conversion and breaks that order.
 */
export type OrderedVertexKey = number | string | bigint;

/** Which endpoints of an edge a per-vertex statistic looks at: Gelly's EdgeDirection (IN, OUT, ALL). */
export type EdgeDirection = "in" | "out" | "all";
