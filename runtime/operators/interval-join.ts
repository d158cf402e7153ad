// Flink's IntervalJoinOperator: joins two keyed streams on key and a relative event-time interval,
// buffering each side per key in map state by timestamp until the watermark makes it unjoinable.
import type { ProcessJoinContext, ProcessJoinFunction } from "../api/interval-join.js";
import { callableOf, type Collector, copyForSubtask } from "../api/functions.js";
import { EddyError } from "../core/errors.js";
import type { Key } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { RecordBatch } from "../core/record-batch.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { MapStateDescriptor } from "../state/descriptors.js";
import type { HeapMapState } from "../state/heap-states.js";
import { VOID_NAMESPACE } from "../state/state-table.js";
import type { InternalTimer, InternalTimerService } from "../time/internal-timer-service.js";
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
const CLEANUP_LEFT = "CLEANUP_LEFT";
const CLEANUP_RIGHT = "CLEANUP_RIGHT";

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
 * Per key: LEFT_BUFFER and RIGHT_BUFFER map a timestamp to the elements seen at it. An element
 * (1) fails without a timestamp, (2) goes to the late side output (or is dropped) when its
 * timestamp is below the watermark, (3) joins every buffered element of the other side whose
 * timestamp falls in its interval, and (4) stays buffered until a cleanup timer removes its bucket.
 *
 * Cleanup times are Flink's: a left element at t can still meet a right one up to t + upper, so it
 * leaves when the watermark passes t + max(upper, 0); a right element at t can meet left elements
 * up to t − lower, so it leaves at t + max(−lower, 0). Only elements that respect the watermark
 * contract (timestamp > watermark) are guaranteed their joins, as in Flink.
 */
