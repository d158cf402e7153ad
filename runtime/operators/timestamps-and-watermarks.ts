// assignTimestampsAndWatermarks in the middle of a stream: assigns timestamps and replaces the
// upstream watermarks with ones generated from the data (upstream watermarks are swallowed, as in Flink).
import type { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import type { WatermarkGenerator, WatermarkOutput } from "../time/watermark-generator.js";
import type { TimestampAssigner, WatermarkStrategy } from "../time/watermark-strategy.js";
import { AbstractStreamOperator } from "./operator.js";

export class TimestampsAndWatermarksOperator<T> extends AbstractStreamOperator<T> implements WatermarkOutput {
  private generator!: WatermarkGenerator<T>;
  private assigner: TimestampAssigner<T> | null = null;
  private lastEmitted = Number.NEGATIVE_INFINITY;

  /** Movable when the generator hands over its state (a user's generator without moveState keeps the subtask put). */
  readonly movable: boolean;

  constructor(name: string, private readonly strategy: WatermarkStrategy<T>) {
    super(name);
    this.movable = strategy.generatorsMove();
  }

  override moveState(): unknown {
    return { inputs: super.moveState(), lastEmitted: this.lastEmitted, generator: this.generator.moveState!() };
  }

  override restoreMoveState(state: unknown): void {
    const s = state as { inputs: unknown; lastEmitted: number; generator: unknown };
    super.restoreMoveState(s.inputs);
    this.lastEmitted = s.lastEmitted;
    this.generator.restoreMoveState!(s.generator);
  }

  override open(): void {
    this.generator = this.strategy.buildGenerator({ now: () => this.ctx.clock.now() });
    this.assigner = this.strategy.timestampAssigner;
  }

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const out = this.output;
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        const ts = this.assigner === null ? timestamps[i]! : this.assigner(v, timestamps[i]!);
        this.generator.onEvent(v, ts, this);
        out.collect(v, ts);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
    if (this.ctx.executionMode === "STREAMING") this.generator.onPeriodicEmit(this);
  }

  override processWatermark(timestamp: number): void {
    // why: only the end-of-input watermark passes; the others are replaced by this operator's own
    if (timestamp === MAX_WATERMARK) this.emitWatermark(MAX_WATERMARK);
  }

  emitWatermark(timestamp: number): void {
    if (timestamp <= this.lastEmitted) return;
    this.lastEmitted = timestamp;
    this.output.emitWatermark(timestamp);
  }
  markIdle(): void {
    this.output.emitWatermarkStatus(true);
  }
  markActive(): void {
    this.output.emitWatermarkStatus(false);
  }
  override currentWatermark(): number {
    return this.lastEmitted;
  }
}
