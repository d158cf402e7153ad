// What travels around KMeans' training loop: the centroids of each superstep (the variable stream) and each subtask's
// per-cluster sums and counts.

export interface Centroids {
  /** k rows of dim values, row-major. */
  readonly values: Float64Array;
  readonly k: number;
  readonly dim: number;
  /** Points assigned to each centroid in the superstep that computed it (0 for initial centroids). */
  readonly weights: Float64Array;
  /** The superstep that computed them; −1 for the initial centroids. */
  readonly epoch: number;
}

export interface PartialCentroids {
  readonly subtask: number;
  /** Per cluster, the sum of its points (k rows of dim values). */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
}
