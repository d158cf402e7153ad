// KMeans' initMode 'random': k points of the training set chosen at random by a seed (Flink ML samples k points with
// a seeded reservoir per subtask). Here each point's priority is a seeded hash of its values and the k smallest win —
// bottom-k sampling, which gives the same centroids whatever the parallelism and the order the points arrive in.
import type { BoundedAggregator } from "../../core/bounded-aggregator.js";
import { vectorAt } from "../../core/columns.js";
import { denseValues } from "../../common/vector-values.js";
import type { Centroids } from "./kmeans-messages.js";

interface Candidate {
  readonly priority: number;
  readonly values: Float64Array;
}

/** Candidates sorted by priority (then by values, so equal hashes still order deterministically), at most k. */
interface Sample {
  candidates: Candidate[];
}

export function selectRandomCentroids(k: number, seed: number, featuresCol: string): BoundedAggregator<Sample, Centroids> {
  const offer = (sample: Sample, c: Candidate): Sample => {
    const list = sample.candidates;
    if (list.length === k && compare(c, list[k - 1]!) >= 0) return sample;
    let i = list.length;
    while (i > 0 && compare(c, list[i - 1]!) < 0) i--;
    list.splice(i, 0, c);
    if (list.length > k) list.pop();
    return sample;
  };
  return {
    createAccumulator: () => ({ candidates: [] }),
    add(sample, row) {
      const values = denseValues(vectorAt(row, featuresCol, "KMeans")).slice();
      return offer(sample, { priority: seededHash(values, seed), values });
    },
    merge(a, b) {
      for (const c of b.candidates) offer(a, c);
      return a;
    },
    result({ candidates }) {
      if (candidates.length === 0) throw new Error("KMeans: the training set is empty — fit needs at least one row");
      const dim = candidates[0]!.values.length;
      const values = new Float64Array(candidates.length * dim);
      candidates.forEach((c, i) => {
        if (c.values.length !== dim) throw new Error(`KMeans: the points should all have the same dimension, got ${dim} and ${c.values.length}`);
        values.set(c.values, i * dim);
      });
      return [{ values, k: candidates.length, dim, weights: new Float64Array(candidates.length), epoch: -1 }];
    },
  };
}

function compare(a: Candidate, b: Candidate): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  for (let j = 0; j < a.values.length; j++) if (a.values[j] !== b.values[j]) return a.values[j]! - b.values[j]!;
  return 0;
}

/** A 32-bit hash of the values' bits mixed with the seed (murmur3's finaliser on each word). */
export function seededHash(values: Float64Array, seed: number): number {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let h = (seed ^ Math.floor(seed / 2 ** 32)) >>> 0;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i]!, 0xcc9e2d51);
    h = (h << 15) | (h >>> 17);
    h = Math.imul(h, 0x1b873593) ^ 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
