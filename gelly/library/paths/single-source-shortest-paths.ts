// Flink Gelly's SingleSourceShortestPaths: the length of the shortest directed path from one source vertex to every
// vertex, edge values as lengths, Infinity where no path exists. Flink relaxes edges in scatter-gather supersteps
// (Bellman-Ford), at most maxIterations of them. Without that cap, on non-negative lengths, its fixed point is what
// Dijkstra (1959) computes directly, here with an indexed binary heap on typed arrays: O((n + m) log n) time, 3
// arrays of n. With the cap, the supersteps themselves run (frontier Bellman-Ford): O(maxIterations · (n + m)).
import type { CsrGraph } from "../../graph/csr.js";

export interface ShortestPathsOptions {
  /**
   * Flink's superstep cap: superstep k relaxes the out-edges of the vertices whose distance fell in superstep k - 1
   * (the source in the first), so only paths found within k rounds count. Lengths may then be negative (the cap
   * bounds the work). When absent, the converged answer is computed by Dijkstra and lengths must be non-negative.
   */
  readonly maxIterations?: number;
}

/**
 * distances[v]: the length of the shortest path source → v along out-edges, where edge i (input position) has length
 * weights[i]; 0 for the source, Infinity when v is unreachable (or not reached within maxIterations supersteps).
 */
export function singleSourceShortestPaths(g: CsrGraph, source: number, weights: Float64Array, options: ShortestPathsOptions = {}): Float64Array {
  const n = g.vertexCount;
  if (!Number.isInteger(source) || source < 0 || source >= n) throw new RangeError(`SingleSourceShortestPaths: source ${source} is not a vertex (the graph has ${n})`);
  if (weights.length !== g.edgeCount) throw new RangeError(`SingleSourceShortestPaths: ${weights.length} weights for ${g.edgeCount} edges; pass one weight per input edge`);
  if (options.maxIterations !== undefined) return supersteps(g, source, weights, options.maxIterations);
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

/** Flink's scatter-gather supersteps, literally: the frontier sends distance + length, a vertex keeps the minimum. */
function supersteps(g: CsrGraph, source: number, weights: Float64Array, maxIterations: number): Float64Array {
  if (!Number.isInteger(maxIterations) || maxIterations <= 0) throw new RangeError(`SingleSourceShortestPaths: maxIterations must be a positive integer, got ${maxIterations}`);
  for (let i = 0; i < weights.length; i++) {
    if (Number.isNaN(weights[i]!)) throw new RangeError(`SingleSourceShortestPaths: edge ${i} has length NaN; lengths must be numbers`);
  }
  const n = g.vertexCount;
  const { outOffsets, outTargets, outEdges } = g;
  const distances = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  distances[source] = 0;
  let frontier = new Int32Array(n);
  let next = new Int32Array(n);
  // the distances the frontier had when the superstep began: messages carry those, not values lowered meanwhile
  const sent = new Float64Array(n);
  // addedIn[v]: the superstep that last put v in `next` (so it is added once)
  const addedIn = new Int32Array(n);
  frontier[0] = source;
  let size = 1;
  for (let step = 1; step <= maxIterations && size > 0; step++) {
    for (let k = 0; k < size; k++) sent[k] = distances[frontier[k]!]!;
    let nextSize = 0;
    for (let k = 0; k < size; k++) {
      const u = frontier[k]!;
      const du = sent[k]!;
      const end = outOffsets[u + 1]!;
      for (let i = outOffsets[u]!; i < end; i++) {
        const v = outTargets[i]!;
        const candidate = du + weights[outEdges[i]!]!;
        if (!(candidate < distances[v]!)) continue;
        distances[v] = candidate;
        if (addedIn[v] !== step) {
          addedIn[v] = step;
          next[nextSize++] = v;
        }
      }
    }
    const swap = frontier; frontier = next; next = swap;
    size = nextSize;
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
