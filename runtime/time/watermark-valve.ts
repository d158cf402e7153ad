// Combines the watermarks of several input channels: the minimum over channels that are not idle.
// Costs: O(1) per watermark when the minimum does not move, O(channels) when it may.
import { MIN_WATERMARK } from "../core/time.js";

export interface ValveOutput {
  watermark(timestamp: number): void;
  status(idle: boolean): void;
}

export interface WatermarkValveState {
  readonly watermarks: readonly number[];
  readonly idle: readonly boolean[];
  readonly lastEmitted: number;
  readonly allIdle: boolean;
}

/**
 * As Flink's StatusWatermarkValve: a channel's watermark only moves forward; idle channels do not
 * hold back the minimum; when every channel is idle the input as a whole is idle.
 */
export class WatermarkValve {
  private readonly watermarks: number[];
  private readonly idle: boolean[];
  private lastEmitted = MIN_WATERMARK;
  private allIdle = false;

  constructor(channels: number) {
    this.watermarks = new Array<number>(channels).fill(MIN_WATERMARK);
    this.idle = new Array<boolean>(channels).fill(false);
  }

  inputWatermark(channel: number, timestamp: number, out: ValveOutput): void {
    if (this.idle[channel] || timestamp <= this.watermarks[channel]!) return;
    this.watermarks[channel] = timestamp;
    this.emitIfAdvanced(out);
  }

  inputStatus(channel: number, idle: boolean, out: ValveOutput): void {
    if (this.idle[channel] === idle) return;
    this.idle[channel] = idle;
    const nowAllIdle = this.idle.every(Boolean);
    if (nowAllIdle !== this.allIdle) {
      this.allIdle = nowAllIdle;
      if (!nowAllIdle) out.status(false);
    }
    // why: a channel going idle may release the minimum; one becoming active may not lower it
    if (!nowAllIdle) this.emitIfAdvanced(out);
    if (nowAllIdle) out.status(true);
  }

  /** A finished channel never holds the others back again. */
  inputEnded(channel: number, out: ValveOutput): void {
    this.watermarks[channel] = Number.POSITIVE_INFINITY;
    if (this.idle[channel]) this.inputStatus(channel, false, out);
    else this.emitIfAdvanced(out);
  }

  current(): number {
    return this.lastEmitted;
  }

  /** The valve as plain data (a subtask moving to another worker takes it along). */
  exportState(): WatermarkValveState {
    return { watermarks: [...this.watermarks], idle: [...this.idle], lastEmitted: this.lastEmitted, allIdle: this.allIdle };
  }

  restoreState(state: WatermarkValveState): void {
    if (state.watermarks.length !== this.watermarks.length) throw new RangeError(`a valve of ${this.watermarks.length} channels cannot take the state of one of ${state.watermarks.length}`);
    for (let i = 0; i < state.watermarks.length; i++) {
      this.watermarks[i] = state.watermarks[i]!;
      this.idle[i] = state.idle[i]!;
    }
    this.lastEmitted = state.lastEmitted;
    this.allIdle = state.allIdle;
  }

  private emitIfAdvanced(out: ValveOutput): void {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (let i = 0; i < this.watermarks.length; i++) {
      if (this.idle[i]) continue;
      any = true;
      if (this.watermarks[i]! < min) min = this.watermarks[i]!;
    }
    if (any && min > this.lastEmitted) {
      this.lastEmitted = min;
      out.watermark(min);
    }
  }
}
