// Flink Gelly's neighbourhood methods (reduceOnEdges, reduceOnNeighbors, groupReduceOnEdges, groupReduceOnNeighbors)
// over the CSR arrays: a vertex's OUT neighbourhood is its slots outOffsets[v]..outOffsets[v+1], IN its in-slots,
// ALL the out-slots then the in-slots. Each slot names the input edge (outEdges/inEdges), so edge records are the
// graph's own, never copied. O(n + m) per call plus the user functions.
import type { Collector } from "../../runtime/index.js";
import type { CsrGraph } from "./csr.js";
import { EdgeDirection, type Edge, type Neighbor, type Vertex } from "./records.js";
import type { VertexKey } from "./vertex-dictionary.js";

/** The graph as the neighbourhood methods read it: records by dense id and by input edge position. */
export interface NeighborhoodInput<K extends VertexKey, VV, EV> {
  readonly csr: CsrGraph;
  readonly vertices: readonly Vertex<K, VV>[];
  readonly edges: readonly Edge<K, EV>[];
}

/** Combines two edge values (Flink's ReduceEdgesFunction). */
export type ReduceEdgesFunction<EV> = (first: EV, second: EV) => EV;
/** Combines two neighbour values (Flink's ReduceNeighborsFunction). */
export type ReduceNeighborsFunction<VV> = (first: VV, second: VV) => VV;
/** Called once per vertex with its edges in the direction asked (Flink's EdgesFunctionWithVertexValue). */
export type EdgesFunction<K extends VertexKey, VV, EV, T> = (vertex: Vertex<K, VV>, edges: readonly Edge<K, EV>[], out: Collector<T>) => void;
/** Called once per vertex with its neighbours and the joining edges (Flink's NeighborsFunctionWithVertexValue). */
export type NeighborsFunction<K extends VertexKey, VV, EV, T> = (vertex: Vertex<K, VV>, neighbors: readonly Neighbor<K, VV, EV>[], out: Collector<T>) => void;

const readsOut = (d: EdgeDirection): boolean => d !== EdgeDirection.IN;
const readsIn = (d: EdgeDirection): boolean => d !== EdgeDirection.OUT;

/** [id, reduced edge value] for every vertex with at least one edge in `direction`, by dense id. */
export function reduceOnEdges<K extends VertexKey, VV, EV>(g: NeighborhoodInput<K, VV, EV>, reduce: ReduceEdgesFunction<EV>, direction: EdgeDirection): [K, EV][] {
  const { csr, vertices, edges } = g;
  const out: [K, EV][] = [];
  for (let v = 0; v < csr.vertexCount; v++) {
    let seen = false;
    let acc: EV | undefined;
    if (readsOut(direction)) {
      for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) {
        const value = edges[csr.outEdges[i]!]!.value;
        acc = seen ? reduce(acc as EV, value) : value;
        seen = true;
      }
    }
    if (readsIn(direction)) {
      for (let i = csr.inOffsets[v]!, end = csr.inOffsets[v + 1]!; i < end; i++) {
        const value = edges[csr.inEdges[i]!]!.value;
        acc = seen ? reduce(acc as EV, value) : value;
        seen = true;
      }
    }
    if (seen) out.push([vertices[v]!.id, acc as EV]);
  }
  return out;
}

/** [id, reduced neighbour value] for every vertex with at least one neighbour in `direction`, by dense id. */
export function reduceOnNeighbors<K extends VertexKey, VV, EV>(g: NeighborhoodInput<K, VV, EV>, reduce: ReduceNeighborsFunction<VV>, direction: EdgeDirection): [K, VV][] {
  const { csr, vertices } = g;
  const out: [K, VV][] = [];
  for (let v = 0; v < csr.vertexCount; v++) {
    let seen = false;
    let acc: VV | undefined;
    if (readsOut(direction)) {
      for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) {
        const value = vertices[csr.outTargets[i]!]!.value;
        acc = seen ? reduce(acc as VV, value) : value;
        seen = true;
      }
    }
    if (readsIn(direction)) {
      for (let i = csr.inOffsets[v]!, end = csr.inOffsets[v + 1]!; i < end; i++) {
        const value = vertices[csr.inSources[i]!]!.value;
        acc = seen ? reduce(acc as VV, value) : value;
        seen = true;
      }
    }
    if (seen) out.push([vertices[v]!.id, acc as VV]);
  }
  return out;
}

/**
 * What `fn` collects, calling it for every vertex by dense id — also for a vertex without edges in `direction`, with
 * an empty list, as Flink's coGroup of the vertex set with the edges does.
 */
export function groupReduceOnEdges<K extends VertexKey, VV, EV, T>(g: NeighborhoodInput<K, VV, EV>, fn: EdgesFunction<K, VV, EV, T>, direction: EdgeDirection): T[] {
  const { csr, vertices, edges } = g;
  const out: T[] = [];
  const collector: Collector<T> = { collect: (record) => void out.push(record) };
  for (let v = 0; v < csr.vertexCount; v++) {
    const own: Edge<K, EV>[] = [];
    if (readsOut(direction)) for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) own.push(edges[csr.outEdges[i]!]!);
    if (readsIn(direction)) for (let i = csr.inOffsets[v]!, end = csr.inOffsets[v + 1]!; i < end; i++) own.push(edges[csr.inEdges[i]!]!);
    fn(vertices[v]!, own, collector);
  }
  return out;
}

/** As groupReduceOnEdges, with each edge paired with the vertex at its other end. */
export function groupReduceOnNeighbors<K extends VertexKey, VV, EV, T>(g: NeighborhoodInput<K, VV, EV>, fn: NeighborsFunction<K, VV, EV, T>, direction: EdgeDirection): T[] {
  const { csr, vertices, edges } = g;
  const out: T[] = [];
  const collector: Collector<T> = { collect: (record) => void out.push(record) };
  for (let v = 0; v < csr.vertexCount; v++) {
    const own: Neighbor<K, VV, EV>[] = [];
    if (readsOut(direction)) {
      for (let i = csr.outOffsets[v]!, end = csr.outOffsets[v + 1]!; i < end; i++) own.push({ edge: edges[csr.outEdges[i]!]!, neighbor: vertices[csr.outTargets[i]!]! });
    }
    if (readsIn(direction)) {
      for (let i = csr.inOffsets[v]!, end = csr.inOffsets[v + 1]!; i < end; i++) own.push({ edge: edges[csr.inEdges[i]!]!, neighbor: vertices[csr.inSources[i]!]! });
    }
    fn(vertices[v]!, own, collector);
  }
  return out;
}
