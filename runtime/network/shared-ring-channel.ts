// A channel whose two ends live in different worker threads: a single-producer single-consumer byte ring in a
// SharedArrayBuffer, carrying length-prefixed frames (an encoded record batch or a control element). The producer
// encodes a batch straight into the ring, so the batch object goes back to its writer at once; the consumer decodes
// frames into batches of its own. Doorbells (doorbell.ts) wake a sleeping worker: the producer rings the consumer's
// after writing, the consumer rings the producer's after freeing room the producer waits for.
//
// Ring buffer layout (Int32 header slots, each on its own 64-byte line so the two threads do not share one):
//   byte   0  write position: bytes written so far (mod 2^32), set by the producer after the frames are in place
//   byte  64  read position: bytes consumed so far, set by the consumer after it decoded them
//   byte 128  producer waiting: 1 while the producer reports full and wants the consumer's ring when room appears
//   byte 144  the producer's worker, byte 160 the consumer's: whose doorbell to ring (a subtask that moves between
//             workers — work stealing — claims its rings, and its peers ring the new owner from then on)
//   byte 192  the data: `capacity` bytes (a power of two); position p is at data offset p & (capacity - 1)
// A frame is 8-aligned and never wraps: an i32 payload length and an i32 kind, then the payload. Where a frame does
// not fit before the end, a PAD frame sends the reader back to offset 0. A batch that finds no room is encoded aside
// and waits in an overflow queue; if it is larger than half the ring it goes as a BIG_START frame (its total length)
// and BIG_PART frames the consumer joins again (a frame of at most half the ring always fits once the ring drains).
import { Buffer } from "node:buffer";
import {
  ACTIVE, type BarrierElement, type ChannelEntry, type ControlElement, END_OF_INPUT, IDLE, isControl, watermark,
} from "../core/elements.js";
import { EddyError } from "../core/errors.js";
import { RecordBatch } from "../core/record-batch.js";
import type { BatchCodec } from "./batch-codec.js";
import type { InputChannel, OutputChannel } from "./channel-endpoints.js";
import type { Doorbell } from "./doorbell.js";

/** A ring as plain data: postMessage gives both threads the same buffer. */
export interface RingSpec {
  readonly id: string;
  readonly buffer: SharedArrayBuffer;
}

const WRITE = 0;
const READ = 16;
const WAITING = 32;
const PRODUCER_WORKER = 36;
const CONSUMER_WORKER = 40;
const DATA = 192;
const FRAME_HEADER = 8;
/** The smallest ring: a few control frames. */
const MIN_CAPACITY = 64;

const PAD = 0;
const BATCH = 1;
const WATERMARK = 2;
const STATUS_IDLE = 3;
const STATUS_ACTIVE = 4;
const BARRIER = 5;
const END = 6;
const BIG_START = 7;
const BIG_PART = 8;

const align8 = (n: number): number => (n + 7) & ~7;

/**
 * A ring of at least `capacityBytes` (rounded up to a power of two) for channel `id`, between the subtask on worker
 * `producerWorker` and the one on `consumerWorker` (indexes into the doorbells the ends are given as an array).
 */
export function allocateRing(id: string, capacityBytes: number, producerWorker = 0, consumerWorker = 0): RingSpec {
  if (!Number.isFinite(capacityBytes) || capacityBytes <= 0 || capacityBytes > 2 ** 30) {
    throw new RangeError(`ring ${id}: capacity must be in (0, 2^30] bytes, got ${capacityBytes}`);
  }
  let capacity = MIN_CAPACITY;
  while (capacity < capacityBytes) capacity *= 2;
  const buffer = new SharedArrayBuffer(DATA + capacity);
  const header = new Int32Array(buffer, 0, DATA / 4);
  header[PRODUCER_WORKER] = producerWorker;
  header[CONSUMER_WORKER] = consumerWorker;
  return { id, buffer };
}

