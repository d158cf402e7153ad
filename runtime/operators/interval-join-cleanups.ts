// The pending buffer cleanups of one side of an interval join: (time, item) entries taken out earliest first.

/**
 * A FIFO for entries added in time order (the common case: cleanup time = element time + a constant delay, and
 * sources mostly deliver in order) and a binary min-heap for the others. Costs: add O(1) amortised in order,
 * O(log h) otherwise; taking the earliest entry O(1) from the FIFO, O(log h) from the heap (h = out-of-order entries).
 * Both are parallel arrays (times unboxed), so an entry allocates nothing.
 */
export class CleanupQueue<T> {
  private fifoTimes: number[] = [];
  private fifoItems: (T | undefined)[] = [];
  private fifoHead = 0;
  private readonly heapTimes: number[] = [];
  private readonly heapItems: T[] = [];

  get size(): number {
    return this.fifoTimes.length - this.fifoHead + this.heapTimes.length;
  }

  add(time: number, item: T): void {
    const times = this.fifoTimes;
    const n = times.length;
    if (n === this.fifoHead || times[n - 1]! <= time) {
      times.push(time);
      this.fifoItems.push(item);
    } else {
      this.heapPush(time, item);
    }
  }

  /** The earliest pending time (+∞ when empty). */
  nextTime(): number {
    const fifo = this.fifoHead < this.fifoTimes.length ? this.fifoTimes[this.fifoHead]! : Number.POSITIVE_INFINITY;
    const heap = this.heapTimes.length > 0 ? this.heapTimes[0]! : Number.POSITIVE_INFINITY;
    return fifo <= heap ? fifo : heap;
  }

  /** Removes the entry of nextTime() and returns its item; only when size > 0. */
  take(): T {
    const h = this.fifoHead;
    const fifoTimes = this.fifoTimes;
    if (h < fifoTimes.length && (this.heapTimes.length === 0 || fifoTimes[h]! <= this.heapTimes[0]!)) {
      const item = this.fifoItems[h] as T;
      // why: drop the reference now, and reclaim the taken slots once they are most of the arrays (amortised O(1))
      this.fifoItems[h] = undefined;
      const next = h + 1;
      if (next === fifoTimes.length) {
        this.fifoTimes = [];
        this.fifoItems = [];
        this.fifoHead = 0;
      } else if (next >= 1024 && 2 * next >= fifoTimes.length) {
        this.fifoTimes = fifoTimes.slice(next);
        this.fifoItems = this.fifoItems.slice(next);
        this.fifoHead = 0;
      } else {
        this.fifoHead = next;
      }
      return item;
    }
    return this.heapPop();
  }

  private heapPush(time: number, item: T): void {
    const times = this.heapTimes;
    const items = this.heapItems;
    let i = times.length;
    times.push(time);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    times[i] = time;
    items[i] = item;
  }

  private heapPop(): T {
    const times = this.heapTimes;
    const items = this.heapItems;
    const top = items[0]!;
    const lastTime = times.pop()!;
    const lastItem = items.pop()!;
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
        items[i] = items[child]!;
        i = child;
      }
      times[i] = lastTime;
      items[i] = lastItem;
    }
    return top;
  }
}