export class IntervalJoinOperator<K, A, B, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private leftBuffer!: HeapMapState<number, unknown[]>;
  private rightBuffer!: HeapMapState<number, unknown[]>;
  private timers!: InternalTimerService<string>;
  private keySelectors: ((value: any) => Key)[] = [];
  private readonly join: (left: A, right: B, ctx: ProcessJoinContext, out: Collector<OUT>) => void;
  private readonly context: JoinContext;
  private readonly lower: number;
  private readonly upper: number;
  /** Whether every buffered timestamp is a whole millisecond, so the interval can be probed (see processElement). */
  private integral = true;
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
    this.context = new JoinContext((tag, value, ts) => this.output.collectSide(tag, value, ts));
  }

  override async open(): Promise<void> {
    const [k1, k2] = this.ctx.keySelectors;
    if (this.ctx.keyedBackend === null || k1 == null || k2 == null) {
      throw new EddyError("user", "an interval join needs two keyed inputs: keyBy(...) both streams before intervalJoin", this.errorContext(), { retriable: false });
    }
    this.keySelectors = [k1, k2];
    const backend = this.keyedBackend;
    this.leftBuffer = backend.getOrCreateState(new MapStateDescriptor<number, A[]>(LEFT_BUFFER)) as HeapMapState<number, unknown[]>;
    this.rightBuffer = backend.getOrCreateState(new MapStateDescriptor<number, B[]>(RIGHT_BUFFER)) as HeapMapState<number, unknown[]>;
    // why: buffers restored from a checkpoint may hold fractional timestamps the flag must know of
    this.integral = wholeMilliseconds(this.leftBuffer) && wholeMilliseconds(this.rightBuffer);
    this.timers = this.getInternalTimerService<string>("interval-join-cleanup", {
      onEventTime: (timer) => this.cleanup(timer),
      onProcessingTime: () => {},
    });
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
        this.processElement(values[i], timestamps[i]!, isLeft);
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
  private processElement(value: unknown, ts: number, isLeft: boolean): void {
    if (ts === NO_TIMESTAMP) throw this.missingTimestamp(isLeft ? "left" : "right", value);
    if (ts < this.currentWatermark()) {
      const tag = isLeft ? this.settings.leftLateDataTag : this.settings.rightLateDataTag;
      if (tag !== null) this.output.collectSide(tag as OutputTag<unknown>, value, ts);
      return;
    }
    addToBuffer(isLeft ? this.leftBuffer : this.rightBuffer, value, ts);
    if (this.integral && !Number.isInteger(ts)) this.integral = false;
    const from = isLeft ? ts + this.lower : ts - this.upper;
    const to = isLeft ? ts + this.upper : ts - this.lower;
    // why: the buffers have no TTL, so the state table holds the timestamp → bucket Map itself
    const other = (isLeft ? this.rightBuffer : this.leftBuffer).table.get(VOID_NAMESPACE, this.keyedBackend.currentNormalizedKey) as
      | Map<number, unknown[]>
      | undefined;
    if (other !== undefined) {
      // why: a narrow interval over a long buffer (e.g. one input ahead of the other holds the
      // watermark and so the cleanup back) is cheaper to probe millisecond by millisecond than to
      // scan — 0.46M → 0.96M records/s for 2 × 200k records, 10 keys, between(−5, 5). Probing
      // needs whole-millisecond timestamps; one fractional timestamp switches it off for good.
      if (this.integral && to - from < other.size) {
        for (let t = from; t <= to; t++) {
          const bucket = other.get(t);
          if (bucket !== undefined) this.joinBucket(value, ts, bucket, t, isLeft);
        }
      } else {
        for (const [t, bucket] of other) if (t >= from && t <= to) this.joinBucket(value, ts, bucket, t, isLeft);
      }
    }
    if (isLeft) this.timers.registerEventTimeTimer(CLEANUP_LEFT, this.upper > 0 ? ts + this.upper : ts);
    else this.timers.registerEventTimeTimer(CLEANUP_RIGHT, this.lower < 0 ? ts - this.lower : ts);
  }

  /** Joins the arriving element with every element of one buffered bucket of the other side. */
  private joinBucket(value: unknown, ts: number, bucket: unknown[], otherTs: number, isLeft: boolean): void {
    const ctx = this.context;
    ctx.leftTimestamp = isLeft ? ts : otherTs;
    ctx.rightTimestamp = isLeft ? otherTs : ts;
    ctx.timestamp = ts > otherTs ? ts : otherTs;
    const join = this.join;
    if (isLeft) for (let j = 0; j < bucket.length; j++) join(value as A, bucket[j] as B, ctx, this);
    else for (let j = 0; j < bucket.length; j++) join(bucket[j] as A, value as B, ctx, this);
  }

  /** A cleanup timer fired (the timer service has set its key): drop the bucket it was set for. */
  private cleanup(timer: InternalTimer<string>): void {
    const t = timer.timestamp;
    if (timer.namespace === CLEANUP_LEFT) this.leftBuffer.remove(this.upper > 0 ? t - this.upper : t);
    else this.rightBuffer.remove(this.lower < 0 ? t + this.lower : t);
  }

  private missingTimestamp(side: "left" | "right", record: unknown): EddyError {
    return new EddyError(
      "user",
      `interval join: a record on the ${side} input has no event timestamp; interval joins work in event time only — assign timestamps with a WatermarkStrategy (fromSource or assignTimestampsAndWatermarks)`,
      { ...this.errorContext(), record },
      { retriable: false },
    );
  }

  /** Buffered elements and pending cleanup timers over all keys of this subtask (tests, metrics). */
  bufferStatistics(): { left: number; right: number; timers: number } {
    return { left: countElements(this.leftBuffer), right: countElements(this.rightBuffer), timers: this.timers.numEventTimeTimers() };
  }
}

function addToBuffer(buffer: HeapMapState<number, unknown[]>, value: unknown, ts: number): void {
  const bucket = buffer.get(ts);
  // why: heap state hands out the stored array itself (as HeapListState.add relies on), so a push is the write
  if (bucket === undefined) buffer.put(ts, [value]);
  else bucket.push(value);
}

function countElements(state: HeapMapState<number, unknown[]>): number {
  let n = 0;
  for (const [, , byTimestamp] of state.table.entries()) {
    for (const bucket of (byTimestamp as Map<number, unknown[]>).values()) n += bucket.length;
  }
  return n;
}

function wholeMilliseconds(state: HeapMapState<number, unknown[]>): boolean {
  for (const [, , byTimestamp] of state.table.entries()) {
    for (const ts of (byTimestamp as Map<number, unknown[]>).keys()) if (!Number.isInteger(ts)) return false;
  }
  return true;
}
