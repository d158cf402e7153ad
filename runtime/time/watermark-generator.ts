// Watermark generators (Flink's WatermarkGenerator): derive watermarks from events and/or time.
import { MIN_WATERMARK } from "../core/time.js";

export interface WatermarkOutput {
  emitWatermark(timestamp: number): void;
  markIdle(): void;
  markActive(): void;
}

export interface WatermarkGenerator<T> {
  /** Called for every event, after its timestamp was assigned. */
  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
  /** Called after each batch of events (data-driven mode) or on the periodic interval. */
  onPeriodicEmit(output: WatermarkOutput): void;
  /** Resumes from the last watermark emitted before a checkpoint (optional). */
  restoreWatermarkState?(watermark: number): void;
  /**
   * The generator's whole state as plain data, for a copy on another worker to continue from exactly (a source
   * that moves: work stealing); a generator without it keeps its source where it was placed.
   */
  moveState?(): unknown;
  restoreMoveState?(state: unknown): void;
}

/**
 * Watermark = max timestamp seen − bound − 1, as Flink: the −1 makes "no more events at or before
 * the watermark" exact, so a window [s, e) fires once the watermark reaches e − 1.
 */
export class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
  private maxTimestamp: number;
  constructor(private readonly outOfOrdernessMillis: number) {
    if (!(outOfOrdernessMillis >= 0)) throw new RangeError(`out-of-orderness bound must be ≥ 0, got ${outOfOrdernessMillis}`);
    this.maxTimestamp = MIN_WATERMARK;
  }
  onEvent(_event: T, eventTimestamp: number, _output?: WatermarkOutput): void {
    if (eventTimestamp > this.maxTimestamp) this.maxTimestamp = eventTimestamp;
  }
  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.maxTimestamp !== MIN_WATERMARK) output.emitWatermark(this.maxTimestamp - this.outOfOrdernessMillis - 1);
  }
  restoreWatermarkState(watermark: number): void {
    if (watermark !== MIN_WATERMARK) this.maxTimestamp = Math.max(this.maxTimestamp, watermark + this.outOfOrdernessMillis + 1);
  }
  moveState(): unknown {
    return this.maxTimestamp;
  }
  restoreMoveState(state: unknown): void {
    this.maxTimestamp = state as number;
  }
}

/** For in-order streams: bounded out-of-orderness with bound 0. */
export class AscendingTimestampsWatermarks<T> extends BoundedOutOfOrdernessWatermarks<T> {
  constructor() {
    super(0);
  }
}

export class NoWatermarksGenerator<T> implements WatermarkGenerator<T> {
  onEvent(): void {}
  onPeriodicEmit(): void {}
  moveState(): unknown {
    return 0;
  }
  restoreMoveState(): void {}
}

/**
 * Marks the stream idle when no event arrived for `idleTimeout` ms of processing time, so a quiet
 * partition does not hold back the combined watermark; the first new event makes it active again.
 */
export class WatermarksWithIdleness<T> implements WatermarkGenerator<T> {
  private lastActivity: number;
  private idle = false;

  constructor(
    private readonly inner: WatermarkGenerator<T>,
    readonly idleTimeout: number,
    private readonly now: () => number,
  ) {
    if (!(idleTimeout > 0)) throw new RangeError(`idle timeout must be positive, got ${idleTimeout}`);
    this.lastActivity = now();
  }

  onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void {
    this.lastActivity = this.now();
    if (this.idle) {
      this.idle = false;
      output.markActive();
    }
    this.inner.onEvent(event, eventTimestamp, output);
  }

  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.idle) return;
    if (this.now() - this.lastActivity >= this.idleTimeout) {
      this.idle = true;
      output.markIdle();
      return;
    }
    this.inner.onPeriodicEmit(output);
  }

  restoreWatermarkState(watermark: number): void {
    this.inner.restoreWatermarkState?.(watermark);
  }

  moveState(): unknown {
    const inner = this.inner.moveState?.();
    return inner === undefined ? undefined : { lastActivity: this.lastActivity, idle: this.idle, inner };
  }

  restoreMoveState(state: unknown): void {
    const s = state as { lastActivity: number; idle: boolean; inner: unknown };
    this.lastActivity = s.lastActivity;
    this.idle = s.idle;
    this.inner.restoreMoveState?.(s.inner);
  }

  /** When the idleness check is due next, in processing time. */
  nextIdleCheck(): number {
    return this.lastActivity + this.idleTimeout;
  }
}
