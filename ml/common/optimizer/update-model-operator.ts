// The merging half of SGD, at parallelism 1: at the end of every superstep it adds up the subtasks' mini-batch sums
// (in subtask order, so a run is reproducible whatever order they arrive in), takes the gradient step
// c ← c − learningRate · gradient / totalWeight, applies the elastic-net step, and feeds the new model back. When the
// iteration ends it emits the last model on `finalModel`.
import { AbstractStreamOperator, MAX_WATERMARK, type OutputTag, type RecordBatch } from "../../../runtime/index.js";
import { DenseVector } from "../../linalg/dense-vector.js";
import { regularize } from "./regularization.js";
import type { PartialGradient, SgdModel } from "./sgd-messages.js";

export interface SgdStepParams {
  readonly learningRate: number;
  readonly reg: number;
  readonly elasticNet: number;
}

export class UpdateModelOperator extends AbstractStreamOperator<SgdModel> {
  private partials: PartialGradient[] = [];
  private model: SgdModel | null = null;
  private latest: Float64Array | null = null;

  constructor(
    name: string,
    private readonly params: SgdStepParams,
    private readonly finalModel: OutputTag<DenseVector>,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    if (input === 1) {
      this.model = batch.values[batch.length - 1] as SgdModel;
      return;
    }
    for (let i = 0; i < batch.length; i++) this.partials.push(batch.values[i] as PartialGradient);
  }

  protected override onWatermark(superstep: number): void {
    if (superstep === MAX_WATERMARK) {
      if (this.latest !== null) this.output.collectSide(this.finalModel as OutputTag<unknown>, new DenseVector(this.latest), superstep);
      return;
    }
    const model = this.model;
    if (model === null) throw new Error(`${this.name}: superstep ${superstep} ended without a model (internal)`);
    this.model = null;
    const partials = this.partials.sort((a, b) => a.subtask - b.subtask);
    this.partials = [];
    if (partials.length === 0) {
      // no subtask had data: nothing is fed back, which ends the iteration with this model (as Flink ML)
      this.latest = model.coefficient;
      return;
    }
    const dim = model.coefficient.length;
    const sums = new Float64Array(dim + 2);
    for (const p of partials) for (let j = 0; j < sums.length; j++) sums[j]! += p.sums[j]!;
    const totalWeight = sums[dim]!;
    const coefficient = model.coefficient.slice();
    if (totalWeight > 0) {
      const step = -this.params.learningRate / totalWeight;
      for (let j = 0; j < dim; j++) coefficient[j]! += step * sums[j]!;
      regularize(coefficient, this.params.reg, this.params.elasticNet, this.params.learningRate);
    }
    this.latest = coefficient;
    this.output.collect({ coefficient, epoch: superstep, meanLoss: sums[dim + 1]! / totalWeight }, superstep);
  }
}
