// Distances between vectors stored row-major in Float64Arrays (Flink ML's DistanceMeasure with VectorWithNorm): each
// vector comes with its L2 norm, computed once, so Euclidean distances cost one dot product (‖a‖² + ‖b‖² − 2a·b) and
// cosine distances one dot product too.
import type { DistanceMeasureName } from "../training-params.js";
import { dotAt } from "../../linalg/kernels/dot-at.js";

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


/** Flink ML's Euclidean distance: the norm expansion, clamped at 0 (rounding can make it slightly negative). */
const euclidean: DistanceMeasure = {
  name: "euclidean",
  distance(as, ao, aNorm, bs, bo, bNorm, dim) {
    return Math.sqrt(Math.max(0, aNorm * aNorm + bNorm * bNorm - 2 * dotAt(as, ao, bs, bo, dim)));
  },
  findClosest(centroids, norms, k, points, po, pointNorm, dim) {
    let best = Number.POSITIVE_INFINITY;
    let bestIndex = 0;
    const pp = pointNorm * pointNorm;
    let i = 0;
    // why four centroids at a time: each point value loaded once feeds four multiply-adds (register blocking, as a
    // GEMM kernel does); Flink ML's lower-bound pruning would break the block and rarely prunes on overlapping data.
    // why two partial sums per dot (even and odd coordinates, added at the end): it is the order of KMeans' SIMD
    // kernel (ml/linalg/kernels/), whose f64x2 lanes hold them, so a model predicts each training point's cluster to
    // the bit. The same argmin: strict < keeps the first of equals.
    for (; i + 3 < k; i += 4) {
      const c0 = i * dim;
      const c1 = c0 + dim;
      const c2 = c1 + dim;
      const c3 = c2 + dim;
      let e0 = 0, o0 = 0, e1 = 0, o1 = 0, e2 = 0, o2 = 0, e3 = 0, o3 = 0;
      let j = 0;
      for (; j + 1 < dim; j += 2) {
        const x = points[po + j]!;
        const y = points[po + j + 1]!;
        e0 += x * centroids[c0 + j]!;
        o0 += y * centroids[c0 + j + 1]!;
        e1 += x * centroids[c1 + j]!;
        o1 += y * centroids[c1 + j + 1]!;
        e2 += x * centroids[c2 + j]!;
        o2 += y * centroids[c2 + j + 1]!;
        e3 += x * centroids[c3 + j]!;
        o3 += y * centroids[c3 + j + 1]!;
      }
      if (j < dim) {
        const x = points[po + j]!;
        e0 += x * centroids[c0 + j]!;
        e1 += x * centroids[c1 + j]!;
        e2 += x * centroids[c2 + j]!;
        e3 += x * centroids[c3 + j]!;
      }
      const d0 = Math.max(0, pp + norms[i]! * norms[i]! - 2 * (e0 + o0));
      const d1 = Math.max(0, pp + norms[i + 1]! * norms[i + 1]! - 2 * (e1 + o1));
      const d2 = Math.max(0, pp + norms[i + 2]! * norms[i + 2]! - 2 * (e2 + o2));
      const d3 = Math.max(0, pp + norms[i + 3]! * norms[i + 3]! - 2 * (e3 + o3));
      if (d0 < best) { best = d0; bestIndex = i; }
      if (d1 < best) { best = d1; bestIndex = i + 1; }
      if (d2 < best) { best = d2; bestIndex = i + 2; }
      if (d3 < best) { best = d3; bestIndex = i + 3; }
    }
    for (; i < k; i++) {
      const d = Math.max(0, pp + norms[i]! * norms[i]! - 2 * pairwiseDotAt(points, po, centroids, i * dim, dim));
      if (d < best) {
        best = d;
        bestIndex = i;
      }
    }
    return bestIndex;
  },
};

/** a · b as two partial sums, even and odd coordinates, added at the end (the SIMD kernel's lane order). */
function pairwiseDotAt(as: Float64Array, ao: number, bs: Float64Array, bo: number, dim: number): number {
  let even = 0;
  let odd = 0;
  let j = 0;
  for (; j + 1 < dim; j += 2) {
    even += as[ao + j]! * bs[bo + j]!;
    odd += as[ao + j + 1]! * bs[bo + j + 1]!;
  }
  if (j < dim) even += as[ao + j]! * bs[bo + j]!;
  return even + odd;
}

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
