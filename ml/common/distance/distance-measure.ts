// Distances between vectors stored row-major in Float64Arrays (Flink ML's DistanceMeasure with VectorWithNorm): each
// vector comes with its L2 norm, computed once, so Euclidean distances cost one dot product (‖a‖² + ‖b‖² − 2a·b) and
// cosine distances one dot product too.
import type { DistanceMeasureName } from "../training-params.js";

export interface DistanceMeasure {
  readonly name: DistanceMeasureName;
  /** The distance between a = as[ao, ao + dim) and b = bs[bo, bo + dim), whose L2 norms are aNorm and bNorm. */
  distance(as: Float64Array, ao: number, aNorm: number, bs: Float64Array, bo: number, bNorm: number, dim: number): number;
  /**
   * The index of the centroid (row i of `centroids`, norm norms[i]) closest to the point at points[po, po + dim);
   * the first one among equals (Flink ML's findClosest).
   */
  findClosest(centroids: Float64Array, norms: Float64Array, k: number, points: Float64Array, po: number, pointNorm: number, dim: number): number;
}

function dotAt(as: Float64Array, ao: number, bs: Float64Array, bo: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += as[ao + j]! * bs[bo + j]!;
  return s;
}

/** Flink ML's Euclidean distance: the norm expansion, clamped at 0 (rounding can make it slightly negative). */
const euclidean: DistanceMeasure = {
  name: "euclidean",
  distance(as, ao, aNorm, bs, bo, bNorm, dim) {
    return Math.sqrt(Math.max(0, aNorm * aNorm + bNorm * bNorm - 2 * dotAt(as, ao, bs, bo, dim)));
  },
  findClosest(centroids, norms, k, points, po, pointNorm, dim) {
    let best = Number.POSITIVE_INFINITY;
    let bestIndex = 0;
    for (let i = 0; i < k; i++) {
      // why: (‖p‖ − ‖c‖)² bounds the squared distance from below, so a centroid it rules out needs no dot product
      const bound = pointNorm - norms[i]!;
      if (bound * bound >= best) continue;
      const d = Math.max(0, pointNorm * pointNorm + norms[i]! * norms[i]! - 2 * dotAt(points, po, centroids, i * dim, dim));
      if (d < best) {
        best = d;
        bestIndex = i;
      }
    }
    return bestIndex;
  },
};

const cosine: DistanceMeasure = {
  name: "cosine",
  distance(as, ao, aNorm, bs, bo, bNorm, dim) {
    if (!(aNorm > 0 && bNorm > 0)) throw new Error("cosine distance is not defined for zero-length vectors — drop them or use another distanceMeasure");
    return 1 - dotAt(as, ao, bs, bo, dim) / aNorm / bNorm;
  },
  findClosest: scanClosest,
};

const manhattan: DistanceMeasure = {
  name: "manhattan",
  distance(as, ao, _aNorm, bs, bo, _bNorm, dim) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += Math.abs(as[ao + j]! - bs[bo + j]!);
    return s;
  },
  findClosest: scanClosest,
};

function scanClosest(this: DistanceMeasure, centroids: Float64Array, norms: Float64Array, k: number, points: Float64Array, po: number, pointNorm: number, dim: number): number {
  let best = Number.MAX_VALUE;
  let bestIndex = -1;
  for (let i = 0; i < k; i++) {
    const d = this.distance(centroids, i * dim, norms[i]!, points, po, pointNorm, dim);
    if (d < best) {
      best = d;
      bestIndex = i;
    }
  }
  return bestIndex;
}

export function distanceMeasure(name: DistanceMeasureName): DistanceMeasure {
  switch (name) {
    case "euclidean":
      return euclidean;
    case "cosine":
      return cosine;
    case "manhattan":
      return manhattan;
  }
}

/** L2 norms of the `count` rows of `rows` (dim columns each). */
export function rowNorms(rows: Float64Array, count: number, dim: number): Float64Array {
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) norms[i] = Math.sqrt(dotAt(rows, i * dim, rows, i * dim, dim));
  return norms;
}
