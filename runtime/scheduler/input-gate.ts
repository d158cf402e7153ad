// The channels that feed one input of a subtask, read round-robin, with their watermarks combined.
import type { ChannelEntry } from "../core/elements.js";
import type { RecordBatch } from "../core/record-batch.js";
import { WatermarkValve, type WatermarkValveState } from "../time/watermark-valve.js";
import type { InputChannel } from "../network/channel-endpoints.js";

/** A gate between two batches, as plain data: what a subtask moving to another worker takes along. */
export interface InputGateState {
  readonly next: number;
  readonly ended: readonly boolean[];
  readonly valve: WatermarkValveState;
}

export class InputGate {
  private next = 0;
  private endedChannels = 0;
  valve!: WatermarkValve;
  /** Channels held back during barrier alignment (exactly-once): not read until the checkpoint is taken. */
  blocked: boolean[] = [];

  constructor(
    readonly inputIndex: number,
    readonly channels: InputChannel[] = [],
  ) {}

  /** Called once all channels are connected. */
  seal(): void {
    this.valve = new WatermarkValve(this.channels.length);
    this.blocked = this.channels.map(() => false);
  }

  hasData(): boolean {
    for (let c = 0; c < this.channels.length; c++) if (!this.blocked[c] && !this.channels[c]!.isEmpty()) return true;
    return false;
  }

  unblockAll(): void {
    this.blocked.fill(false);
  }

  /** The next entry, rotating over channels so that no input starves; the channel index with it. */
  poll(): { entry: ChannelEntry; channel: number } | undefined {
    const n = this.channels.length;
    for (let k = 0; k < n; k++) {
      const c = (this.next + k) % n;
      if (this.blocked[c]) continue;
      const entry = this.channels[c]!.poll();
      if (entry !== undefined) {
        this.next = (c + 1) % n;
        return { entry, channel: c };
      }
    }
    return undefined;
  }

  /** The consumer is done with a batch from `channel`: it may be filled again. */
  recycle(channel: number, batch: RecordBatch): void {
    batch.length = 0;
    const ch = this.channels[channel]!;
    if (ch.recycled.length < 4) ch.recycled.push(batch);
  }

  markEnded(channel: number): boolean {
    const ch = this.channels[channel]!;
    if (!ch.ended) {
      ch.ended = true;
      this.endedChannels++;
    }
    return this.isFinished();
  }

  isFinished(): boolean {
    return this.endedChannels === this.channels.length;
  }

  /** Only between barriers: a gate that holds channels back for an alignment does not move. */
  exportState(): InputGateState {
    return { next: this.next, ended: this.channels.map((c) => c.ended), valve: this.valve.exportState() };
  }

  restoreState(state: InputGateState): void {
    this.next = state.next;
    this.endedChannels = 0;
    this.channels.forEach((c, i) => {
      c.ended = state.ended[i]!;
      if (c.ended) this.endedChannels++;
    });
    this.blocked.fill(false);
    this.valve.restoreState(state.valve);
  }
}
