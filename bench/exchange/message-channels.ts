// The exchange benchmark's baselines: channel ends over a MessagePort, the way worker threads pass data without
// shared memory. CloneOutputChannel posts each batch's values and timestamps (structured clone: v8 serialises every
// bid); ColumnsOutputChannel posts typed-array columns it transfers (numbers) and one joined string per string field.
// Flow control as a ring has it: at most MAX_IN_FLIGHT batches per channel, counted in shared memory.
import type { MessagePort } from "node:worker_threads";
import { type ChannelEntry, isControl } from "../../runtime/core/elements.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import type { Bid } from "../../runtime/connectors/nexmark/index.js";
import type { InputChannel, OutputChannel } from "../../runtime/network/channel-endpoints.js";
import type { Doorbell } from "../../runtime/network/doorbell.js";

/** Batches in flight per channel: about what a 1 MiB ring holds of 1,024 bids (≈ 160 KB each). */
export const MAX_IN_FLIGHT = 8;

/** Messages come in on the port's queue; the consumer takes them synchronously, as it polls a ring. */
abstract class PortInput implements InputChannel {
  ended = false;
  readonly recycled: RecordBatch[] = [];
  private readonly queue: unknown[] = [];
  private head = 0;

  constructor(readonly id: string, port: MessagePort, private readonly consumed: Int32Array, private readonly index: number, private readonly producerBell: Doorbell, consumerBell: { ring(): void }) {
    port.on("message", (message: unknown) => {
      this.queue.push(message);
      consumerBell.ring();
    });
  }

  isEmpty(): boolean {
    return this.head === this.queue.length;
  }

  poll(): ChannelEntry | undefined {
    if (this.head === this.queue.length) return undefined;
    const message = this.queue[this.head]!;
    this.queue[this.head++] = undefined;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    Atomics.add(this.consumed, this.index, 1);
    this.producerBell.ring();
    if ((message as { kind?: string }).kind !== undefined) return message as ChannelEntry;
    return this.decode(message, this.recycled.pop() ?? new RecordBatch());
  }

  protected abstract decode(message: unknown, into: RecordBatch): RecordBatch;
}

abstract class PortOutput implements OutputChannel {
  readonly recycled: RecordBatch[] = [];
  bytesSent = 0;
  private sent = 0;

  constructor(readonly id: string, protected readonly port: MessagePort, private readonly consumed: Int32Array, private readonly index: number) {}

  push(entry: ChannelEntry): void {
    this.sent++;
    if (isControl(entry)) this.port.postMessage(entry);
    else {
      this.send(entry);
      entry.length = 0;
      if (this.recycled.length < 4) this.recycled.push(entry);
    }
  }

  isFull(): boolean {
    return this.sent - Atomics.load(this.consumed, this.index) >= MAX_IN_FLIGHT;
  }

  protected abstract send(batch: RecordBatch): void;
}

export class CloneOutputChannel extends PortOutput {
  protected send(batch: RecordBatch): void {
    this.port.postMessage({ values: batch.values.slice(0, batch.length), timestamps: batch.timestamps.slice(0, batch.length) });
  }
}

export class CloneInputChannel extends PortInput {
  constructor(id: string, port: MessagePort, consumed: Int32Array, index: number, producerBell: Doorbell, consumerBell: { ring(): void }) {
    super(id, port, consumed, index, producerBell, consumerBell);
  }

  protected decode(message: unknown, into: RecordBatch): RecordBatch {
    const { values, timestamps } = message as { values: unknown[]; timestamps: number[] };
    into.values = values;
    into.timestamps = timestamps;
    into.length = values.length;
    return into;
  }
}

interface Columns {
  readonly n: number;
  readonly numbers: Float64Array; // auction, bidder, price, dateTime, timestamp: 5 × n
  readonly lengths: Int32Array; // channel, url, extra: 3 × n
  readonly channel: string;
  readonly url: string;
  readonly extra: string;
}

export class ColumnsOutputChannel extends PortOutput {
  protected send(batch: RecordBatch): void {
    const n = batch.length;
    const values = batch.values as Bid[];
    const numbers = new Float64Array(5 * n);
    const lengths = new Int32Array(3 * n);
    let channel = "";
    let url = "";
    let extra = "";
    for (let i = 0; i < n; i++) {
      const b = values[i]!;
      numbers[i] = b.auction;
      numbers[n + i] = b.bidder;
      numbers[2 * n + i] = b.price;
      numbers[3 * n + i] = b.dateTime;
      numbers[4 * n + i] = batch.timestamps[i]!;
      lengths[i] = b.channel.length;
      lengths[n + i] = b.url.length;
      lengths[2 * n + i] = b.extra.length;
      channel += b.channel;
      url += b.url;
      extra += b.extra;
    }
    const message: Columns = { n, numbers, lengths, channel, url, extra };
    this.bytesSent += numbers.byteLength + lengths.byteLength + channel.length + url.length + extra.length;
    this.port.postMessage(message, [numbers.buffer, lengths.buffer]);
  }
}

export class ColumnsInputChannel extends PortInput {
  constructor(id: string, port: MessagePort, consumed: Int32Array, index: number, producerBell: Doorbell, consumerBell: { ring(): void }) {
    super(id, port, consumed, index, producerBell, consumerBell);
  }

  protected decode(message: unknown, into: RecordBatch): RecordBatch {
    const { n, numbers, lengths, channel, url, extra } = message as Columns;
    const values = into.values as Bid[];
    let c = 0;
    let u = 0;
    let e = 0;
    for (let i = 0; i < n; i++) {
      values[i] = {
        auction: numbers[i]!,
        bidder: numbers[n + i]!,
        price: numbers[2 * n + i]!,
        channel: channel.slice(c, (c += lengths[i]!)),
        url: url.slice(u, (u += lengths[n + i]!)),
        dateTime: numbers[3 * n + i]!,
        extra: extra.slice(e, (e += lengths[2 * n + i]!)),
      };
      into.timestamps[i] = numbers[4 * n + i]!;
    }
    into.length = n;
    return into;
  }
}