/**
 * Who to ring: one doorbell (the other end never moves), or every worker's, indexed by the worker the ring's header
 * names for the other end (it changes when that end's subtask moves to another worker).
 */
export type RingBells = Doorbell | readonly Doorbell[];

function ringOther(bells: RingBells, header: Int32Array, slot: number): void {
  if (Array.isArray(bells)) (bells as readonly Doorbell[])[Atomics.load(header, slot)]!.ring();
  else (bells as Doorbell).ring();
}

/** What both ends read from a spec. */
class RingView {
  readonly header: Int32Array;
  readonly data: Buffer;
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly capacity: number;
  readonly mask: number;

  constructor(spec: RingSpec) {
    const capacity = spec.buffer.byteLength - DATA;
    if (capacity < MIN_CAPACITY || (capacity & (capacity - 1)) !== 0) {
      throw new EddyError("internal", `ring ${spec.id}: a buffer of ${spec.buffer.byteLength} bytes is not one of allocateRing`);
    }
    this.header = new Int32Array(spec.buffer, 0, DATA / 4);
    this.data = Buffer.from(spec.buffer, DATA, capacity);
    this.i32 = new Int32Array(spec.buffer, DATA, capacity / 4);
    this.f64 = new Float64Array(spec.buffer, DATA, capacity / 8);
    this.capacity = capacity;
    this.mask = capacity - 1;
  }
}

/** An encoded entry waiting for room: a whole frame, or a big batch going out in parts. */
interface Pending {
  readonly kind: number;
  readonly payload: Uint8Array;
  /** Records in it (metrics). */
  readonly records: number;
  /** Payload bytes already in the ring (big batches). */
  sent: number;
}

/** The producer's end. */
export class RingOutputChannel implements OutputChannel {
  readonly id: string;
  readonly recycled: RecordBatch[] = [];
  /** Bytes of the frames written to the ring (headers included, alignment and wrap padding not) and their records (metrics). */
  bytesSent = 0;
  recordsSent = 0;
  /** Entries that found no room when pushed and waited in the overflow queue (metrics: a ring too small). */
  overflowed = 0;
  private readonly ring: RingView;
  private readonly overflow: (Pending | undefined)[] = [];
  private overflowHead = 0;
  private write: number;
  /** The consumer's read position as last seen: only ever behind the real one, so free space is underestimated. */
  private readCache: number;
  /** A payload larger than this goes out as a big batch in parts. */
  private readonly maxFramePayload: number;
  private readonly partPayload: number;
  private readonly fullAt: number;

  constructor(spec: RingSpec, private readonly codec: BatchCodec, private readonly bells: RingBells) {
    this.id = spec.id;
    this.ring = new RingView(spec);
    this.write = Atomics.load(this.ring.header, WRITE);
    this.readCache = Atomics.load(this.ring.header, READ);
    // why half: a frame of at most half the ring always fits before the end or after a wrap once the ring drains
    this.maxFramePayload = this.ring.capacity / 2 - FRAME_HEADER;
    this.partPayload = this.ring.capacity / 4 - FRAME_HEADER;
    this.fullAt = (this.ring.capacity * 3) / 4;
  }

  push(entry: ChannelEntry): void {
    const before = this.write;
    if (this.overflowHead < this.overflow.length) this.drain();
    if (isControl(entry)) this.pushControl(entry);
    else this.pushBatch(entry);
    if (this.write !== before) this.ringConsumer();
  }

  private ringConsumer(): void {
    ringOther(this.bells, this.ring.header, CONSUMER_WORKER);
  }

  /**
   * Whether this end holds nothing the ring has not got yet (no overflow): only then may its subtask move to another
   * worker, whose end of the same ring starts from the ring's header.
   */
  isSettled(): boolean {
    return this.overflowHead === this.overflow.length;
  }

  /** This worker's copy of the producer's subtask takes over the ring: peers ring `worker`; positions from the header. */
  claim(worker: number): void {
    Atomics.store(this.ring.header, PRODUCER_WORKER, worker);
    this.write = Atomics.load(this.ring.header, WRITE);
    this.readCache = Atomics.load(this.ring.header, READ);
  }

