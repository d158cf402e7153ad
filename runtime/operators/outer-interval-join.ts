// The interval outer join (Flink SQL's LEFT/RIGHT/FULL OUTER interval join): joins two keyed streams on key, a
// relative event-time interval and a residual condition, and emits a kept side's row padded with nulls once the
// watermark shows that no row of the other side can match it anymore.
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { EddyError } from "../core/errors.js";
import { MAX_WATERMARK, NO_TIMESTAMP } from "../core/time.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import type { InternalTimer, InternalTimerService, Triggerable } from "../time/internal-timer-service.js";
import { keyedTwoInputStream } from "./keyed-two-input.js";
import { AbstractStreamOperator, type OperatorContext } from "./operator.js";
import type { Output } from "./output.js";
import { keepsLeft, keepsRight, type OuterJoinFunctions } from "./outer-join.js";

/** right.ts − left.ts ∈ [lowerBound, upperBound], both inclusive, whole milliseconds. */
export interface OuterIntervalJoinSettings {
  readonly lowerBound: number;
  readonly upperBound: number;
}

/** A buffered row and whether it has joined a row of the other side yet. Replaced, never changed (snapshots share it). */
interface Buffered {
  readonly value: unknown;
  readonly matched: boolean;
}

/** One key's buffered rows of one side, by timestamp. */
type ByTimestamp = Map<number, Buffered[]>;

const LEFT = 0;

/**
 * Per key and side, a map timestamp → rows (keyed value state) and one event-time timer per (side, timestamp) at the
 * bucket's expiry. A row:
 *   1. fails without a timestamp; is dropped when behind the watermark (as in the inner interval join);
 *   2. joins every buffered row of the other side in its interval for which the condition holds, marking both;
 *   3. stays buffered until the watermark passes the last time a row of the other side could match it — t + upper for
 *      a left row, t − lower for a right one — plus 1 ms, so that a row exactly at the watermark still finds it;
 *      then its bucket is dropped, and its unmatched rows of a kept side are emitted padded.
 * A padded row carries its own timestamp, which is behind the watermark that released it: the output watermark is
 * therefore held back by max(upper, −lower, 0) + 1 ms (Flink's interval join holds its output watermark back by its
 * bounds the same way), so that no padded row is late downstream. Pairs carry max(left.ts, right.ts).
 */
export class OuterIntervalJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> implements Triggerable<number> {
  private buffers: HeapValueState<ByTimestamp>[] = [];
  private timers!: InternalTimerService<number>;
  private keySelectors: ((value: any) => Key)[] = [];
  /** Expiry − bucket timestamp, per side. */
  private readonly delays: readonly [number, number];
  private readonly padded: readonly [boolean, boolean];

  constructor(
    name: string,
    private readonly fns: OuterJoinFunctions<A, B, OUT>,
    private readonly settings: OuterIntervalJoinSettings,
  ) {
    super(name);
    const { lowerBound, upperBound } = settings;
    this.delays = [Math.max(upperBound, 0) + 1, Math.max(-lowerBound, 0) + 1];
    this.padded = [keepsLeft(fns.kind), keepsRight(fns.kind)];
  }

  override setup(ctx: OperatorContext, output: Output<OUT>): void {
    super.setup(ctx, new HeldBackWatermarks(output, Math.max(this.delays[0], this.delays[1])));
  }

