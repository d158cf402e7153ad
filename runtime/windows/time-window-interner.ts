// Canonical TimeWindow objects of one window operator: one object per [start, end), so windows can
// be state and timer namespaces (compared by identity) without allocating a window per record.
// Costs: get O(1) expected (a last-hit check, then one Map lookup); expiry O(log n) per window.
import { TimerHeap } from "../time/timer-heap.js";
import { TimeWindow } from "./time-window.js";

interface Expiry {
  readonly timestamp: number;
  readonly seq: number;
  readonly window: TimeWindow;
}

export class TimeWindowInterner {
  /** By start: the common case, since the windows of one assigner share their size. */
  private readonly byStart = new Map<number, TimeWindow>();
  /** Windows whose start is taken by a window of another size (custom assigners). */
  private readonly others = new Map<string, TimeWindow>();
  private readonly expiries = new TimerHeap<Expiry>();
  private last: TimeWindow | null = null;
  private seq = 0;

  /** `expiresAt(w)`: the time after which no record or timer can refer to `w` any more. */
  constructor(private readonly expiresAt: (window: TimeWindow) => number) {}

  get size(): number {
    return this.byStart.size + this.others.size;
  }

  get(start: number, end: number): TimeWindow {
    const last = this.last;
    if (last !== null && last.start === start && last.end === end) return last;
    let w = this.byStart.get(start);
    if (w === undefined) {
      w = this.create(start, end);
      this.byStart.set(start, w);
    } else if (w.end !== end) {
      const key = `${start}/${end}`;
      w = this.others.get(key);
      if (w === undefined) {
        w = this.create(start, end);
        this.others.set(key, w);
      }
    }
    this.last = w;
    return w;
  }

  /** Forgets windows that expire at or before `time` (`inclusive`) or strictly before it. */
  expire(time: number, inclusive: boolean): void {
    const heap = this.expiries;
    for (let e = heap.peek(); e !== undefined && (e.timestamp < time || (inclusive && e.timestamp === time)); e = heap.peek()) {
      heap.pop();
      const w = e.window;
      if (this.byStart.get(w.start) === w) this.byStart.delete(w.start);
      else this.others.delete(`${w.start}/${w.end}`);
      if (this.last === w) this.last = null;
    }
  }

  private create(start: number, end: number): TimeWindow {
    const w = new TimeWindow(start, end);
    this.expiries.push({ timestamp: this.expiresAt(w), seq: this.seq++, window: w });
    return w;
  }
}
