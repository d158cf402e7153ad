// Flink's IntervalJoinOperator: joins two keyed streams on key and a relative event-time interval,
// buffering each side per key, sorted by timestamp, until the watermark makes it unjoinable.
import type { ProcessJoinContext, ProcessJoinFunction } from "../api/interval-join.js";
import { callableOf, type Collector, copyForSubtask } from "../api/functions.js";
import { EddyError } from "../core/errors.js";
import type { Key, NormalizedKey } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { RecordBatch } from "../core/record-batch.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { type StateSerializer, ValueStateDescriptor } from "../state/descriptors.js";
import { type StateTable, VOID_NAMESPACE } from "../state/state-table.js";
import { TimedRows } from "./interval-join-buffer.js";
import { CleanupQueue } from "./interval-join-cleanups.js";
import { AbstractStreamOperator } from "./operator.js";

/** The operator's settings; bounds are already shifted so that both are inclusive (Flink's trick). */
export interface IntervalJoinSettings<A, B> {
  /** right.ts ≥ left.ts + lowerBound */
  readonly lowerBound: number;
  /** right.ts ≤ left.ts + upperBound */
  readonly upperBound: number;
  readonly leftLateDataTag: OutputTag<A> | null;
  readonly rightLateDataTag: OutputTag<B> | null;
}

const LEFT_BUFFER = "LEFT_BUFFER";
const RIGHT_BUFFER = "RIGHT_BUFFER";

/** The context handed to the join function; one instance, its fields rewritten per joined pair. */
class JoinContext implements ProcessJoinContext {
  leftTimestamp = NO_TIMESTAMP;
  rightTimestamp = NO_TIMESTAMP;
  timestamp = NO_TIMESTAMP;
  constructor(private readonly sideOutput: (tag: OutputTag<unknown>, value: unknown, timestamp: number) => void) {}
  output<X>(tag: OutputTag<X>, value: X): void {
    this.sideOutput(tag as OutputTag<unknown>, value, this.timestamp);
  }
}

/**
 * Per key: LEFT_BUFFER and RIGHT_BUFFER hold the elements seen, sorted by timestamp (TimedRows). An
 * element (1) fails without a timestamp, (2) goes to the late side output (or is dropped) when its
 * timestamp is below the watermark, (3) joins every buffered element of the other side whose
 * timestamp falls in its interval (found by binary search), and (4) stays buffered until the
 * watermark reaches its cleanup time, when it is dropped from the front of its buffer.
 *
 * Cleanup times are Flink's: a left element at t can still meet a right one up to t + upper, so it
 * leaves when the watermark passes t + max(upper, 0); a right element at t can meet left elements
 * up to t − lower, so it leaves at t + max(−lower, 0). Only elements that respect the watermark
 * contract (timestamp > watermark) are guaranteed their joins, as in Flink.
 *
 * Flink registers one keyed cleanup timer per element; here the operator keeps a CleanupQueue per
 * side with one live entry per key: the cleanup time of the key's oldest element (TimedRows.cleanupAt).
 * When it comes, every element due by the watermark leaves the buffer's front and the entry moves
 * on to the new oldest element; an element older than the oldest (out of order) adds an earlier
 * entry, and the one it replaces is recognised as stale (its time is no longer cleanupAt) and
 * skipped. The queues are not checkpointed: they are a function of the buffers and are rebuilt
 * from them on restore. Why this shape: on q7 (92% of the events are bids buffered for 10 s, keyed
 * by price, so most keys hold one bid) a Map of per-timestamp buckets per key and a queue entry per
 * bucket made the join cost twice its never-cleaned SQL counterpart (see docs/architecture.md).
 */
