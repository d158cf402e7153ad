// The sink operator: hands every record to the SinkWriter of its subtask.
import type { RecordBatch } from "../core/record-batch.js";
import { SinkBatchFailure, type Sink, type SinkWriter } from "../connectors/sink.js";
import { isTwoPhaseCommitWriter, type TwoPhaseCommitWriter } from "../connectors/two-phase-commit.js";
import { AbstractStreamOperator, type DirectRecordWriter } from "./operator.js";

export class SinkOperator<T> extends AbstractStreamOperator<never> {
  private writer!: SinkWriter<T>;
  private transactional: TwoPhaseCommitWriter<T, unknown> | null = null;
  /**
   * Pre-committed transactions not committed yet, oldest first: waiting for their checkpoint to complete, or being
   * committed (they stay until the commit resolved, so that a checkpoint taken meanwhile still holds them).
   */
  private pending: { checkpointId: number; transaction: unknown }[] = [];
  /** The entries of `pending` whose commit is under way (a later notification does not commit them again). */
  private readonly committing = new Set<{ checkpointId: number; transaction: unknown }>();
  private recovered: unknown[] = [];
  /** Set once the writer is known to be two-phase: the subtask then injects commit faults here. */
  commitsOnCheckpoint = false;
  private readonly context = { timestamp: null as number | null, currentWatermark: Number.NEGATIVE_INFINITY };

  constructor(name: string, private readonly sink: Sink<T>) {
    super(name);
  }

  override async open(): Promise<void> {
    this.writer = await this.sink.createWriter({
      subtaskIndex: this.ctx.subtaskIndex,
      parallelism: this.ctx.parallelism,
      jobName: this.ctx.jobName,
      operatorName: this.name,
      attemptNumber: this.ctx.attemptNumber,
      clock: this.ctx.clock,
    });
    if (isTwoPhaseCommitWriter(this.writer as SinkWriter<unknown>)) {
      this.transactional = this.writer as TwoPhaseCommitWriter<T, unknown>;
      this.commitsOnCheckpoint = true;
      // why: a crash may have come between pre-commit and commit; those transactions must still land
      const restored = this.recovered;
      this.recovered = [];
      if (restored.length > 0) await this.transactional.recoverAndCommit(restored);
      // why: the writer may clean up what a failed attempt left, keeping what the checkpoint names
      await this.transactional.recoverAndAbort?.(restored);
    }
  }

  protected override snapshotOperatorState(checkpointId: number): unknown[] | undefined | Promise<unknown[]> {
    if (this.transactional === null) {
      // why: as Flink's SinkWriter.flush before a barrier — what a writer still buffers (stdout's gathered lines) goes
      // out before the checkpoint counts it as written, so a job cancelled and restored from it skips no record
      try {
        this.writer.flush?.(false);
      } catch (e) {
        throw this.failure(e);
      }
      return undefined;
    }
    const transaction = this.transactional.preCommit(checkpointId);
    if (!(transaction instanceof Promise)) return this.preCommitted(checkpointId, transaction);
    // why: the writer takes the next records into its next transaction at once; the checkpoint waits for this one
    return transaction.then((t) => this.preCommitted(checkpointId, t));
  }

  /** The state of checkpoint `checkpointId`: every transaction pre-committed up to it and not committed yet. */
  private preCommitted(checkpointId: number, transaction: unknown): unknown[] {
    if (transaction !== null) this.pending.push({ checkpointId, transaction });
    return this.pending.filter((p) => p.checkpointId <= checkpointId).map((p) => p.transaction);
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    this.recovered = [...state];
  }

  override async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    if (this.transactional === null) return;
    const due = this.pending.filter((p) => p.checkpointId <= checkpointId && !this.committing.has(p));
    if (due.length === 0) return;
    // why they stay pending until the commit resolved: records and barriers flow while it runs, and a checkpoint taken
    // meanwhile that left them out would, restored after a failure that cut the commit short, lose them
    for (const p of due) this.committing.add(p);
    try {
      await this.transactional.commit(due.map((p) => p.transaction));
    } catch (e) {
      throw this.failure(e);
    } finally {
      for (const p of due) this.committing.delete(p);
    }
    const committed = new Set(due);
    this.pending = this.pending.filter((p) => !committed.has(p));
  }

  protected override onWatermark(timestamp: number): void {
    this.writer.processWatermark?.(timestamp);
  }

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const ctx = this.context;
    ctx.currentWatermark = this.currentWatermark();
    if (this.writer.writeBatch !== undefined) {
      // why: one call per batch; the writer's own loop calls the user's function directly
      try {
        this.writer.writeBatch(batch, ctx);
      } catch (e) {
        if (e instanceof SinkBatchFailure) throw this.failure(e.error, values[e.index]);
        throw this.failure(e);
      }
      return;
    }
    let i = 0;
    try {
      for (; i < n; i++) {
        const ts = timestamps[i]!;
        ctx.timestamp = ts === Number.NEGATIVE_INFINITY ? null : ts;
        this.writer.write(values[i]!, ctx);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  /** The writer's record-only function for a source chained right before (not for a two-phase writer). */
  directRecordWriter(): DirectRecordWriter<T> | null {
    const write = this.writer?.recordFunction;
    if (write === undefined || this.transactional !== null) return null;
    return { write, failure: (cause, record) => this.failure(cause, record) };
  }

  availability(): Promise<void> | null {
    return this.writer.availability?.() ?? null;
  }

  override finish(): void {
    try {
      this.writer.flush?.(true);
    } catch (e) {
      throw this.failure(e);
    }
  }

  override async close(): Promise<void> {
    await this.writer?.close?.();
  }
}
