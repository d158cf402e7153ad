// The parallel half of a Lloyd step (Flink ML's KMeans.CentroidsUpdateAccumulator): caches its partition of the points
// with their norms in superstep 0, and at the end of every superstep assigns each point to its closest centroid and
// sums the points per cluster. Euclidean steps run in the WebAssembly SIMD kernel (ml/linalg/kernels/lloyd-kernel.ts),
// which copies the points into its linear memory; cosine and manhattan keep the rows' own arrays (no copy: 0.25 s of
// first-touch page faults for 100 000 × 100 doubles on the benchmark machine) and scan with their distance.
import { AbstractStreamOperator, MAX_WATERMARK, type RecordBatch } from "../../../runtime/index.js";
import type { DistanceMeasure } from "../../common/distance/distance-measure.js";
import { rowNorms } from "../../common/distance/distance-measure.js";
import { LloydKernel } from "../../linalg/kernels/lloyd-kernel.js";
import type { Vector } from "../../linalg/vector.js";
import { denseValues, vectorSize } from "../../common/vector-values.js";
import type { Centroids, PartialCentroids } from "./kmeans-messages.js";

export class CentroidsUpdateAccumulator extends AbstractStreamOperator<PartialCentroids> {
  /** Cached points: the rows' own value arrays (rows are never changed in place), sparse ones made dense. */
  private points: Float64Array[] = [];
  private norms: Float64Array | null = null;
  private count = 0;
  private dim = -1;
  private centroids: Centroids | null = null;
  /** The Euclidean kernel's copy of the points (null for the other measures, and until the first point). */
  private kernel: LloydKernel | null = null;

  constructor(
    name: string,
    private readonly distance: DistanceMeasure,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    if (input === 1) {
      this.centroids = batch.values[batch.length - 1] as Centroids;
      return;
    }
    for (let i = 0; i < batch.length; i++) this.cache(batch.values[i] as Vector);
  }

  private cache(v: Vector): void {
    const dim = vectorSize(v);
    if (this.dim === -1) this.dim = dim;
    else if (dim !== this.dim) throw new Error(`${this.name}: the points should all have the same dimension, got ${this.dim} and ${dim}`);
    if (this.distance.name === "euclidean") {
      this.kernel ??= new LloydKernel(dim);
      this.kernel.add(denseValues(v));
    } else {
      this.points.push(denseValues(v));
    }
    this.count++;
  }

  protected override onWatermark(superstep: number): void {
    if (superstep === MAX_WATERMARK) return;
    const centroids = this.centroids;
    if (centroids === null) throw new Error(`${this.name}: superstep ${superstep} ended without centroids (internal: they are broadcast every superstep)`);
    this.centroids = null;
    if (this.count === 0) return;
    const { k, dim } = centroids;
    if (dim !== this.dim) throw new Error(`${this.name}: the centroids have ${dim} dimensions but the points ${this.dim}`);
    if (this.kernel !== null) {
      const sums = new Float64Array(k * dim);
      const counts = new Float64Array(k);
      this.kernel.step(centroids.values, rowNorms(centroids.values, k, dim), k, sums, counts);
      this.output.collect({ subtask: this.ctx.subtaskIndex, sums, counts }, superstep);
      return;
    }
    this.norms ??= Float64Array.from(this.points, (p) => rowNorms(p, 1, dim)[0]!);
    this.output.collect({ subtask: this.ctx.subtaskIndex, ...this.sumClusters(centroids.values, k, dim) }, superstep);
  }

  /** The hot loop: one findClosest per point, then one axpy into its cluster's sum. */
  private sumClusters(centroids: Float64Array, k: number, dim: number): { sums: Float64Array; counts: Float64Array } {
    const sums = new Float64Array(k * dim);
    const counts = new Float64Array(k);
    const centroidNorms = rowNorms(centroids, k, dim);
    const { points, norms, distance } = this;
    for (let i = 0; i < this.count; i++) {
      const point = points[i]!;
      const c = distance.findClosest(centroids, centroidNorms, k, point, 0, norms![i]!, dim);
      const base = c * dim;
      for (let j = 0; j < dim; j++) sums[base + j]! += point[j]!;
      counts[c]!++;
    }
    return { sums, counts };
  }
}
