// Flink's event-time temporal join (TemporalRowTimeJoinOperator, SQL's `JOIN r FOR SYSTEM_TIME AS OF l.rowtime`):
// each left row joins the version of the right side that was current at the left row's event time — per key, the
// latest right row whose timestamp is at or before the left row's. The right side is a versioned table: each of its
// rows is a new version of its key.
import type { DataStream, KeyedStream } from "../api/data-stream.js";
import { EddyError } from "../core/errors.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import type { InternalTimerService, Triggerable } from "../time/internal-timer-service.js";
import { keyedTwoInputStream } from "./keyed-two-input.js";
import { AbstractStreamOperator } from "./operator.js";

/** Plain functions, generated per join: no closures are made per record. */
export interface TemporalJoinFunctions<A, B, OUT> {
  /** Whether a left row without a version (or whose version fails `matches`) is kept, padded (LEFT JOIN). */
  readonly outer: boolean;
  /** The join condition beyond the key equality, over the left row and its version. */
  matches(left: A, right: B): boolean;
  /** The output record of a left row and its version. */
  joined(left: A, right: B): OUT;
  /** The output record of a left row without a matching version: its right side null. */
  padRight(left: A): OUT;
}

/** A version of the right side: a right row and its event time. Replaced, never changed (snapshots share it). */
interface Version {
  readonly ts: number;
  readonly value: unknown;
}

/** One key's left rows waiting for the watermark, by timestamp. */
type Waiting = Map<number, unknown[]>;

const LEFT = 0;
const RIGHT = 1;

/**
 * Per key: the left rows waiting for the watermark (a map timestamp → rows), the right side's versions sorted by time
 * (a right row replaces the version of the same timestamp), and one event-time timer — at the earliest time something
 * of the key waits for (Flink's registerSmallestTimer: a timer per record made the timer service most of the cost).
 * When it fires, the watermark W of both inputs has passed it, so every version up to W has arrived (unless late):
 *   1. each left row at or before W, in time order, joins the latest version at or before its time t, if the condition
 *      holds for it; otherwise it is dropped (inner) or emitted padded (LEFT JOIN). Its output carries t;
 *   2. versions older than the latest one at or before W are dropped: no waiting or future left row can need them;
 *   3. the key's next timer goes to its earliest waiting left row, or else to its next version after W when older
 *      versions remain to be dropped then.
 * A left row behind the watermark is joined at the next watermark, against the versions still kept (as in Flink, a
 * late row may find its version already dropped). A late right row is kept as a version like any other. Output rows
 * are emitted before the watermark that releases them goes on, at their left row's time: on time downstream.
 */
export class TemporalJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> implements Triggerable<null> {
  private waiting!: HeapValueState<Waiting>;
  private versions!: HeapValueState<Version[]>;
  /** The key's one pending timer (undefined: none). */
  private nextTimer!: HeapValueState<number>;
  private timers!: InternalTimerService<null>;
  private keySelectors: ((value: any) => Key)[] = [];

  constructor(
    name: string,
    private readonly fns: TemporalJoinFunctions<A, B, OUT>,
  ) {
    super(name);
  }

