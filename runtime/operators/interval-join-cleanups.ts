// The pending buffer cleanups of one side of an interval join: (time, item) entries taken out earliest first.

const INITIAL_CAPACITY = 64;

/**
 * A FIFO for entries added in time order (the common case: cleanup time = element time + a constant delay, and
 * sources mostly deliver in order) and a binary min-heap for the others. Costs: add O(1) amortised in order,
 * O(log h) otherwise; taking the earliest entry O(1) from the FIFO, O(log h) from the heap (h = out-of-order entries).
 * The FIFO is a ring of parallel arrays (times in a Float64Array) that only grows, by doubling (so it keeps the
 * capacity of its longest backlog): in steady state an entry allocates nothing. Why: with ~100k entries pending (q7),
 * arrays pushed to and sliced when half taken were copied again and again — q7's join alone 0.94–0.99 → 1.05–1.22 M
 * records/s (`node --expose-gc --import tsx bench/joins/interval-join.bench.ts`).
 */
export class CleanupQueue<T> {
  private ringTimes = new Float64Array(INITIAL_CAPACITY);
  private ringItems: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY).fill(undefined);
  /** Capacity − 1 (the capacity is a power of two). */
  private mask = INITIAL_CAPACITY - 1;
  private first = 0;
  private count = 0;
  private readonly heapTimes: number[] = [];
  private readonly heapItems: T[] = [];

  get size(): number {
    return this.count + this.heapTimes.length;
  }

  add(time: number, item: T): void {
    const count = this.count;
    if (count > 0 && this.ringTimes[(this.first + count - 1) & this.mask]! > time) {
      this.heapPush(time, item);
      return;
    }
    if (count > this.mask) this.grow();
    const at = (this.first + count) & this.mask;
    this.ringTimes[at] = time;
    this.ringItems[at] = item;
    this.count = count + 1;
  }

  /** The earliest pending time (+∞ when empty). */
  nextTime(): number {
    const ring = this.count > 0 ? this.ringTimes[this.first]! : Number.POSITIVE_INFINITY;
    const heap = this.heapTimes.length > 0 ? this.heapTimes[0]! : Number.POSITIVE_INFINITY;
    return ring <= heap ? ring : heap;
  }

  /** Removes the entry of nextTime() and returns its item; only when size > 0. */
  take(): T {
    const first = this.first;
    if (this.count > 0 && (this.heapTimes.length === 0 || this.ringTimes[first]! <= this.heapTimes[0]!)) {
      const item = this.ringItems[first] as T;
      // why: the queue must not keep a dropped buffer reachable
      this.ringItems[first] = undefined;
      this.first = (first + 1) & this.mask;
      this.count--;
      return item;
    }
    return this.heapPop();
  }

  /** Doubles the ring, its entries moved to the front in order. */
  private grow(): void {
    const capacity = this.mask + 1;
    const times = new Float64Array(2 * capacity);
    const items = new Array<T | undefined>(2 * capacity).fill(undefined);
    for (let i = 0; i < this.count; i++) {
      const from = (this.first + i) & this.mask;
      times[i] = this.ringTimes[from]!;
      items[i] = this.ringItems[from];
    }
    this.ringTimes = times;
    this.ringItems = items;
    this.mask = 2 * capacity - 1;
    this.first = 0;
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
