// The parallelism-1 half of online training: it takes the initial model (input 1), aligns the i-th chunk of every
// training subtask into the i-th global mini-batch (input 0), and applies the learner's update rule to each batch in
// order, emitting one model version per batch. Flink ML runs this as an unbounded iteration with the model fed
// back to the parallel subtasks; here the step that needs the current model runs in this operator on the raw
// batch instead, so no feedback edge is needed — and the model, the versions and the waiting chunks are all
// operator state in the checkpoint, so a restored job emits exactly the versions a job without failure does.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import { interleaveChunks, type MiniBatchChunk } from "../mini-batch.js";

interface SavedState {
  readonly parallelism: number;
  readonly queues: MiniBatchChunk[][];
  readonly learner: unknown;
}

/** What a learner's update operator must provide: its model state, the initial model and the update rule. */
export interface OnlineLearner<MD> {
  /** True once the initial model is known (batches wait until then). */
  hasModel(): boolean;
  /** Takes the initial model data record; returns a record to emit for it (a version 0) or null. */
  initialize(record: unknown): MD | null;
  /** Applies the update rule to one global mini-batch and returns the new model version's record. */
  update(batch: MiniBatchChunk): MD;
  snapshot(): unknown;
  restore(saved: unknown): void;
}

export class MiniBatchUpdateOperator<MD> extends AbstractStreamOperator<MD> {
  private parallelism = 0;
  private queues: MiniBatchChunk[][] = [];
  private initialRecords = 0;

  constructor(
    name: string,
    private readonly stageName: string,
    private readonly learner: OnlineLearner<MD>,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values } = batch;
    if (input === 1) {
      for (let i = 0; i < batch.length; i++) this.takeInitialModel(values[i]);
    } else {
      for (let i = 0; i < batch.length; i++) this.enqueue(values[i] as MiniBatchChunk);
    }
    this.updateWhileAligned();
  }

  private takeInitialModel(record: unknown): void {
    if (++this.initialRecords > 1 || this.learner.hasModel()) {
      throw new Error(`${this.stageName}: the initial model data holds more than one model — give setInitialModelData a table of exactly one model data record`);
    }
    const emitted = this.learner.initialize(record);
    if (emitted !== null) this.output.collect(emitted, NO_TIMESTAMP);
  }

  private enqueue(chunk: MiniBatchChunk): void {
    if (this.parallelism === 0) {
      this.parallelism = chunk.parallelism;
      this.queues = Array.from({ length: chunk.parallelism }, () => []);
    }
    this.queues[chunk.subtask]!.push(chunk);
  }

  /** Applies every global batch whose chunks have all arrived, in batch order. */
  private updateWhileAligned(): void {
    if (!this.learner.hasModel() || this.parallelism === 0) return;
    const queues = this.queues;
    for (;;) {
      for (const queue of queues) if (queue.length === 0) return;
      const chunks = queues.map((q) => q.shift()!);
      this.output.collect(this.learner.update(interleaveChunks(chunks)), NO_TIMESTAMP);
    }
  }

  override endInput(input: number): void {
    if (input === 1 && !this.learner.hasModel()) {
      throw new Error(`${this.stageName}: the initial model data stream ended without a record — setInitialModelData needs a table with one model data record`);
    }
  }

  protected override snapshotOperatorState(): unknown[] {
    const state: SavedState = { parallelism: this.parallelism, queues: this.queues, learner: this.learner.snapshot() };
    return [stringifyMl(state)];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    if (state.length === 0) return;
    const saved = parseMl(state[0] as string) as SavedState;
    this.parallelism = saved.parallelism;
    this.queues = saved.queues;
    this.learner.restore(saved.learner);
    if (this.learner.hasModel()) this.initialRecords = 1;
  }
}
