// The consumer's end of a channel from a subtask in another process: frames decoded into entries as they arrive,
// queued for the input gate, and a credit sent back for every batch the gate has taken (sent together once a quarter
// of the capacity has been taken, or when the producer may be waiting: after the queue ran dry).
import { ACTIVE, type ChannelEntry, END_OF_INPUT, IDLE, watermark } from "../../core/elements.js";
import { RecordBatch } from "../../core/record-batch.js";
import type { BatchCodec } from "../batch-codec.js";
import type { InputChannel } from "../channel-endpoints.js";
import { BARRIER, BATCH, CREDIT, END, STATUS_ACTIVE, STATUS_IDLE, WATERMARK } from "./tcp-frames.js";
import type { FrameReceiver, TcpLink } from "./tcp-link.js";

export class TcpInputChannel implements InputChannel, FrameReceiver {
  ended = false;
  readonly recycled: RecordBatch[] = [];
  private readonly queue: ChannelEntry[] = [];
  private head = 0;
  /** Batches taken since the last credit frame. */
  private owed = 0;
  private channel = -1;
  private link: TcpLink | null = null;

  constructor(
    readonly id: string,
    private readonly codec: BatchCodec,
    private readonly capacity: number,
    /** Called when an entry arrives (wakes the consumer's scheduler). */
    private readonly onReadable: () => void,
  ) {}

  /** The connection and number the producer announced this channel under (credits go back there). */
  bind(link: TcpLink, channel: number): void {
    this.link = link;
    this.channel = channel;
  }

  receive(kind: number, payload: Buffer): void {
    let entry: ChannelEntry;
    switch (kind) {
      case BATCH: {
        const batch = this.recycled.pop() ?? new RecordBatch(0);
        this.codec.decode(payload, 0, payload.length, batch);
        entry = batch;
        break;
      }
      case WATERMARK: entry = watermark(payload.readDoubleLE(0)); break;
      case STATUS_IDLE: entry = IDLE; break;
      case STATUS_ACTIVE: entry = ACTIVE; break;
      case BARRIER:
        entry = { kind: "barrier", checkpointId: payload.readDoubleLE(0), timestamp: payload.readDoubleLE(8), savepoint: payload.readDoubleLE(16) === 1 };
        break;
      case END: entry = END_OF_INPUT; break;
      default: throw new Error(`channel ${this.id}: unknown frame kind ${kind}`);
    }
    this.queue.push(entry);
    this.onReadable();
  }

  poll(): ChannelEntry | undefined {
    if (this.head === this.queue.length) return undefined;
    const entry = this.queue[this.head]!;
    this.queue[this.head++] = undefined as never;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    if ((entry as { kind?: unknown }).kind === undefined) {
      this.owed++;
      if (this.owed * 4 >= this.capacity || this.head === 0) this.sendCredits();
    }
    return entry;
  }

  isEmpty(): boolean {
    return this.head === this.queue.length;
  }

  private sendCredits(): void {
    const n = this.owed;
    this.owed = 0;
    this.link!.send(this.channel, CREDIT, 8, (target, offset) => {
      target.writeUInt32LE(n, offset);
      return 4;
    });
  }
}
