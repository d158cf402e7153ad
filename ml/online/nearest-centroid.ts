// Flink ML's EuclideanDistanceMeasure.findClosest: squared distances computed from norms (‖p‖² + ‖c‖² − 2 p·c, at
// least 0), skipping a centroid when the difference of the norms alone rules it out; the first of equally near wins.
import { dot } from "../linalg/blas.js";
import type { DenseVector } from "../linalg/dense-vector.js";
import type { Vector } from "../linalg/vector.js";

export function nearestCentroid(point: Vector, pointNorm: number, centroids: readonly DenseVector[], norms: Float64Array): number {
  let best = Number.POSITIVE_INFINITY;
  let bestIndex = 0;
  for (let c = 0; c < centroids.length; c++) {
    const bound = pointNorm - norms[c]!;
    if (bound * bound >= best) continue;
    const d = Math.max(0, pointNorm * pointNorm + norms[c]! * norms[c]! - 2 * (point.kind === "dense" ? denseDot(point.values, centroids[c]!.values) : dot(point, centroids[c]!)));
    if (d < best) {
      best = d;
      bestIndex = c;
    }
  }
  return bestIndex;
}

/** x · y for equal-length arrays (the hot loop of assignment; sizes are checked once per point by the caller). */
function denseDot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}
