// Flink Gelly's SingleSourceShortestPaths: the length of the shortest directed path from one source vertex to every
// vertex, edge values as lengths, Infinity where no path exists. Flink relaxes edges in scatter-gather supersteps
// (Bellman-Ford); on non-negative lengths its fixed point is what Dijkstra (1959) computes directly, here with an
// indexed binary heap on typed arrays: O((n + m) log n) time, 3 arrays of n.
import type { CsrGraph } from "../../graph/csr.js";

/**
 * distances[v]: the length of the shortest path source → v along out-edges, where edge i (input position) has length
 * weights[i]; 0 for the source, Infinity when v is unreachable. Lengths must be non-negative numbers. Flink's
 * `maxIterations` (which cuts the relaxation short) is not modelled: this is the converged answer.
 */
export function singleSourceShortestPaths(g: CsrGraph, source: number, weights: Float64Array): Float64Array {
  const n = g.vertexCount;
  if (!Number.isInteger(source) || source < 0 || source >= n) throw new RangeError(`SingleSourceShortestPaths: source ${source} is not a vertex (the graph has ${n})`);
  if (weights.length !== g.edgeCount) throw new RangeError(`SingleSourceShortestPaths: ${weights.length} weights for ${g.edgeCount} edges; pass one weight per input edge`);
  for (let i = 0; i < weights.length; i++) {
    // why: Dijkstra settles a vertex once, which is only right when no edge can shorten a settled path
    if (!(weights[i]! >= 0)) throw new RangeError(`SingleSourceShortestPaths: edge ${i} has length ${weights[i]}; lengths must be non-negative numbers`);
  }
  const { outOffsets, outTargets, outEdges } = g;
  const distances = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const heap = new Int32Array(n);
  // position[v]: v's index in heap, -1 before it is reached, -2 once settled
  const position = new Int32Array(n).fill(-1);
  distances[source] = 0;
  heap[0] = source;
  position[source] = 0;
  let size = 1;
  while (size > 0) {
    const u = heap[0]!;
    position[u] = -2;
    size--;
    if (size > 0) {
      heap[0] = heap[size]!;
      position[heap[0]!] = 0;
      siftDown(heap, position, distances, size, 0);
    }
    const du = distances[u]!;
    const end = outOffsets[u + 1]!;
    for (let i = outOffsets[u]!; i < end; i++) {
      const v = outTargets[i]!;
      const at = position[v]!;
      if (at === -2) continue;
      const candidate = du + weights[outEdges[i]!]!;
      if (candidate >= distances[v]!) continue;
      distances[v] = candidate;
      if (at === -1) {
        heap[size] = v;
        position[v] = size;
        siftUp(heap, position, distances, size++);
      } else {
        siftUp(heap, position, distances, at);
      }
    }
  }
  return distances;
}

function siftUp(heap: Int32Array, position: Int32Array, key: Float64Array, at: number): void {
  const v = heap[at]!;
  const k = key[v]!;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    const p = heap[parent]!;
    if (key[p]! <= k) break;
    heap[at] = p;
    position[p] = at;
    at = parent;
  }
  heap[at] = v;
  position[v] = at;
}

function siftDown(heap: Int32Array, position: Int32Array, key: Float64Array, size: number, at: number): void {
  const v = heap[at]!;
  const k = key[v]!;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && key[heap[child + 1]!]! < key[heap[child]!]!) child++;
    const c = heap[child]!;
    if (key[c]! >= k) break;
    heap[at] = c;
    position[c] = at;
    at = child;
  }
  heap[at] = v;
  position[v] = at;
}
