// A bounded FIFO channel between two subtasks. Full means backpressure: the producer is not
// scheduled until the consumer has drained below capacity (one step may overshoot by its output).
import { type ChannelEntry, isControl } from "../core/elements.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { InputChannel, OutputChannel } from "../network/channel-endpoints.js";

/** Both ends in one thread: the producer and the consumer are subtasks of the same worker. */
export class Channel implements InputChannel, OutputChannel {
  private queue: (ChannelEntry | undefined)[] = [];
  private head = 0;
  bufferedRecords = 0;
  /** Set when END_OF_INPUT has been read from this channel. */
  ended = false;
  /** Batches the consumer is done with, for the producer to fill again (saves an allocation per batch). */
  readonly recycled: RecordBatch[] = [];

  constructor(
    readonly id: string,
    /** Records the channel holds before it reports full. */
    readonly capacity: number,
  ) {}

  push(entry: ChannelEntry): void {
    this.queue.push(entry);
    if (!isControl(entry)) this.bufferedRecords += entry.length;
  }

  poll(): ChannelEntry | undefined {
    if (this.head === this.queue.length) return undefined;
    const entry = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    // why: compact now and then so the array does not grow without bound
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (!isControl(entry)) this.bufferedRecords -= entry.length;
    return entry;
  }

  isEmpty(): boolean {
    return this.head === this.queue.length;
  }

  isFull(): boolean {
    return this.bufferedRecords >= this.capacity;
  }

  /** Entries waiting (metrics: queue length). */
  get size(): number {
    return this.queue.length - this.head;
  }
}