  isFull(): boolean {
    if (this.overflowHead < this.overflow.length) {
      const before = this.write;
      this.drain();
      if (this.write !== before) this.ringConsumer();
    }
    if (!this.looksFull()) return false;
    // why set the flag, then look again: the consumer frees room, then reads the flag; in between one of us sees
    // the other (sequentially consistent atomics), so either we find room now or it rings our bell
    Atomics.store(this.ring.header, WAITING, 1);
    this.readCache = Atomics.load(this.ring.header, READ);
    if (this.overflowHead < this.overflow.length) {
      const before = this.write;
      this.drain();
      if (this.write !== before) this.ringConsumer();
    }
    return this.looksFull();
  }

  /** Bytes in the ring not yet consumed, as far as this end knows (metrics: fill level). */
  get usedBytes(): number {
    return (this.write - this.readCache) | 0;
  }

  /** Entries encoded but not yet in the ring. */
  get overflowLength(): number {
    return this.overflow.length - this.overflowHead;
  }

  private looksFull(): boolean {
    if (this.overflowHead < this.overflow.length) return true;
    if (((this.write - this.readCache) | 0) <= this.fullAt) return false;
    this.readCache = Atomics.load(this.ring.header, READ);
    return ((this.write - this.readCache) | 0) > this.fullAt;
  }

  private pushBatch(batch: RecordBatch): void {
    const bound = this.codec.prepare(batch);
    const records = batch.length;
    // why up to the whole ring here but half in the overflow: a frame that fits now may be written now; one that
    // must wait for room is only sure to fit some day if it is at most half the ring (else it goes in parts)
    if (this.overflowHead === this.overflow.length && FRAME_HEADER + bound <= this.ring.capacity) {
      const at = this.reserve(FRAME_HEADER + bound);
      if (at >= 0) {
        const length = this.codec.write(this.ring.data, at + FRAME_HEADER);
        this.commit(at, length, BATCH, records);
        this.recycle(batch);
        return;
      }
    }
    // why encode now even without room: the batch goes back to the writer, and its records may change afterwards
    const aside = Buffer.from(new ArrayBuffer(align8(bound)));
    const length = this.codec.write(aside, 0);
    this.recycle(batch);
    this.overflow.push({ kind: BATCH, payload: aside.subarray(0, length), records, sent: 0 });
    this.overflowed++;
    this.drain();
  }

  private pushControl(element: ControlElement): void {
    let kind: number;
    let payload = 0;
    switch (element.kind) {
      case "watermark": kind = WATERMARK; payload = 8; break;
      case "watermark-status": kind = element.idle ? STATUS_IDLE : STATUS_ACTIVE; break;
      case "barrier": kind = BARRIER; payload = 24; break;
      case "end-of-input": kind = END; break;
    }
    if (this.overflowHead === this.overflow.length) {
      const at = this.reserve(FRAME_HEADER + payload);
      if (at >= 0) {
        writeControl(this.ring.f64, (at + FRAME_HEADER) >> 3, element);
        this.commit(at, payload, kind, 0);
        return;
      }
    }
    const bytes = new Uint8Array(payload);
    if (payload > 0) writeControl(new Float64Array(bytes.buffer), 0, element);
    this.overflow.push({ kind, payload: bytes, records: 0, sent: 0 });
    this.overflowed++;
  }

  private recycle(batch: RecordBatch): void {
    batch.length = 0;
    if (this.recycled.length < 4) this.recycled.push(batch);
  }

  /** Moves as much of the overflow into the ring as fits, in order. */
  private drain(): void {
    const queue = this.overflow;
    while (this.overflowHead < queue.length) {
      const item = queue[this.overflowHead]!;
      const done = item.payload.length <= this.maxFramePayload ? this.drainWhole(item) : this.drainParts(item);
      if (!done) return;
      queue[this.overflowHead++] = undefined;
    }
    queue.length = 0;
    this.overflowHead = 0;
  }

