// CountEvictor: keeps only the last `maxCount` elements of the window.
import type { Window } from "../window.js";
import type { Evictor, TimestampedValue } from "./evictor.js";

export class CountEvictor implements Evictor<unknown, Window> {
  private constructor(
    readonly maxCount: number,
    /** Evict after the window function instead of before it. */
    readonly doEvictAfter: boolean,
  ) {
    if (!(maxCount >= 0)) throw new RangeError(`CountEvictor needs a count ≥ 0, got ${maxCount}`);
  }

  static of(maxCount: number, doEvictAfter = false): CountEvictor {
    return new CountEvictor(maxCount, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<unknown>[], size: number): void {
    if (!this.doEvictAfter) this.evict(elements, size);
  }

  evictAfter(elements: TimestampedValue<unknown>[], size: number): void {
    if (this.doEvictAfter) this.evict(elements, size);
  }

  /** Drops the first size − maxCount elements (the oldest by arrival). */
  private evict(elements: TimestampedValue<unknown>[], size: number): void {
    if (size <= this.maxCount) return;
    elements.splice(0, size - this.maxCount);
  }

  toString(): string {
    return `CountEvictor(${this.maxCount})`;
  }
}
