// The producer's end of a channel to a subtask in another process. Entries are encoded (batches with the edge's
// codec, control elements as small frames) and written to the link at once, so the batch goes back to its writer
// straight away. Flow control is Flink's credit-based scheme: the consumer grants one credit per batch it can hold
// (the channel's capacity at the start, one more each time it consumed one), a batch spends one, and the channel is
// full while no credit is left — so at most `capacity` batches of a channel are ever in flight or queued at the
// consumer, whatever the network does, and backpressure crosses processes.
import type { RecordBatch } from "../../core/record-batch.js";
import { type ChannelEntry, isControl } from "../../core/elements.js";
import type { BatchCodec } from "../batch-codec.js";
import type { OutputChannel } from "../channel-endpoints.js";
import { BARRIER, BATCH, CREDIT, END, STATUS_ACTIVE, STATUS_IDLE, WATERMARK } from "./tcp-frames.js";
import type { FrameReceiver, TcpLink } from "./tcp-link.js";

export class TcpOutputChannel implements OutputChannel, FrameReceiver {
  readonly recycled: RecordBatch[] = [];
  private readonly channel: number;
  private credits: number;
  recordsSent = 0;
  bytesSent = 0;
  /** Writes the batch the codec prepared last (made once: a closure per batch would be garbage per batch). */
  private readonly writePrepared = (target: Buffer, offset: number): number => this.codec.write(target, offset);

  constructor(
    readonly id: string,
    private readonly link: TcpLink,
    private readonly codec: BatchCodec,
    /** Batches the consumer can hold: the credits it grants at the start. */
    capacity: number,
    /** Called when credits arrive for a channel that was full (wakes the producer's scheduler). */
    private readonly onWritable: () => void,
  ) {
    this.credits = capacity;
    this.channel = link.openOutput(id, this);
  }

  push(entry: ChannelEntry): void {
    if (!isControl(entry)) {
      const batch = entry as RecordBatch;
      this.credits--;
      this.recordsSent += batch.length;
      const bound = this.codec.prepare(batch);
      this.bytesSent += this.link.send(this.channel, BATCH, bound, this.writePrepared);
      batch.clear();
      this.recycled.push(batch);
      return;
    }
    switch (entry.kind) {
      case "watermark": {
        const ts = entry.timestamp;
        this.link.send(this.channel, WATERMARK, 8, (target, offset) => target.writeDoubleLE(ts, offset) - offset);
        return;
      }
      case "watermark-status":
        this.link.send(this.channel, entry.idle ? STATUS_IDLE : STATUS_ACTIVE, 0, null);
        return;
      case "barrier": {
        const { checkpointId, timestamp, savepoint } = entry;
        this.link.send(this.channel, BARRIER, 24, (target, offset) => {
          target.writeDoubleLE(checkpointId, offset);
          target.writeDoubleLE(timestamp, offset + 8);
          target.writeDoubleLE(savepoint ? 1 : 0, offset + 16);
          return 24;
        });
        return;
      }
      case "end-of-input":
        this.link.send(this.channel, END, 0, null);
        return;
    }
  }

  isFull(): boolean {
    return this.credits <= 0;
  }

  receive(kind: number, payload: Buffer): void {
    if (kind !== CREDIT) throw new Error(`channel ${this.id}: the consumer sent a frame of kind ${kind} (only credits go back)`);
    const wasFull = this.credits <= 0;
    this.credits += payload.readUInt32LE(0);
    if (wasFull && this.credits > 0) this.onWritable();
  }
}
