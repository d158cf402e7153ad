// The sink operator: hands every record to the SinkWriter of its subtask.
import type { RecordBatch } from "../core/record-batch.js";
import type { Sink, SinkWriter } from "../connectors/sink.js";
import { AbstractStreamOperator } from "./operator.js";

export class SinkOperator<T> extends AbstractStreamOperator<never> {
  private writer!: SinkWriter<T>;
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
    });
  }

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const ctx = this.context;
    ctx.currentWatermark = this.currentWatermark();
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
