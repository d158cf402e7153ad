// The parallel half of online training: each subtask collects its share of every global mini-batch (the features,
// and the label and weight when the learner has them) and sends it to the update operator once complete. A batch
// that is incomplete when the input ends is dropped, as Flink ML's countWindowAll drops it.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import { numberAt, vectorAt } from "../../core/columns.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import type { Row } from "../../core/row.js";
import type { Vector } from "../../linalg/vector.js";
import { localBatchSize, type MiniBatchChunk } from "../mini-batch.js";

export interface MiniBatchColumns {
  readonly featuresCol: string;
  readonly labelCol: string | null;
  readonly weightCol: string | null;
}

interface SavedChunk {
  readonly features: Vector[];
  readonly labels: number[];
  readonly weights: number[];
}

export class MiniBatchOperator extends AbstractStreamOperator<MiniBatchChunk> {
  private size = 0;
  private features: Vector[] = [];
  private labels: Float64Array | null = null;
  private weights: Float64Array | null = null;

  constructor(
    name: string,
    private readonly stageName: string,
    private readonly globalBatchSize: number,
    private readonly columns: MiniBatchColumns,
  ) {
    super(name);
  }

  override open(): void {
    const { parallelism, subtaskIndex } = this.ctx;
    if (parallelism > this.globalBatchSize) {
      // why: Flink ML's check — a subtask whose share is empty would hold every batch back forever
      throw new Error(`${this.stageName}: there are more training subtasks (${parallelism}) than records in each global batch (globalBatchSize ${this.globalBatchSize}) — raise globalBatchSize or lower the parallelism`);
    }
    this.size = localBatchSize(this.globalBatchSize, parallelism, subtaskIndex);
    if (this.labels === null && this.columns.labelCol !== null) this.labels = new Float64Array(this.size);
    if (this.weights === null && this.columns.weightCol !== null) this.weights = new Float64Array(this.size);
  }

  processBatch(batch: RecordBatch<any>): void {
    const { values } = batch;
    const { featuresCol, labelCol, weightCol } = this.columns;
    const stage = this.stageName;
    for (let i = 0; i < batch.length; i++) {
      const row = values[i] as Row;
      const at = this.features.length;
      this.features.push(vectorAt(row, featuresCol, stage));
      if (labelCol !== null) this.labels![at] = numberAt(row, labelCol, stage);
      if (weightCol !== null) this.weights![at] = numberAt(row, weightCol, stage);
      if (at + 1 === this.size) this.emitChunk();
    }
  }

  private emitChunk(): void {
    const chunk: MiniBatchChunk = {
      subtask: this.ctx.subtaskIndex,
      parallelism: this.ctx.parallelism,
      features: this.features,
      labels: this.labels,
      weights: this.weights,
    };
    this.output.collect(chunk, NO_TIMESTAMP);
    // why new arrays: the chunk went downstream by reference
    this.features = [];
    if (this.labels !== null) this.labels = new Float64Array(this.size);
    if (this.weights !== null) this.weights = new Float64Array(this.size);
  }

  protected override snapshotOperatorState(): unknown[] {
    const n = this.features.length;
    const saved: SavedChunk = {
      features: this.features,
      labels: this.labels === null ? [] : Array.from(this.labels.subarray(0, n)),
      weights: this.weights === null ? [] : Array.from(this.weights.subarray(0, n)),
    };
    return [stringifyMl(saved)];
  }

  protected override restoreOperatorState(state: readonly unknown[], previousParallelism: number): void {
    if (state.length === 0) return;
    if (state.length > 1 || previousParallelism !== this.ctx.parallelism) {
      throw new Error(`${this.stageName}: the training job was checkpointed with ${previousParallelism} subtasks and restores with ${this.ctx.parallelism}: an online learner's mini-batches cannot be redistributed — restore with the same parallelism`);
    }
    const saved = parseMl(state[0] as string) as SavedChunk;
    const size = localBatchSize(this.globalBatchSize, this.ctx.parallelism, this.ctx.subtaskIndex);
    this.features = saved.features;
    if (this.columns.labelCol !== null) this.labels = Float64Array.from({ length: size }, (_, i) => saved.labels[i] ?? 0);
    if (this.columns.weightCol !== null) this.weights = Float64Array.from({ length: size }, (_, i) => saved.weights[i] ?? 0);
  }
}