  private drainWhole(item: Pending): boolean {
    const at = this.reserve(FRAME_HEADER + item.payload.length);
    if (at < 0) return false;
    this.ring.data.set(item.payload, at + FRAME_HEADER);
    this.commit(at, item.payload.length, item.kind, item.records);
    return true;
  }

  private drainParts(item: Pending): boolean {
    const total = item.payload.length;
    if (item.sent === 0) {
      const at = this.reserve(FRAME_HEADER + 8);
      if (at < 0) return false;
      this.ring.i32[(at + FRAME_HEADER) >> 2] = total;
      this.ring.i32[((at + FRAME_HEADER) >> 2) + 1] = 0;
      this.commit(at, 8, BIG_START, 0);
    }
    while (item.sent < total) {
      const part = Math.min(total - item.sent, this.partPayload);
      const at = this.reserve(FRAME_HEADER + part);
      if (at < 0) return false;
      this.ring.data.set(item.payload.subarray(item.sent, item.sent + part), at + FRAME_HEADER);
      item.sent += part;
      this.commit(at, part, BIG_PART, item.sent === total ? item.records : 0);
    }
    return true;
  }

  /**
   * The data offset where `size` contiguous bytes are free, or -1. When they fit only after a wrap, the offset is 0
   * and commit writes the PAD frame that tells the reader to wrap.
   */
  private reserve(size: number): number {
    const framed = align8(size);
    const at = this.write & this.ring.mask;
    const tail = this.ring.capacity - at;
    const needed = framed <= tail ? framed : tail + framed;
    if (this.ring.capacity - ((this.write - this.readCache) | 0) < needed) {
      this.readCache = Atomics.load(this.ring.header, READ);
      if (this.ring.capacity - ((this.write - this.readCache) | 0) < needed) return -1;
    }
    return framed <= tail ? at : 0;
  }

  /** Publishes the frame reserved at `at` (after a PAD if it wrapped). */
  private commit(at: number, payload: number, kind: number, records: number): void {
    const i32 = this.ring.i32;
    const from = this.write & this.ring.mask;
    let advance = FRAME_HEADER + align8(payload);
    if (at !== from) {
      // wrapped: PAD from `from` to the end
      i32[from >> 2] = this.ring.capacity - from - FRAME_HEADER;
      i32[(from >> 2) + 1] = PAD;
      advance += this.ring.capacity - from;
    }
    i32[at >> 2] = payload;
    i32[(at >> 2) + 1] = kind;
    this.write = (this.write + advance) | 0;
    this.bytesSent += FRAME_HEADER + payload;
    this.recordsSent += records;
    // why an atomic store last: it publishes the frame bytes written above to the consumer's atomic load
    Atomics.store(this.ring.header, WRITE, this.write);
  }
}

function writeControl(f64: Float64Array, at: number, element: ControlElement): void {
  if (element.kind === "watermark") f64[at] = element.timestamp;
  else if (element.kind === "barrier") {
    f64[at] = element.checkpointId;
    f64[at + 1] = element.timestamp;
    f64[at + 2] = element.savepoint ? 1 : 0;
  }
}

/** The consumer's end. */
export class RingInputChannel implements InputChannel {
  readonly id: string;
  ended = false;
  readonly recycled: RecordBatch[] = [];
  private readonly ring: RingView;
  private read: number;
  /** The producer's write position as last seen: only ever behind the real one. */
  private writeCache: number;
  /** A big batch being joined from its parts. */
  private big: Buffer | null = null;
  private bigLength = 0;
  private bigReceived = 0;

  constructor(spec: RingSpec, private readonly codec: BatchCodec, private readonly bells: RingBells) {
    this.id = spec.id;
    this.ring = new RingView(spec);
    this.read = Atomics.load(this.ring.header, READ);
    this.writeCache = Atomics.load(this.ring.header, WRITE);
  }

