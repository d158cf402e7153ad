// TimeEvictor: keeps only the elements within `windowSize` ms of the newest element's timestamp.
import { NO_TIMESTAMP } from "../../core/time.js";
import type { Window } from "../window.js";
import { type Evictor, removeWhere, type TimestampedValue } from "./evictor.js";

export class TimeEvictor implements Evictor<unknown, Window> {
  private constructor(
    readonly windowSize: number,
    readonly doEvictAfter: boolean,
  ) {
    if (!(windowSize >= 0)) throw new RangeError(`TimeEvictor needs a size ≥ 0 ms, got ${windowSize}`);
  }

  static of(windowSize: number, doEvictAfter = false): TimeEvictor {
    return new TimeEvictor(windowSize, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }

  evictAfter(elements: TimestampedValue<unknown>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }

  /** Removes elements with timestamp ≤ max timestamp − windowSize; without timestamps it does nothing (as Flink). */
  private evict(elements: TimestampedValue<unknown>[]): void {
    if (elements.length === 0 || elements[0]!.timestamp === NO_TIMESTAMP) return;
    let max = Number.NEGATIVE_INFINITY;
    for (const e of elements) if (e.timestamp > max) max = e.timestamp;
    const cutoff = max - this.windowSize;
    removeWhere(elements, (e) => e.timestamp <= cutoff);
  }

  toString(): string {
    return `TimeEvictor(${this.windowSize})`;
  }
}
