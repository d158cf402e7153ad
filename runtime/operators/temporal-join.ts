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
import type { InternalTimer, InternalTimerService, Triggerable } from "../time/internal-timer-service.js";
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
 * Per key: the left rows waiting for the watermark (a map timestamp → rows), and the right side's versions sorted by
 * time (a right row replaces the version of the same timestamp). Every row registers an event-time timer at its own
 * timestamp (the timer service keeps one per key and time). When the timer at t fires — the watermark of both inputs
 * has passed t, so every version up to t has arrived, unless it is late —
 *   1. each left row at t joins the latest version at or before t, if the condition holds for it; otherwise it is
 *      dropped (inner) or emitted padded (LEFT JOIN). Its output carries t, the left row's time;
 *   2. versions older than the latest one at or before t are dropped: no waiting or future left row can need them.
 * A left row behind the watermark is joined at the next watermark, against the versions still kept (as in Flink, a
 * late row may find its version already dropped). A late right row is kept as a version like any other. Output rows
 * are emitted before the watermark that releases them goes on, at their left row's time: on time downstream.
 */
export class TemporalJoinOperator<A, B, OUT> extends AbstractStreamOperator<OUT> implements Triggerable<null> {
  private waiting!: HeapValueState<Waiting>;
  private versions!: HeapValueState<Version[]>;
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
        this.timers.registerEventTimeTimer(null, ts);
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

  /** Steps 1 and 2 of the class comment for the current key at time t. */
  onEventTime(timer: InternalTimer<null>): void {
    const t = timer.timestamp;
    const versions = this.versions.value();
    // the latest version at or before t (-1: none)
    let current = -1;
    if (versions !== undefined) {
      let lo = 0;
      let hi = versions.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (versions[mid]!.ts <= t) lo = mid + 1;
        else hi = mid;
      }
      current = lo - 1;
    }
    const waiting = this.waiting.value();
    const bucket = waiting?.get(t);
    if (bucket !== undefined) {
      const fns = this.fns;
      const version = current >= 0 ? (versions![current]!.value as B) : undefined;
      for (let i = 0; i < bucket.length; i++) {
        const left = bucket[i] as A;
        if (version !== undefined && fns.matches(left, version)) this.output.collect(fns.joined(left, version), t);
        else if (fns.outer) this.output.collect(fns.padRight(left), t);
      }
      waiting!.delete(t);
      // why: no key keeps an empty map behind (state size, snapshots)
      if (waiting!.size === 0) this.waiting.update(undefined);
    }
    if (current > 0) versions!.splice(0, current);
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
