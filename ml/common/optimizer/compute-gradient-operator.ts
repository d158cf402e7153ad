// The parallel half of SGD (Flink ML's SGD.CacheDataAndDoTrain): caches its partition of the training data in
// superstep 0, and at the end of every superstep sums the loss and gradient of the current coefficient over its next
// mini-batch — localBatchSize consecutive cached points, round-robin through the partition (Flink ML's nextBatchOffset).
// Dense points are cached by reference (rows are never changed in place), not copied into one growing flat array: the
// copies and their doublings cost more than the gradient itself (first-touch page faults of fresh memory, 0.27 s per
// 80 MB on the benchmark machine): `npm run bench -- ml --only sgd`, 200 000 × 20, 10 epochs, 1.8 → see docs/ml.md.
import { AbstractStreamOperator, MAX_WATERMARK, type RecordBatch } from "../../../runtime/index.js";
import type { LossFunc } from "../lossfunc/loss-func.js";
import { denseValues, vectorSize } from "../vector-values.js";
import type { LabeledPoint } from "./labeled-point.js";
import type { PartialGradient, SgdModel } from "./sgd-messages.js";
import { sumGradient } from "./sum-gradient.js";

export class ComputeGradientOperator extends AbstractStreamOperator<PartialGradient> {
  /** Cached points: the dense vectors' own arrays, sparse ones made dense. */
  private features: Float64Array[] = [];
  private labels = new Float64Array(0);
  private weights = new Float64Array(0);
  private count = 0;
  private dim = -1;
  private coefficient: Float64Array | null = null;
  private nextBatchOffset = 0;
  private localBatchSize = 0;

  constructor(
    name: string,
    private readonly loss: LossFunc,
    private readonly globalBatchSize: number,
  ) {
    super(name);
  }

  override open(): void {
    // Flink ML's split of the global batch: the first (globalBatchSize mod p) subtasks take one point more
    const p = this.ctx.parallelism;
    this.localBatchSize = Math.floor(this.globalBatchSize / p) + (this.globalBatchSize % p > this.ctx.subtaskIndex ? 1 : 0);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    if (input === 1) {
      this.coefficient = (batch.values[batch.length - 1] as SgdModel).coefficient;
      return;
    }
    for (let i = 0; i < batch.length; i++) this.cache(batch.values[i] as LabeledPoint);
  }

  private cache(point: LabeledPoint): void {
    const v = point.features;
    const dim = vectorSize(v);
    if (this.dim === -1) this.dim = dim;
    else if (dim !== this.dim) throw new Error(`${this.name}: the training data should all have the same dimension, got ${this.dim} and ${dim}`);
    if (this.count === this.labels.length) this.grow();
    this.features.push(denseValues(v));
    this.labels[this.count] = point.label;
    this.weights[this.count] = point.weight;
    this.count++;
  }

  private grow(): void {
    const capacity = Math.max(64, this.labels.length * 2);
    const labels = new Float64Array(capacity);
    labels.set(this.labels);
    this.labels = labels;
    const weights = new Float64Array(capacity);
    weights.set(this.weights);
    this.weights = weights;
  }

  protected override onWatermark(superstep: number): void {
    if (superstep === MAX_WATERMARK || this.count === 0) return;
    const coefficient = this.coefficient;
    if (coefficient === null) throw new Error(`${this.name}: superstep ${superstep} ended without a model (internal: the model is broadcast every superstep)`);
    if (coefficient.length !== this.dim) throw new Error(`${this.name}: the model has ${coefficient.length} coefficients but the features have ${this.dim} dimensions`);
    this.coefficient = null;
    const start = this.nextBatchOffset;
    const end = Math.min(start + this.localBatchSize, this.count);
    this.nextBatchOffset = start + this.localBatchSize >= this.count ? 0 : start + this.localBatchSize;
    this.output.collect({ subtask: this.ctx.subtaskIndex, sums: this.sumBatch(coefficient, start, end) }, superstep);
  }

  /** Gradient, total weight and total loss of points [start, end) (./sum-gradient.ts: the hot loop). */
  private sumBatch(coefficient: Float64Array, start: number, end: number): Float64Array {
    const sums = new Float64Array(this.dim + 2);
    sumGradient(this.loss, this.features, this.labels, this.weights, coefficient, start, end, sums);
    return sums;
  }
}
