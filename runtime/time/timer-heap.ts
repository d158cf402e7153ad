// A binary min-heap of timers ordered by (timestamp, registration order).
// Costs: push O(log n), pop O(log n), peek O(1).

export interface HeapTimer {
  readonly timestamp: number;
  readonly seq: number;
}

export class TimerHeap<T extends HeapTimer> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(timer: T): void {
    const items = this.items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = timer;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      let i = 0;
      const n = items.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && before(items[r]!, items[l]!) ? r : l;
        if (!before(items[child]!, last)) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }

  toArray(): readonly T[] {
    return this.items;
  }
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq);
}
