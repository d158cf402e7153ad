// The pending buffer cleanups of one side of an interval join: (time, key) entries taken out earliest first.
import type { NormalizedKey } from "../core/key-groups.js";

/**
 * A FIFO for entries added in time order (the common case: cleanup time = element time + a constant delay, and
 * sources mostly deliver in order) and a binary min-heap for the others. Costs: add O(1) amortised in order,
 * O(log h) otherwise; taking the earliest entry O(1) from the FIFO, O(log h) from the heap (h = out-of-order entries).
 * Both are parallel arrays (times unboxed), so an entry allocates nothing.
 */
export class CleanupQueue {
  private fifoTimes: number[] = [];
  private fifoKeys: NormalizedKey[] = [];
  private fifoHead = 0;
  private readonly heapTimes: number[] = [];
  private readonly heapKeys: NormalizedKey[] = [];

  get size(): number {
    return this.fifoTimes.length - this.fifoHead + this.heapTimes.length;
  }

  add(time: number, key: NormalizedKey): void {
    const times = this.fifoTimes;
    const n = times.length;
    if (n === this.fifoHead || times[n - 1]! <= time) {
      times.push(time);
      this.fifoKeys.push(key);
    } else {
      this.heapPush(time, key);
    }
  }

  /** The earliest pending time (+∞ when empty). */
  nextTime(): number {
    const fifo = this.fifoHead < this.fifoTimes.length ? this.fifoTimes[this.fifoHead]! : Number.POSITIVE_INFINITY;
    const heap = this.heapTimes.length > 0 ? this.heapTimes[0]! : Number.POSITIVE_INFINITY;
    return fifo <= heap ? fifo : heap;
  }

  /** Removes the entry of nextTime() and returns its key; only when size > 0. */
  take(): NormalizedKey {
    const h = this.fifoHead;
    const fifoTimes = this.fifoTimes;
    if (h < fifoTimes.length && (this.heapTimes.length === 0 || fifoTimes[h]! <= this.heapTimes[0]!)) {
      const key = this.fifoKeys[h];
      // why: drop the reference now, and reclaim the taken slots once they are most of the arrays (amortised O(1))
      this.fifoKeys[h] = undefined;
      const next = h + 1;
      if (next === fifoTimes.length) {
        this.fifoTimes = [];
        this.fifoKeys = [];
        this.fifoHead = 0;
      } else if (next >= 1024 && 2 * next >= fifoTimes.length) {
        this.fifoTimes = fifoTimes.slice(next);
        this.fifoKeys = this.fifoKeys.slice(next);
        this.fifoHead = 0;
      } else {
        this.fifoHead = next;
      }
      return key;
    }
    return this.heapPop();
  }

  private heapPush(time: number, key: NormalizedKey): void {
    const times = this.heapTimes;
    const keys = this.heapKeys;
    let i = times.length;
    times.push(time);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      keys[i] = keys[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
  }

  private heapPop(): NormalizedKey {
    const times = this.heapTimes;
    const keys = this.heapKeys;
    const top = keys[0];
    const lastTime = times.pop()!;
    const lastKey = keys.pop();
    const n = times.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && times[r]! < times[l]! ? r : l;
        if (times[child]! >= lastTime) break;
        times[i] = times[child]!;
        keys[i] = keys[child];
        i = child;
      }
      times[i] = lastTime;
      keys[i] = lastKey;
    }
    return top;
  }
}
