// Writes an operator's records to the channels of one outgoing edge, partitioned, in batches.
import { ACTIVE, type BarrierElement, END_OF_INPUT, IDLE, watermark } from "../core/elements.js";
import { RecordBatch } from "../core/record-batch.js";
import type { ChannelSelector } from "../graph/partitioner.js";
import type { OutputTarget } from "../operators/output.js";
import type { OutputChannel } from "../network/channel-endpoints.js";

export class RecordWriter implements OutputTarget {
  private readonly pending: RecordBatch[];

  constructor(
    readonly channels: readonly OutputChannel[],
    private readonly selector: ChannelSelector,
    private readonly batchSize: number,
  ) {
    this.pending = channels.map(() => new RecordBatch(batchSize));
  }

  push(value: unknown, timestamp: number): void {
    const c = this.channels.length === 1 ? 0 : this.selector.select(value);
    if (c >= 0) this.append(c, value, timestamp);
    else for (let i = 0; i < this.channels.length; i++) this.append(i, value, timestamp);
  }

  pushBatch(batch: RecordBatch): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    if (this.channels.length === 1) for (let i = 0; i < n; i++) this.append(0, values[i], timestamps[i]!);
    else for (let i = 0; i < n; i++) this.push(values[i], timestamps[i]!);
  }

  private append(c: number, value: unknown, timestamp: number): void {
    const b = this.pending[c]!;
    b.values[b.length] = value;
    b.timestamps[b.length] = timestamp;
    if (++b.length === this.batchSize) this.send(c);
  }

  private send(c: number): void {
    const channel = this.channels[c]!;
    channel.push(this.pending[c]!);
    // why: the batch now belongs to the channel; take one the consumer gave back, or a new one
    this.pending[c] = channel.recycled.pop() ?? new RecordBatch(this.batchSize);
  }

  flush(): void {
    for (let c = 0; c < this.channels.length; c++) if (this.pending[c]!.length > 0) this.send(c);
  }

  watermark(timestamp: number): void {
    this.flush();
    const element = watermark(timestamp);
    for (const ch of this.channels) ch.push(element);
  }

  status(idle: boolean): void {
    this.flush();
    for (const ch of this.channels) ch.push(idle ? IDLE : ACTIVE);
  }

  barrier(element: BarrierElement): void {
    this.flush();
    for (const ch of this.channels) ch.push(element);
  }

  endOfInput(): void {
    this.flush();
    for (const ch of this.channels) ch.push(END_OF_INPUT);
  }

  /** True when every channel has room: the producer may run. */
  isAvailable(): boolean {
    for (const ch of this.channels) if (ch.isFull()) return false;
    return true;
  }
}
