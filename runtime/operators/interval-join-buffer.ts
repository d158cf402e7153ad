// One key's buffered elements of one side of an interval join: parallel arrays sorted by timestamp, dropped from the front.

/** How a buffer is written to a checkpoint: its live rows, oldest first (plain data, structured-cloneable). */
export interface TimedRowsSnapshot {
  readonly times: readonly number[];
  readonly values: readonly unknown[];
}

/** Compact the arrays once this many cleaned slots lead them and they are at least half the arrays. */
const COMPACT_AFTER = 32;

/**
 * The rows from `head` on are live, sorted by timestamp, rows with equal timestamps in arrival order. Costs: append
 * O(1) amortised when timestamps arrive in order (the common case), O(n) otherwise (binary search + splice); the rows
 * in [from, to] O(log n + matches); dropping the oldest rows O(dropped) amortised (the front advances; the arrays are
 * compacted once the dropped slots are half of them). `times` holds only numbers, so V8 stores it as unboxed doubles.
 *
 * `cleanupAt` is the operator's bookkeeping: the time of this key's earliest pending cleanup, so that the cleanup
 * queue holds one live entry per key and side (see IntervalJoinOperator).
 */
export class TimedRows {
  times: number[];
  values: unknown[];
  head = 0;
  cleanupAt: number;

  constructor(times: number[], values: unknown[], cleanupAt: number) {
    this.times = times;
    this.values = values;
    this.cleanupAt = cleanupAt;
  }

  get size(): number {
    return this.times.length - this.head;
  }

  /** The oldest live timestamp; only when size > 0. */
  get first(): number {
    return this.times[this.head]!;
  }

  /** Adds a row after every row with a timestamp ≤ ts. */
  insert(ts: number, value: unknown): void {
    const times = this.times;
    const n = times.length;
    if (n === this.head || times[n - 1]! <= ts) {
      times.push(ts);
      this.values.push(value);
      return;
    }
    const at = this.firstAfter(ts);
    times.splice(at, 0, ts);
    this.values.splice(at, 0, value);
  }

  /** Index of the first live row with timestamp ≥ ts (times.length when none). */
  firstAtOrAfter(ts: number): number {
    const times = this.times;
    let lo = this.head;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first live row with timestamp > ts (times.length when none). */
  private firstAfter(ts: number): number {
    const times = this.times;
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
    const n = times.length;
    let h = this.head;
    while (h < n && times[h]! + delay <= watermark) h++;
    if (h === n) {
      // why: an emptied buffer is removed from the state by the caller; leave it consistent anyway
      this.head = n;
      return 0;
    }
    if (h >= COMPACT_AFTER && 2 * h >= n) {
      // why: the dropped rows' values would otherwise stay reachable until the next compaction
      times.splice(0, h);
      this.values.splice(0, h);
      h = 0;
    }
    this.head = h;
    return n - h;
  }

  /** A private copy for copy-on-write snapshots: its own arrays (the values are shared, never changed by the join). */
  copy(): TimedRows {
    return new TimedRows(this.times.slice(this.head), this.values.slice(this.head), this.cleanupAt);
  }

  toSnapshot(): TimedRowsSnapshot {
    const h = this.head;
    // why: the frozen buffer of a snapshot is never changed again (copy-on-write), so its arrays may be shared
    return h === 0 ? { times: this.times, values: this.values } : { times: this.times.slice(h), values: this.values.slice(h) };
  }

  /**
   * A buffer from checkpoint data: the snapshot above, or the Map timestamp → elements that checkpoints of the
   * earlier map-state buffers hold (so that a job can be restored across the change). `cleanupAt` is set by the caller.
   */
  static fromSnapshot(data: unknown): TimedRows {
    if (data instanceof Map) {
      const entries = [...(data as Map<number, unknown[]>)].sort((a, b) => a[0] - b[0]);
      const times: number[] = [];
      const values: unknown[] = [];
      for (const [ts, bucket] of entries) {
        for (const value of bucket) {
          times.push(ts);
          values.push(value);
        }
      }
      return new TimedRows(times, values, Number.NaN);
    }
    const { times, values } = data as TimedRowsSnapshot;
    return new TimedRows(times.slice(), values.slice(), Number.NaN);
  }
}
