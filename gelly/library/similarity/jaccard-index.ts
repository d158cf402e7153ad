// Flink Gelly's JaccardIndex (library/similarity/JaccardIndex): for every pair of vertices sharing at least one
// neighbour, shared / distinct neighbours, distinct = d(u) + d(v) - shared — networkx.jaccard_coefficient on those
// pairs. Each unordered pair once, first < second (Flink without mirrorResults). O(Σ_w d(w)²).
import type { CsrGraph } from "../../graph/csr.js";
import { commonNeighbourPairs } from "./common-neighbours.js";

export interface JaccardIndexOptions {
  /** Keep scores ≥ this (Flink's setMinimumScore; default 0). */
  readonly minimumScore?: number;
  /** Keep scores < this (Flink's setMaximumScore; default: no bound). */
  readonly maximumScore?: number;
}

/** Flink's JaccardIndex.Result rows as parallel arrays (possibly views over longer buffers), ordered by (first, second). */
export interface JaccardIndex {
  readonly count: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly sharedNeighbours: Int32Array;
  readonly distinctNeighbours: Int32Array;
  /** sharedNeighbours / distinctNeighbours, in (0, 1]. */
  readonly score: Float64Array;
}

/** Jaccard index of every pair with a common neighbour in a simple undirected graph stored in both directions. */
export function jaccardIndex(g: CsrGraph, options: JaccardIndexOptions = {}): JaccardIndex {
  const minimum = options.minimumScore ?? 0;
  const maximum = options.maximumScore ?? Infinity;
  if (!(minimum >= 0 && minimum <= 1)) throw new RangeError(`minimumScore must be in [0, 1], got ${minimum}`);
  if (!(maximum >= 0)) throw new RangeError(`maximumScore must be non-negative, got ${maximum}`);
  const pairs = commonNeighbourPairs(g, null);
  // the pair arrays are ours: filtered rows are compacted into them in place, no second set of arrays
  const { first, second, sharedNeighbours } = pairs;
  const distinctNeighbours = new Int32Array(pairs.count);
  const score = new Float64Array(pairs.count);
  const offsets = g.outOffsets;
  let count = 0;
  for (let i = 0; i < pairs.count; i++) {
    const u = first[i]!;
    const v = second[i]!;
    const shared = sharedNeighbours[i]!;
    const distinct = offsets[u + 1]! - offsets[u]! + offsets[v + 1]! - offsets[v]! - shared;
    const s = shared / distinct;
    if (s < minimum || s >= maximum) continue;
    first[count] = u;
    second[count] = v;
    sharedNeighbours[count] = shared;
    distinctNeighbours[count] = distinct;
    score[count++] = s;
  }
  if (count === pairs.count) return { count, first, second, sharedNeighbours, distinctNeighbours, score };
  return {
    count,
    first: first.slice(0, count),
    second: second.slice(0, count),
    sharedNeighbours: sharedNeighbours.slice(0, count),
    distinctNeighbours: distinctNeighbours.slice(0, count),
    score: score.slice(0, count),
  };
}
