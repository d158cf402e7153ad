// Mini-batch k-means with decay, exactly as Flink ML's OnlineKMeans applies it to one global batch: each point goes to
// the nearest current centroid (Euclidean, with Flink ML's norm-based distance and pruning); every centroid's weight
// is multiplied by decayFactor; a centroid that got points moves to the weighted average of itself (its decayed
// weight) and the points (one each). Version 0 is the initial model; each batch yields the next version.
import { norm2 } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { nearestCentroid } from "./nearest-centroid.js";
import type { OnlineLearner } from "./operators/mini-batch-update-operator.js";
import type { MiniBatchChunk } from "./mini-batch.js";

/** A model version of OnlineKMeans (Flink ML's KMeansModelData, with the version number). */
export interface KMeansModelData {
  readonly centroids: DenseVector[];
  readonly weights: DenseVector;
  readonly modelVersion: number;
}

interface SavedKMeans {
  readonly centroids: DenseVector[] | null;
  readonly weights: DenseVector | null;
  readonly version: number;
}

export class KMeansLearner implements OnlineLearner<KMeansModelData> {
  private centroids: DenseVector[] | null = null;
  private weights: DenseVector | null = null;
  private version = 0;

  constructor(
    private readonly stageName: string,
    private readonly k: number,
    private readonly decayFactor: number,
  ) {}

  hasModel(): boolean {
    return this.centroids !== null;
  }

  initialize(record: unknown): KMeansModelData {
    const data = record as Partial<KMeansModelData> | null;
    const centroids = data?.centroids;
    const weights = data?.weights;
    if (!Array.isArray(centroids) || !centroids.every((c) => c instanceof DenseVector) || !(weights instanceof DenseVector)) {
      throw new Error(`${this.stageName}: the initial model data must be { centroids: DenseVector[], weights: DenseVector } (KMeansModelData)`);
    }
    if (centroids.length !== this.k || weights.size() !== this.k) {
      throw new Error(`${this.stageName}: the initial model has ${centroids.length} centroids and ${weights.size()} weights, but k is ${this.k} — give as many centroids as k`);
    }
    this.centroids = centroids.map((c) => c.clone());
    this.weights = weights.clone();
    this.version = typeof data!.modelVersion === "number" ? data!.modelVersion : 0;
    return this.current();
  }

  update(batch: MiniBatchChunk): KMeansModelData {
    const centroids = this.centroids!;
    const weights = this.weights!.values;
    const k = centroids.length;
    const dim = centroids[0]!.size();
    const norms = new Float64Array(k);
    for (let c = 0; c < k; c++) norms[c] = norm2(centroids[c]!);
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    const counts = new Int32Array(k);
    // 1. assign every point to its nearest current centroid, summing the points per centroid
    for (const point of batch.features) {
      if (point.size() !== dim) throw new Error(`${this.stageName}: a point has ${point.size()} entries, the centroids ${dim}`);
      const c = nearestCentroid(point, norm2(point), centroids, norms);
      counts[c]!++;
      const sum = sums[c]!;
      const pv = point.values;
      if (point.kind === "dense") for (let i = 0; i < dim; i++) sum[i]! += pv[i]!;
      else for (let p = 0; p < pv.length; p++) sum[point.indices[p]!]! += pv[p]!;
    }
    // 2. decay every weight, then move each centroid that got points to the weighted average
    for (let c = 0; c < k; c++) weights[c]! *= this.decayFactor;
    for (let c = 0; c < k; c++) {
      const count = counts[c]!;
      if (count === 0) continue;
      weights[c]! += count;
      const lambda = count / weights[c]!;
      const cv = centroids[c]!.values;
      const sum = sums[c]!;
      const pointScale = lambda / count;
      for (let i = 0; i < dim; i++) cv[i] = cv[i]! * (1 - lambda) + pointScale * sum[i]!;
    }
    this.version++;
    return this.current();
  }

  private current(): KMeansModelData {
    return { centroids: this.centroids!.map((c) => c.clone()), weights: this.weights!.clone(), modelVersion: this.version };
  }

  snapshot(): SavedKMeans {
    return { centroids: this.centroids, weights: this.weights, version: this.version };
  }

  restore(saved: unknown): void {
    const s = saved as SavedKMeans;
    this.centroids = s.centroids;
    this.weights = s.weights;
    this.version = s.version;
  }
}