  override open(): void {
    const [k1, k2] = this.ctx.keySelectors;
    if (this.ctx.keyedBackend === null || k1 == null || k2 == null) {
      throw new EddyError("user", "a temporal join needs two keyed inputs: keyBy(...) both streams before temporalJoin", this.errorContext(), { retriable: false });
    }
    this.keySelectors = [k1, k2];
    const backend = this.keyedBackend;
    this.waiting = backend.getOrCreateState(new ValueStateDescriptor<Waiting>("temporal-join-left").withCopy(copyWaiting)) as HeapValueState<Waiting>;
    this.versions = backend.getOrCreateState(new ValueStateDescriptor<Version[]>("temporal-join-versions").withCopy(copyVersions)) as HeapValueState<Version[]>;
    this.nextTimer = backend.getOrCreateState(new ValueStateDescriptor<number>("temporal-join-timer")) as HeapValueState<number>;
    this.timers = this.getInternalTimerService<null>("temporal-join", this);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const select = this.keySelectors[input]!;
    const backend = this.keyedBackend;
    let i = 0;
    try {
      for (; i < batch.length; i++) {
        const ts = timestamps[i]!;
        if (ts === NO_TIMESTAMP) throw this.missingTimestamp(input, values[i]);
        backend.setCurrentKey(select(values[i]));
        if (input === LEFT) this.wait(values[i], ts);
        else this.addVersion(values[i], ts);
        this.timerAtOrBefore(ts);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private wait(value: unknown, ts: number): void {
    const waiting = this.waiting.value();
    const bucket = waiting?.get(ts);
    if (bucket !== undefined) bucket.push(value);
    else if (waiting !== undefined) waiting.set(ts, [value]);
    else this.waiting.update(new Map([[ts, [value]]]));
  }

  /** Inserts the version in time order (right rows mostly arrive in order: the scan from the end is short). */
  private addVersion(value: unknown, ts: number): void {
    const versions = this.versions.value();
    const version: Version = { ts, value };
    if (versions === undefined) {
      this.versions.update([version]);
      return;
    }
    let i = versions.length;
    while (i > 0 && versions[i - 1]!.ts > ts) i--;
    if (i > 0 && versions[i - 1]!.ts === ts) versions[i - 1] = version;
    else versions.splice(i, 0, version);
  }

  /** Moves the key's timer to `ts` unless it is already at or before it. */
  private timerAtOrBefore(ts: number): void {
    const pending = this.nextTimer.value();
    if (pending !== undefined && pending <= ts) return;
    if (pending !== undefined) this.timers.deleteEventTimeTimer(null, pending);
    this.timers.registerEventTimeTimer(null, ts);
    this.nextTimer.update(ts);
  }

  /** Steps 1–3 of the class comment for the current key. */
  onEventTime(): void {
    this.nextTimer.clear();
    const watermark = this.currentWatermark();
    const versions = this.versions.value();
    const waiting = this.waiting.value();
    let next = Number.POSITIVE_INFINITY;
    if (waiting !== undefined) {
      next = this.emitDue(waiting, watermark, versions);
      // why: no key keeps an empty map behind (state size, snapshots)
      if (waiting.size === 0) this.waiting.update(undefined);
    }
    if (versions !== undefined) {
      const current = latestAtOrBefore(versions, watermark);
      if (current > 0) versions.splice(0, current);
      // the versions left are the latest at or before W and those after W: the first is droppable once the
      // watermark passes the second
      if (versions.length > 1 && versions[1]!.ts < next) next = versions[1]!.ts;
    }
    if (next !== Number.POSITIVE_INFINITY) this.timerAtOrBefore(next);
  }

  /**
   * Emits and removes the waiting rows at or before the watermark, in time order; returns the earliest time still
   * waiting (+∞: none).
   */
  private emitDue(waiting: Waiting, watermark: number, versions: readonly Version[] | undefined): number {
    // why the common case apart: a key mostly has one time waiting when its timer fires, and then needs no list to sort
    if (waiting.size === 1) {
      const [t, rows] = waiting.entries().next().value as [number, unknown[]];
      if (t > watermark) return t;
      this.emit(rows, t, versions, latestAtOrBefore(versions, t));
      waiting.delete(t);
      return Number.POSITIVE_INFINITY;
    }
    let next = Number.POSITIVE_INFINITY;
    const due: number[] = [];
    for (const t of waiting.keys()) {
      if (t <= watermark) due.push(t);
      else if (t < next) next = t;
    }
    due.sort((a, b) => a - b);
    for (let d = 0; d < due.length; d++) {
      const t = due[d]!;
      this.emit(waiting.get(t)!, t, versions, latestAtOrBefore(versions, t));
      waiting.delete(t);
    }
    return next;
  }

  /** The left rows of time t, each with the version at index `current` (-1: none) if the condition holds. */
  private emit(rows: readonly unknown[], t: number, versions: readonly Version[] | undefined, current: number): void {
    const fns = this.fns;
    const version = current >= 0 ? (versions![current]!.value as B) : undefined;
    for (let i = 0; i < rows.length; i++) {
      const left = rows[i] as A;
      if (version !== undefined && fns.matches(left, version)) this.output.collect(fns.joined(left, version), t);
      else if (fns.outer) this.output.collect(fns.padRight(left), t);
    }
  }

  onProcessingTime(): void {}

  private missingTimestamp(side: number, record: unknown): EddyError {
    return new EddyError(
      "user",
      `temporal join: a record on the ${side === RIGHT ? "right (versioned)" : "left"} input has no event timestamp; a temporal join works in event time only — assign timestamps with a WatermarkStrategy`,
      { ...this.errorContext(), record },
      { retriable: false },
    );
  }
}

/**
 * Each left row of `left` joined with the version of `right` current at its event time (Flink SQL's event-time
 * temporal join), as one two-input operator keyed by both streams' keys.
 */
export function temporalJoin<A, B, K, OUT>(left: KeyedStream<A, K>, right: KeyedStream<B, K>, fns: TemporalJoinFunctions<A, B, OUT>, name = "Temporal Join"): DataStream<OUT> {
  return keyedTwoInputStream(left, right, name, () => new TemporalJoinOperator<A, B, OUT>(name, fns));
}

/** The index of the latest version at or before t (binary search over the time-sorted versions); -1 when none. */
function latestAtOrBefore(versions: readonly Version[] | undefined, t: number): number {
  if (versions === undefined) return -1;
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (versions[mid]!.ts <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Buckets are appended to in place: a copy needs its own map and bucket arrays (the rows are shared). */
function copyWaiting(waiting: Waiting): Waiting {
  const copy: Waiting = new Map();
  for (const [ts, bucket] of waiting) copy.set(ts, bucket.slice());
  return copy;
}

/** Versions are inserted, replaced and dropped in place, never changed: a copy of the array will do. */
function copyVersions(versions: Version[]): Version[] {
  return versions.slice();
}
