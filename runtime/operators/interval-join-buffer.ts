// One key's buffered elements of one side of an interval join: sorted by timestamp, dropped from the front.
import type { NormalizedKey } from "../core/key-groups.js";

/** How a buffer is written to a checkpoint: its rows, oldest first (plain data, structured-cloneable). */
export interface TimedRowsSnapshot {
  readonly times: readonly number[];
  readonly values: readonly unknown[];
}

/** Compact the arrays once this many dropped slots lead them and they are at least half the arrays. */
const COMPACT_AFTER = 32;

/**
 * A buffer holds its first row in two fields (`t0`, `v0`) and moves to parallel arrays `times`/`values` when a
 * second row arrives: joins on a fine-grained key (q7: bids by price) buffer one row for most keys, and the fields
 * save two arrays per key. In the arrays the rows from `head` on are live, sorted by timestamp, equal timestamps in
 * arrival order; `times` holds only numbers, so V8 stores them unboxed. Costs: insert O(1) amortised in timestamp
 * order (the common case), O(n) otherwise (binary search + splice); finding the rows in [from, to] O(log n); dropping
 * the oldest rows O(dropped) amortised (the front advances; the arrays are compacted once the dropped slots are half).
 *
 * `key`, `epoch` and `removed` are the operator's bookkeeping: they tell whether a cleanup entry's reference to this
 * buffer may be used without looking the key up (see IntervalJoinOperator).
 */
export class TimedRows {
  /** The only row while `times` is null. */
  t0: number;
  v0: unknown;
  times: number[] | null = null;
  values: unknown[] | null = null;
  head = 0;
  key: NormalizedKey;
  /** The operator's snapshot count when this buffer was last known to be the key's live, unfrozen value. */
  epoch: number;
  /** Dropped from the state (emptied). */
  removed = false;

  constructor(key: NormalizedKey, ts: number, value: unknown, epoch: number) {
    this.key = key;
    this.t0 = ts;
    this.v0 = value;
    this.epoch = epoch;
  }

  get size(): number {
    return this.times === null ? 1 : this.times.length - this.head;
  }

  /** The timestamp of the i-th live row, oldest first. */
  timeAt(i: number): number {
    return this.times === null ? this.t0 : this.times[this.head + i]!;
  }

  /** Adds a row after every row with a timestamp ≤ ts. */
  insert(ts: number, value: unknown): void {
    const times = this.times;
    if (times === null) {
      const t0 = this.t0;
      this.times = ts >= t0 ? [t0, ts] : [ts, t0];
      this.values = ts >= t0 ? [this.v0, value] : [value, this.v0];
      this.v0 = undefined;
      return;
    }
    const n = times.length;
    if (n === this.head || times[n - 1]! <= ts) {
      times.push(ts);
      this.values!.push(value);
      return;
    }
    const at = this.firstAfter(ts);
    times.splice(at, 0, ts);
    this.values!.splice(at, 0, value);
  }

  /** With arrays: index of the first live row with timestamp ≥ ts (times.length when none). */
  firstAtOrAfter(ts: number): number {
    const times = this.times!;
    let lo = this.head;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** With arrays: index of the first live row with timestamp > ts (times.length when none). */
  private firstAfter(ts: number): number {
    const times = this.times!;
    let lo = this.head;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! <= ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the oldest rows while `ts + delay ≤ watermark` (their cleanup time has come); returns how many are left. */
  dropExpired(delay: number, watermark: number): number {
    const times = this.times;
    if (times === null) return this.t0 + delay <= watermark ? 0 : 1;
    const n = times.length;
    let h = this.head;
    while (h < n && times[h]! + delay <= watermark) h++;
    // why: an emptied buffer is removed from the state by the caller; its arrays need no compaction
    if (h === n) return 0;
    if (h >= COMPACT_AFTER && 2 * h >= n) {
      // why: the dropped rows' values would otherwise stay reachable until the next compaction
      times.splice(0, h);
      this.values!.splice(0, h);
      h = 0;
    }
    this.head = h;
    return n - h;
  }

  /** A private copy for copy-on-write snapshots: its own arrays (the values are shared, never changed by the join). */
  copy(): TimedRows {
    const copy = new TimedRows(this.key, this.t0, this.v0, this.epoch);
    if (this.times !== null) {
      copy.times = this.times.slice(this.head);
      copy.values = this.values!.slice(this.head);
    }
    return copy;
  }

  toSnapshot(): TimedRowsSnapshot {
    const { times, values, head } = this;
    if (times === null) return { times: [this.t0], values: [this.v0] };
    // why: the frozen buffer of a snapshot is never changed again (copy-on-write), so its arrays may be shared
    return head === 0 ? { times, values: values! } : { times: times.slice(head), values: values!.slice(head) };
  }

  /**
   * A buffer from checkpoint data: the snapshot above, or the Map timestamp → elements that checkpoints of the
   * earlier map-state buffers hold (so that a job can be restored across the change). The caller sets the bookkeeping.
   */
  static fromSnapshot(data: unknown): TimedRows {
    let times: number[];
    let values: unknown[];
    if (data instanceof Map) {
      times = [];
      values = [];
      for (const [ts, bucket] of [...(data as Map<number, unknown[]>)].sort((a, b) => a[0] - b[0])) {
        for (const value of bucket as unknown[]) {
          times.push(ts);
          values.push(value);
        }
      }
    } else {
      // why copies: restored checkpoint data is kept unchanged (it is written again if the state is not registered)
      times = (data as TimedRowsSnapshot).times.slice();
      values = (data as TimedRowsSnapshot).values.slice();
    }
    const rows = new TimedRows(undefined, times[0]!, values[0], -1);
    if (times.length > 1) {
      rows.times = times;
      rows.values = values;
      rows.v0 = undefined;
    }
    return rows;
  }
}