  override open(): void {
    const [k1, k2] = this.ctx.keySelectors;
    if (this.ctx.keyedBackend === null || k1 == null || k2 == null) throw new Error("internal: an interval outer join needs both inputs keyed");
    this.keySelectors = [k1, k2];
    const backend = this.keyedBackend;
    this.buffers = [
      backend.getOrCreateState(new ValueStateDescriptor<ByTimestamp>("outer-interval-join-left").withCopy(copyBuckets)) as HeapValueState<ByTimestamp>,
      backend.getOrCreateState(new ValueStateDescriptor<ByTimestamp>("outer-interval-join-right").withCopy(copyBuckets)) as HeapValueState<ByTimestamp>,
    ];
    this.timers = this.getInternalTimerService<number>("outer-interval-join", this);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const select = this.keySelectors[input]!;
    const backend = this.keyedBackend;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        backend.setCurrentKey(select(values[i]));
        this.processElement(values[i], timestamps[i]!, input);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  /** Steps 1–3 of the class comment; the other side's interval is [ts + lower, ts + upper] for a left row, [ts − upper, ts − lower] for a right one. */
  private processElement(value: unknown, ts: number, side: number): void {
    if (ts === NO_TIMESTAMP) throw this.missingTimestamp(side, value);
    if (ts < this.currentWatermark()) return;
    const isLeft = side === LEFT;
    const { lowerBound, upperBound } = this.settings;
    const from = isLeft ? ts + lowerBound : ts - upperBound;
    const to = isLeft ? ts + upperBound : ts - lowerBound;
    let matched = false;
    const other = this.buffers[1 - side]!.value();
    if (other !== undefined) {
      const fns = this.fns;
      for (const [t, bucket] of other) {
        if (t < from || t > to) continue;
        for (let j = 0; j < bucket.length; j++) {
          const b = bucket[j]!;
          const l = (isLeft ? value : b.value) as A;
          const r = (isLeft ? b.value : value) as B;
          if (!fns.matches(l, r)) continue;
          this.output.collect(fns.joined(l, r), ts > t ? ts : t);
          matched = true;
          if (!b.matched) bucket[j] = { value: b.value, matched: true };
        }
      }
    }
    const own = this.buffers[side]!;
    const byTimestamp = own.value();
    const row: Buffered = { value, matched };
    const bucket = byTimestamp?.get(ts);
    if (bucket !== undefined) bucket.push(row);
    else {
      if (byTimestamp === undefined) own.update(new Map([[ts, [row]]]));
      else byTimestamp.set(ts, [row]);
      this.timers.registerEventTimeTimer(side, ts + this.delays[side]!);
    }
  }

  /** A bucket expired: drop it, emitting its unmatched rows padded when its side is kept. */
  onEventTime(timer: InternalTimer<number>): void {
    const side = timer.namespace;
    const state = this.buffers[side]!;
    const byTimestamp = state.value();
    const ts = timer.timestamp - this.delays[side]!;
    const bucket = byTimestamp?.get(ts);
    if (byTimestamp === undefined || bucket === undefined) return;
    if (this.padded[side]) {
      for (let j = 0; j < bucket.length; j++) {
        const b = bucket[j]!;
        if (b.matched) continue;
        this.output.collect(side === LEFT ? this.fns.padRight(b.value as A) : this.fns.padLeft(b.value as B), ts);
      }
    }
    byTimestamp.delete(ts);
    // why: no key keeps an empty map behind (state size, snapshots)
    if (byTimestamp.size === 0) state.update(undefined);
  }

  onProcessingTime(): void {}

  private missingTimestamp(side: number, record: unknown): EddyError {
    return new EddyError(
      "user",
      `interval join: a record on the ${side === LEFT ? "left" : "right"} input has no event timestamp; interval joins work in event time only`,
      { ...this.errorContext(), record },
      { retriable: false },
    );
  }
}

/** Forwards everything, but each watermark `by` ms earlier: the padded rows released by a watermark are behind it. */
class HeldBackWatermarks<T> implements Output<T> {
  constructor(
    private readonly inner: Output<T>,
    private readonly by: number,
  ) {}
  collect(value: T, timestamp: number): void {
    this.inner.collect(value, timestamp);
  }
  collectBatch(batch: RecordBatch<T>): void {
    this.inner.collectBatch(batch);
  }
  collectSide(tag: Parameters<Output<T>["collectSide"]>[0], value: unknown, timestamp: number): void {
    this.inner.collectSide(tag, value, timestamp);
  }
  emitWatermark(timestamp: number): void {
    // why: the end of input passes unchanged, so that downstream windows all fire
    this.inner.emitWatermark(timestamp === MAX_WATERMARK ? timestamp : timestamp - this.by);
  }
  emitWatermarkStatus(idle: boolean): void {
    this.inner.emitWatermarkStatus(idle);
  }
  flush(): void {
    this.inner.flush();
  }
}

/** `left ⟕ right` (or ⟖, ⟗) on their keys within [lowerBound, upperBound] of the left row's time, as one two-input operator. */
export function outerIntervalJoin<A, B, K, OUT>(
  left: KeyedStream<A, K>,
  right: KeyedStream<B, K>,
  settings: OuterIntervalJoinSettings,
  fns: OuterJoinFunctions<A, B, OUT>,
  name = "Interval Outer Join",
): DataStream<OUT> {
  if (!Number.isSafeInteger(settings.lowerBound) || !Number.isSafeInteger(settings.upperBound) || settings.lowerBound > settings.upperBound) {
    throw new RangeError(`outerIntervalJoin(): bounds must be whole milliseconds with lower <= upper, got ${settings.lowerBound} and ${settings.upperBound}`);
  }
  return keyedTwoInputStream(left, right, name, () => new OuterIntervalJoinOperator<A, B, OUT>(name, fns, settings));
}

/** Buckets are appended to and their rows replaced in place: a copy needs its own map and bucket arrays. */
function copyBuckets(byTimestamp: ByTimestamp): ByTimestamp {
  const copy: ByTimestamp = new Map();
  for (const [ts, bucket] of byTimestamp) copy.set(ts, bucket.slice());
  return copy;
}