export class IntervalJoinOperator<K, A, B, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  /**
   * The buffers' state tables. why: the buffers have no TTL, so a table holds the TimedRows
   * themselves; using it directly saves HeapValueState's indirections on the per-record path.
   */
  private leftBuffer!: StateTable<TimedRows>;
  private rightBuffer!: StateTable<TimedRows>;
  private readonly leftCleanups = new CleanupQueue();
  private readonly rightCleanups = new CleanupQueue();
  private keySelectors: ((value: any) => Key)[] = [];
  private readonly join: (left: A, right: B, ctx: ProcessJoinContext, out: Collector<OUT>) => void;
  private readonly context: JoinContext;
  private readonly lower: number;
  private readonly upper: number;
  /** Cleanup time − element timestamp, per side (Flink's max(upper, 0) and max(−lower, 0)). */
  private readonly leftDelay: number;
  private readonly rightDelay: number;
  private readonly fn: ProcessJoinFunction<A, B, OUT>;

  constructor(
    name: string,
    fn: ProcessJoinFunction<A, B, OUT>,
    private readonly settings: IntervalJoinSettings<A, B>,
  ) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.join = callableOf<(left: A, right: B, ctx: ProcessJoinContext, out: Collector<OUT>) => void>(this.fn as any, "processElement");
    this.lower = settings.lowerBound;
    this.upper = settings.upperBound;
    this.leftDelay = this.upper > 0 ? this.upper : 0;
    this.rightDelay = this.lower < 0 ? -this.lower : 0;
    this.context = new JoinContext((tag, value, ts) => this.output.collectSide(tag, value, ts));
  }

  override async open(): Promise<void> {
    const [k1, k2] = this.ctx.keySelectors;
    if (this.ctx.keyedBackend === null || k1 == null || k2 == null) {
      throw new EddyError("user", "an interval join needs two keyed inputs: keyBy(...) both streams before intervalJoin", this.errorContext(), { retriable: false });
    }
    this.keySelectors = [k1, k2];
    const backend = this.keyedBackend;
    this.leftBuffer = backend.getOrCreateState(bufferDescriptor(LEFT_BUFFER)).table as StateTable<TimedRows>;
    this.rightBuffer = backend.getOrCreateState(bufferDescriptor(RIGHT_BUFFER)).table as StateTable<TimedRows>;
    // why: restored buffers have cleanups pending (checkpoints taken before the queues existed also
    // held cleanup timers of service "interval-join-cleanup"; they are ignored, as these entries replace them)
    restoreCleanups(this.leftBuffer, this.leftCleanups, this.leftDelay);
    restoreCleanups(this.rightBuffer, this.rightCleanups, this.rightDelay);
    await this.openFunction(this.fn);
  }

  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }

  /** The join function's collector: results carry max(left.ts, right.ts). */
  collect(value: OUT): void {
    this.output.collect(value, this.context.timestamp);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const backend = this.keyedBackend;
    const keyOf = this.keySelectors[input]!;
    let i = 0;
    try {
      const isLeft = input === 0;
      for (; i < n; i++) {
        backend.setCurrentKey(keyOf(values[i]));
        this.processElement(values[i], timestamps[i]!, isLeft, backend.currentNormalizedKey);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  /**
   * Steps 1–4 of the class comment for one element of either side. Relative to the arriving
   * element the other side's interval is [ts + lower, ts + upper] for a left element and
   * [ts − upper, ts − lower] for a right one (right.ts − left.ts ∈ [lower, upper] either way).
   */
  private processElement(value: unknown, ts: number, isLeft: boolean, key: NormalizedKey): void {
    if (ts === NO_TIMESTAMP) throw this.missingTimestamp(isLeft ? "left" : "right", value);
    if (ts < this.currentWatermark()) {
      const tag = isLeft ? this.settings.leftLateDataTag : this.settings.rightLateDataTag;
      if (tag !== null) this.output.collectSide(tag as OutputTag<unknown>, value, ts);
      return;
    }
    const own = isLeft ? this.leftBuffer : this.rightBuffer;
    const cleanupAt = ts + (isLeft ? this.leftDelay : this.rightDelay);
    const rows = own.get(VOID_NAMESPACE, key);
    if (rows === undefined) {
      own.set(VOID_NAMESPACE, key, new TimedRows([ts], [value], cleanupAt));
      (isLeft ? this.leftCleanups : this.rightCleanups).add(cleanupAt, key);
    } else {
      rows.insert(ts, value);
      // why: older than every buffered element (out of order): its cleanup comes first
      if (cleanupAt < rows.cleanupAt) {
        rows.cleanupAt = cleanupAt;
        (isLeft ? this.leftCleanups : this.rightCleanups).add(cleanupAt, key);
      }
    }
    // why: only read, so no copy-on-write copy is needed during a snapshot
    const other = (isLeft ? this.rightBuffer : this.leftBuffer).peek(VOID_NAMESPACE, key);
    if (other === undefined) return;
    const from = isLeft ? ts + this.lower : ts - this.upper;
    const to = isLeft ? ts + this.upper : ts - this.lower;
    const times = other.times;
    const n = times.length;
    let j = other.firstAtOrAfter(from);
    if (j === n || times[j]! > to) return;
    const ctx = this.context;
    const join = this.join;
    const others = other.values;
    for (; j < n; j++) {
      const t = times[j]!;
      if (t > to) break;
      ctx.leftTimestamp = isLeft ? ts : t;
      ctx.rightTimestamp = isLeft ? t : ts;
      ctx.timestamp = ts > t ? ts : t;
      if (isLeft) join(value as A, others[j] as B, ctx, this);
      else join(others[j] as A, value as B, ctx, this);
    }
  }

  /** The watermark advanced (after any timers fired, before it goes on): drop the elements it made unjoinable. */
  protected override onWatermark(watermark: number): void {
    cleanUp(this.rightBuffer, this.rightCleanups, this.rightDelay, watermark);
    cleanUp(this.leftBuffer, this.leftCleanups, this.leftDelay, watermark);
  }

  private missingTimestamp(side: "left" | "right", record: unknown): EddyError {
    return new EddyError(
      "user",
      `interval join: a record on the ${side} input has no event timestamp; interval joins work in event time only — assign timestamps with a WatermarkStrategy (fromSource or assignTimestampsAndWatermarks)`,
      { ...this.errorContext(), record },
      { retriable: false },
    );
  }

  /** Buffered elements and pending cleanup entries (one per key and side, plus stale ones) over all keys of this subtask (tests, metrics). */
  bufferStatistics(): { left: number; right: number; timers: number } {
    return { left: countElements(this.leftBuffer), right: countElements(this.rightBuffer), timers: this.leftCleanups.size + this.rightCleanups.size };
  }
}

/**
 * Takes every entry due by `watermark` from one side's queue and drops the due elements of its key.
 * A stale entry (the key's oldest element changed since) is skipped: its key has a live entry of its own.
 */
function cleanUp(table: StateTable<TimedRows>, queue: CleanupQueue, delay: number, watermark: number): void {
  while (queue.size > 0) {
    const time = queue.nextTime();
    if (time > watermark) return;
    const key = queue.take();
    const rows = table.get(VOID_NAMESPACE, key);
    if (rows === undefined || rows.cleanupAt !== time) continue;
    // why: no key keeps an empty buffer behind (state size, snapshots)
    if (rows.dropExpired(delay, watermark) === 0) table.remove(VOID_NAMESPACE, key);
    else {
      rows.cleanupAt = rows.first + delay;
      queue.add(rows.cleanupAt, key);
    }
  }
}

/** Queues the cleanup of every restored buffer of one side (restored buffers come without cleanupAt). */
function restoreCleanups(table: StateTable<TimedRows>, queue: CleanupQueue, delay: number): void {
  table.forEach((_ns, key, rows) => {
    rows.cleanupAt = rows.first + delay;
    queue.add(rows.cleanupAt, key);
  });
}

function countElements(table: StateTable<TimedRows>): number {
  let n = 0;
  table.forEach((_ns, _key, rows) => (n += rows.size));
  return n;
}

/** Checkpoint data of a buffer: its live rows, oldest first (TimedRowsSnapshot). */
const BUFFER_SERIALIZER: StateSerializer<TimedRows> = {
  toSnapshot: (rows) => rows.toSnapshot(),
  fromSnapshot: (data) => TimedRows.fromSnapshot(data),
};

function bufferDescriptor(name: string): ValueStateDescriptor<TimedRows> {
  return new ValueStateDescriptor<TimedRows>(name).withSerializer(BUFFER_SERIALIZER).withCopy((rows: TimedRows) => rows.copy());
}
