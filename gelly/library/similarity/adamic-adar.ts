// Flink Gelly's AdamicAdar (library/similarity/AdamicAdar): for every pair of vertices sharing at least one
// neighbour, Σ 1 / ln d(w) over the shared neighbours w — networkx.adamic_adar_index on those pairs (a shared
// neighbour has degree ≥ 2, so ln d(w) > 0). Computed in doubles (Flink stores the inverse log degree as a float).
// Each unordered pair once, first < second. O(Σ_w d(w)²).
import type { CsrGraph } from "../../graph/csr.js";
import { commonNeighbourPairs } from "./common-neighbours.js";

export interface AdamicAdarOptions {
  /** Keep scores ≥ this (Flink's setMinimumScore; default 0). */
  readonly minimumScore?: number;
  /** Keep scores ≥ this × the mean score of all pairs (Flink's setMinimumRatio; default 0). */
  readonly minimumRatio?: number;
}

/** Flink's AdamicAdar.Result rows as parallel arrays (possibly views over longer buffers), ordered by (first, second). */
export interface AdamicAdar {
  readonly count: number;
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly score: Float64Array;
}

/** Adamic-Adar score of every pair with a common neighbour in a simple undirected graph stored in both directions. */
export function adamicAdar(g: CsrGraph, options: AdamicAdarOptions = {}): AdamicAdar {
  const minimumScore = options.minimumScore ?? 0;
  const minimumRatio = options.minimumRatio ?? 0;
  if (!(minimumScore >= 0)) throw new RangeError(`minimumScore must be non-negative, got ${minimumScore}`);
  if (!(minimumRatio >= 0)) throw new RangeError(`minimumRatio must be non-negative, got ${minimumRatio}`);
  const n = g.vertexCount;
  const inverseLogDegree = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const d = g.outOffsets[v + 1]! - g.outOffsets[v]!;
    // why: a vertex of degree < 2 is nobody's shared neighbour; 1/ln(1) would be Infinity
    inverseLogDegree[v] = d < 2 ? 0 : 1 / Math.log(d);
  }
  const pairs = commonNeighbourPairs(g, inverseLogDegree);
  let threshold = minimumScore;
  if (minimumRatio > 0 && pairs.count > 0) {
    let sum = 0;
    for (let i = 0; i < pairs.count; i++) sum += pairs.weightSum[i]!;
    threshold = Math.max(threshold, (minimumRatio * sum) / pairs.count);
  }
  // the pair arrays are ours: filtered rows are compacted into them in place
  const { first, second, weightSum: score } = pairs;
  let count = 0;
  for (let i = 0; i < pairs.count; i++) {
    const s = score[i]!;
    if (s < threshold) continue;
    first[count] = first[i]!;
    second[count] = second[i]!;
    score[count++] = s;
  }
  if (count === pairs.count) return { count, first, second, score };
  return { count, first: first.slice(0, count), second: second.slice(0, count), score: score.slice(0, count) };
}