  /** Whether the producer has written what this end has not consumed, read from the header (any worker may ask). */
  hasUnread(): boolean {
    return Atomics.load(this.ring.header, WRITE) !== Atomics.load(this.ring.header, READ);
  }

  /** Whether no big batch is half joined here: only then may the consumer's subtask move to another worker. */
  isSettled(): boolean {
    return this.bigReceived >= this.bigLength;
  }

  /** This worker's copy of the consumer's subtask takes over the ring: peers ring `worker`; positions from the header. */
  claim(worker: number): void {
    Atomics.store(this.ring.header, CONSUMER_WORKER, worker);
    this.read = Atomics.load(this.ring.header, READ);
    this.writeCache = Atomics.load(this.ring.header, WRITE);
    this.bigLength = this.bigReceived = 0;
  }

  isEmpty(): boolean {
    if (this.read !== this.writeCache) return false;
    this.writeCache = Atomics.load(this.ring.header, WRITE);
    return this.read === this.writeCache;
  }

  poll(): ChannelEntry | undefined {
    const { i32, f64, data, mask, capacity } = this.ring;
    for (;;) {
      if (this.read === this.writeCache) {
        this.writeCache = Atomics.load(this.ring.header, WRITE);
        if (this.read === this.writeCache) return undefined;
      }
      const at = this.read & mask;
      const length = i32[at >> 2]!;
      const kind = i32[(at >> 2) + 1]!;
      const payload = at + FRAME_HEADER;
      switch (kind) {
        case PAD:
          // why no release here: nothing was consumed; the frame after it is read next
          this.read = (this.read + (capacity - at)) | 0;
          continue;
        case BATCH: {
          const batch = this.recycled.pop() ?? new RecordBatch();
          this.codec.decode(data, payload, length, batch);
          this.release(length);
          return batch;
        }
        case WATERMARK: {
          const element = watermark(f64[payload >> 3]!);
          this.release(length);
          return element;
        }
        case STATUS_IDLE:
          this.release(length);
          return IDLE;
        case STATUS_ACTIVE:
          this.release(length);
          return ACTIVE;
        case END:
          this.release(length);
          return END_OF_INPUT;
        case BARRIER: {
          const element: BarrierElement = {
            kind: "barrier",
            checkpointId: f64[payload >> 3]!,
            timestamp: f64[(payload >> 3) + 1]!,
            savepoint: f64[(payload >> 3) + 2] === 1,
          };
          this.release(length);
          return element;
        }
        case BIG_START: {
          const total = i32[payload >> 2]!;
          if (this.big === null || this.big.length < total) this.big = Buffer.from(new ArrayBuffer(align8(total)));
          this.bigLength = total;
          this.bigReceived = 0;
          this.release(length);
          continue;
        }
        case BIG_PART: {
          const big = this.big;
          if (big === null) throw new EddyError("internal", `ring ${this.id}: a BIG_PART frame without BIG_START`);
          data.copy(big, this.bigReceived, payload, payload + length);
          this.bigReceived += length;
          this.release(length);
          if (this.bigReceived < this.bigLength) continue;
          const batch = this.recycled.pop() ?? new RecordBatch();
          this.codec.decode(big, 0, this.bigLength, batch);
          // why: a big buffer kept would hold the memory of the largest batch ever for the channel's life
          if (big.length > capacity) this.big = null;
          return batch;
        }
        default:
          throw new EddyError("internal", `ring ${this.id}: unknown frame kind ${kind} at position ${this.read}`);
      }
    }
  }

  /** Frees the frame just read (of `payload` bytes) and rings the producer if it waits for room. */
  private release(payload: number): void {
    this.read = (this.read + FRAME_HEADER + align8(payload)) | 0;
    const header = this.ring.header;
    Atomics.store(header, READ, this.read);
    if (Atomics.load(header, WAITING) !== 0) {
      Atomics.store(header, WAITING, 0);
      ringOther(this.bells, header, PRODUCER_WORKER);
    }
  }
}
