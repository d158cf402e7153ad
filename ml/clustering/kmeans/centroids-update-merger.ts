// The merging half of a Lloyd step, at parallelism 1: at the end of every superstep it adds up the subtasks' cluster
// sums (in subtask order, so a run is reproducible whatever order they arrive in) and divides by the counts, feeding
// the new centroids back; when the iteration ends it emits the last ones as the model data. A cluster that lost all
// its points keeps its centroid (Flink ML would divide by zero and make it NaN).
import { AbstractStreamOperator, MAX_WATERMARK, type OutputTag, type RecordBatch } from "../../../runtime/index.js";
import { DenseVector } from "../../linalg/dense-vector.js";
import type { KMeansModelData } from "../kmeans.js";
import type { Centroids, PartialCentroids } from "./kmeans-messages.js";

export class CentroidsUpdateMerger extends AbstractStreamOperator<Centroids> {
  private partials: PartialCentroids[] = [];
  private current: Centroids | null = null;
  private latest: Centroids | null = null;

  constructor(
    name: string,
    private readonly finalModel: OutputTag<KMeansModelData>,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    if (input === 1) {
      this.current = batch.values[batch.length - 1] as Centroids;
      return;
    }
    for (let i = 0; i < batch.length; i++) this.partials.push(batch.values[i] as PartialCentroids);
  }

  protected override onWatermark(superstep: number): void {
    if (superstep === MAX_WATERMARK) {
      if (this.latest !== null) this.output.collectSide(this.finalModel as OutputTag<unknown>, toModelData(this.latest), superstep);
      return;
    }
    const current = this.current;
    if (current === null) throw new Error(`${this.name}: superstep ${superstep} ended without centroids (internal)`);
    this.current = null;
    const partials = this.partials.sort((a, b) => a.subtask - b.subtask);
    this.partials = [];
    if (partials.length === 0) {
      this.latest = current;
      return;
    }
    const { k, dim } = current;
    const sums = new Float64Array(k * dim);
    const counts = new Float64Array(k);
    for (const p of partials) {
      for (let i = 0; i < sums.length; i++) sums[i]! += p.sums[i]!;
      for (let c = 0; c < k; c++) counts[c]! += p.counts[c]!;
    }
    for (let c = 0; c < k; c++) {
      const n = counts[c]!;
      if (n === 0) sums.set(current.values.subarray(c * dim, (c + 1) * dim), c * dim);
      else for (let j = 0; j < dim; j++) sums[c * dim + j]! /= n;
    }
    const next: Centroids = { values: sums, k, dim, weights: counts, epoch: superstep };
    this.latest = next;
    this.output.collect(next, superstep);
  }
}

function toModelData(c: Centroids): KMeansModelData {
  const centroids: DenseVector[] = [];
  for (let i = 0; i < c.k; i++) centroids.push(new DenseVector(c.values.slice(i * c.dim, (i + 1) * c.dim)));
  return { centroids, weights: new DenseVector(c.weights.slice()) };
}
