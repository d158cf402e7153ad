// The two-path expansion the similarity measures share: for each vertex u, every vertex v > u reachable through a
// common neighbour w, with the number of such w and the sum of a per-vertex weight over them. Stamp arrays, no maps.
// Rows are sorted once and each w keeps a cursor past the u's already done, so only the v > u half of each
// neighbourhood is scanned: O(m log d + Σ_w d(w)²/2) time, O(n + m) scratch; pairs come out ordered by (first, second).
import type { CsrGraph } from "../../graph/csr.js";
import { ensureFloat64, ensureInt32 } from "../../asm/growable-array.js";

/** Vertex pairs first < second sharing at least one neighbour, as parallel arrays of length `count` (views). */
export interface CommonNeighbourPairs {
  readonly count: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** Neighbours the two share. */
  readonly sharedNeighbours: Int32Array;
  /** Σ weight[w] over the shared neighbours w (zeros when no weight was given). */
  readonly weightSum: Float64Array;
}

/** Common-neighbour pairs of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function commonNeighbourPairs(g: CsrGraph, weight: Float64Array | null): CommonNeighbourPairs {
  const n = g.vertexCount;
  const offsets = g.outOffsets;
  const targets = g.outTargets.slice();
  for (let v = 0; v < n; v++) targets.subarray(offsets[v]!, offsets[v + 1]!).sort();
  // cursor[w]: the first slot of w's sorted row holding a vertex above the current u (u only grows)
  const cursor = offsets.slice(0, n);
  const stamp = new Int32Array(n);
  const shared = new Int32Array(n);
  const sums = new Float64Array(n);
  const touched = new Int32Array(n);
  let first: Int32Array = new Int32Array(16);
  let second: Int32Array = new Int32Array(16);
  let sharedNeighbours: Int32Array = new Int32Array(16);
  let weightSum: Float64Array = new Float64Array(16);
  let count = 0;
  for (let u = 0; u < n; u++) {
    const mark = u + 1;
    let k = 0;
    for (let i = offsets[u]!, end = offsets[u + 1]!; i < end; i++) {
      const w = targets[i]!;
      const ww = weight === null ? 0 : weight[w]!;
      const rowEnd = offsets[w + 1]!;
      // why: each unordered pair once, from its smaller vertex
      let from = cursor[w]!;
      while (from < rowEnd && targets[from]! <= u) from++;
      cursor[w] = from;
      for (let j = from; j < rowEnd; j++) {
        const v = targets[j]!;
        if (stamp[v] !== mark) {
          stamp[v] = mark;
          shared[v] = 0;
          sums[v] = 0;
          touched[k++] = v;
        }
        shared[v]!++;
        sums[v]! += ww;
      }
    }
    if (k === 0) continue;
    touched.subarray(0, k).sort();
    if (count + k > first.length) {
      first = ensureInt32(first, count + k);
      second = ensureInt32(second, count + k);
      sharedNeighbours = ensureInt32(sharedNeighbours, count + k);
      weightSum = ensureFloat64(weightSum, count + k);
    }
    for (let a = 0; a < k; a++) {
      const v = touched[a]!;
      first[count] = u;
      second[count] = v;
      sharedNeighbours[count] = shared[v]!;
      weightSum[count++] = sums[v]!;
    }
  }
  // views, not copies: a fresh allocation of the pair count would cost more than the slack it frees
  return {
    count,
    first: first.subarray(0, count),
    second: second.subarray(0, count),
    sharedNeighbours: sharedNeighbours.subarray(0, count),
    weightSum: weightSum.subarray(0, count),
  };
}
