// The records a Graph is made of and hands out, Flink Gelly's Vertex, Edge and Triplet in TypeScript form.
import type { VertexKey } from "./vertex-dictionary.js";

/** A vertex: its key (Flink's f0, `getId()`) and its value (f1). */
export interface Vertex<K extends VertexKey, VV> {
  readonly id: K;
  readonly value: VV;
}

/** A directed edge between two vertex keys with a value (Flink's Edge: f0 source, f1 target, f2 value). */
export interface Edge<K extends VertexKey, EV> {
  readonly source: K;
  readonly target: K;
  readonly value: EV;
}

/**
 * An edge with the values of both its endpoints (Flink's Triplet, whose srcVertex/trgVertex/edge fields are flattened
 * here into readable names).
 */
export interface Triplet<K extends VertexKey, VV, EV> {
  readonly source: K;
  readonly target: K;
  readonly sourceValue: VV;
  readonly targetValue: VV;
  readonly edgeValue: EV;
}

/** One entry of a vertex's neighbourhood: the edge that joins them and the vertex at its other end. */
export interface Neighbor<K extends VertexKey, VV, EV> {
  readonly edge: Edge<K, EV>;
  readonly neighbor: Vertex<K, VV>;
}

/**
 * Which edges make up a vertex's neighbourhood (Flink's EdgeDirection): IN the edges pointing at it, OUT the edges
 * leaving it, ALL both — so in ALL a self-loop is seen twice, once from each end.
 */
export const EdgeDirection = { IN: "IN", OUT: "OUT", ALL: "ALL" } as const;
export type EdgeDirection = (typeof EdgeDirection)[keyof typeof EdgeDirection];

/**
 * The key type a Graph is made with: TypeScript infers `{ id: 6 }` as the literal 6, which would make a graph of
 * literal keys that no other graph can be combined with; the creation methods widen it to number (string, …).
 */
export type WidenKey<K> = K extends string ? string : K extends number ? number : K extends bigint ? bigint : K extends boolean ? boolean : K;
