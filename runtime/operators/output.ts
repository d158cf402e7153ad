// Outputs of an operator: where its records, side outputs, watermarks and idleness go.
import type { OutputTag } from "../core/output-tag.js";
import { RecordBatch } from "../core/record-batch.js";
import type { DirectRecordWriter, StreamOperator } from "./operator.js";

/** Records per batch handed from one chained operator to the next, and per channel batch. */
export const DEFAULT_BATCH_SIZE = 512;

export interface Output<T> {
  collect(value: T, timestamp: number): void;
  /**
   * Hands a whole batch on. The receiver may transform it in place and pass it further, so the
   * caller must not read it afterwards; it stays the caller's buffer to reuse once this returns.
   */
  collectBatch(batch: RecordBatch<T>): void;
  /** A record for a side output; dropped when nothing consumes that tag (as in Flink). */
  collectSide(tag: OutputTag<unknown>, value: unknown, timestamp: number): void;
  /** Forwards a watermark; records collected before it are flushed first, so order is kept. */
  emitWatermark(timestamp: number): void;
  emitWatermarkStatus(idle: boolean): void;
  /** Pushes buffered records downstream. */
  flush(): void;
  /**
   * The writer of a sink chained right behind, with nothing else consuming the records, that takes them one at a time
   * (see DirectRecordWriter); null otherwise. Records written to it directly must be counted with `countDirect`.
   */
  directRecordWriter?(): DirectRecordWriter<T> | null;
  /** Counts `n` records handed to the direct writer as records out. */
  countDirect?(n: number): void;
}

/** One destination of an operator's records: the next operator in the chain, or a network writer. */
export interface OutputTarget {
  push(value: unknown, timestamp: number): void;
  /** A whole batch; see Output.collectBatch for who owns it. */
  pushBatch(batch: RecordBatch): void;
  flush(): void;
  watermark(timestamp: number): void;
  status(idle: boolean): void;
  /** See Output.directRecordWriter. */
  directRecordWriter?(): DirectRecordWriter<unknown> | null;
}

/**
 * Hands records to the next operator of the chain in batches. The buffer is reused: the next
 * operator must consume the batch during `processBatch` and keep no reference to it.
 */
export class ChainedTarget implements OutputTarget {
  private readonly buffer: RecordBatch;
  constructor(
    private readonly next: StreamOperator<unknown>,
    private readonly input: number,
    private readonly batchSize = DEFAULT_BATCH_SIZE,
  ) {
    this.buffer = new RecordBatch(batchSize);
  }
  push(value: unknown, timestamp: number): void {
    const b = this.buffer;
    b.values[b.length] = value;
    b.timestamps[b.length] = timestamp;
    if (++b.length === this.batchSize) this.flush();
  }
  flush(): void {
    if (this.buffer.length === 0) return;
    this.next.processBatch(this.buffer, this.input);
    this.buffer.length = 0;
  }
  pushBatch(batch: RecordBatch): void {
    this.flush(); // why: records collected one by one before this batch must arrive first
    if (batch.length > 0) this.next.processBatch(batch, this.input);
  }
  watermark(timestamp: number): void {
    this.flush();
    this.next.processWatermark(timestamp, this.input);
  }
  status(idle: boolean): void {
    this.flush();
    this.next.processWatermarkStatus(idle, this.input);
  }
  directRecordWriter(): DirectRecordWriter<unknown> | null {
    // why only input 0 of a one-input operator: a sink is one; another operator never offers a direct writer
    return this.input === 0 ? (this.next.directRecordWriter?.() ?? null) : null;
  }
}

/** Routes an operator's main and side outputs to their targets and counts records out. */
export class RoutingOutput implements Output<unknown> {
  recordsOut = 0;
  /** Records sent to each consumed side output, by tag id (metrics of the operators chained behind one). */
  readonly sideRecordsOut = new Map<string, number>();
  private readonly single: OutputTarget | null;

  constructor(
    private readonly main: readonly OutputTarget[],
    private readonly sides: ReadonlyMap<string, readonly OutputTarget[]>,
  ) {
    // why: the common case (one consumer) takes a direct call instead of a loop
    this.single = main.length === 1 ? main[0]! : null;
  }

  collect(value: unknown, timestamp: number): void {
    this.recordsOut++;
    if (this.single !== null) this.single.push(value, timestamp);
    else for (const t of this.main) t.push(value, timestamp);
  }

  collectBatch(batch: RecordBatch): void {
    this.recordsOut += batch.length;
    if (this.single !== null) {
      this.single.pushBatch(batch);
      return;
    }
    // why: a receiver may change the batch in place, so all but the last get their own copy
    const last = this.main.length - 1;
    for (let t = 0; t < last; t++) this.main[t]!.pushBatch(copyOf(batch));
    if (last >= 0) this.main[last]!.pushBatch(batch);
  }

  collectSide(tag: OutputTag<unknown>, value: unknown, timestamp: number): void {
    const targets = this.sides.get(tag.id);
    if (targets === undefined) return;
    this.sideRecordsOut.set(tag.id, (this.sideRecordsOut.get(tag.id) ?? 0) + 1);
    for (const t of targets) t.push(value, timestamp);
  }

  emitWatermark(timestamp: number): void {
    for (const t of this.main) t.watermark(timestamp);
    for (const ts of this.sides.values()) for (const t of ts) t.watermark(timestamp);
  }

  emitWatermarkStatus(idle: boolean): void {
    for (const t of this.main) t.status(idle);
    for (const ts of this.sides.values()) for (const t of ts) t.status(idle);
  }

  flush(): void {
    for (const t of this.main) t.flush();
    for (const ts of this.sides.values()) for (const t of ts) t.flush();
  }

  directRecordWriter(): DirectRecordWriter<unknown> | null {
    // why one consumer only: with two, each needs the record and the batch path copies it for all but the last
    return this.single?.directRecordWriter?.() ?? null;
  }

  countDirect(n: number): void {
    this.recordsOut += n;
  }
}

function copyOf(batch: RecordBatch): RecordBatch {
  const copy = new RecordBatch(batch.length);
  for (let i = 0; i < batch.length; i++) copy.push(batch.values[i], batch.timestamps[i]!);
  return copy;
}
