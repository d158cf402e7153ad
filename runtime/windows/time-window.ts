// TimeWindow: the interval [start, end) of event or processing time, and Flink's window arithmetic.
import { Window } from "./window.js";

export class TimeWindow extends Window {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    super();
  }

  /** end − 1: the last timestamp inside the window, and the timestamp of its output records. */
  maxTimestamp(): number {
    return this.end - 1;
  }

  equals(other: Window): boolean {
    return other instanceof TimeWindow && other.start === this.start && other.end === this.end;
  }

  /** Whether the windows overlap or touch ([0,5) and [5,10) do): Flink merges touching sessions. */
  intersects(other: TimeWindow): boolean {
    return this.start <= other.end && this.end >= other.start;
  }

  /** The smallest window containing both. */
  cover(other: TimeWindow): TimeWindow {
    return new TimeWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  override toString(): string {
    return `TimeWindow{start=${this.start}, end=${this.end}}`;
  }

  /**
   * The start of the window of size `windowSize` (shifted by `offset`) that contains `timestamp`
   * (Flink's getWindowStartWithOffset). The remainder is normalised so negative timestamps land in
   * the window below them, not above: ts −1, size 10 → start −10.
   */
  static getWindowStartWithOffset(timestamp: number, offset: number, windowSize: number): number {
    const remainder = (timestamp - offset) % windowSize;
    // why: JS % keeps the dividend's sign (as Java's), so a negative remainder moves one window down
    return remainder < 0 ? timestamp - (remainder + windowSize) : timestamp - remainder;
  }

  /**
   * Merges overlapping windows (Flink's TimeWindow.mergeWindows): sorts by start, sweeps, and
   * reports every group of more than one window with the window covering it.
   */
  static mergeWindows(windows: readonly TimeWindow[], merge: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    const sorted = [...windows].sort((a, b) => a.start - b.start);
    let current: TimeWindow | null = null;
    let group: TimeWindow[] = [];
    for (const candidate of sorted) {
      if (current === null) {
        current = candidate;
        group = [candidate];
      } else if (current.intersects(candidate)) {
        current = current.cover(candidate);
        group.push(candidate);
      } else {
        if (group.length > 1) merge(group, current);
        current = candidate;
        group = [candidate];
      }
    }
    if (current !== null && group.length > 1) merge(group, current);
  }
}
