// Evictor: removes elements from a window's buffer before and/or after the window function runs.
import type { Window } from "../window.js";

/** A buffered element with the timestamp it arrived with (NO_TIMESTAMP when it had none). */
export interface TimestampedValue<T> {
  readonly value: T;
  readonly timestamp: number;
}

export interface EvictorContext {
  getCurrentProcessingTime(): number;
  getCurrentWatermark(): number;
}

/**
 * `elements` is the window's buffer in arrival order; an evictor removes entries from the array in
 * place (Flink removes through the iterator). What remains after `evictAfter` stays in the window.
 */
export interface Evictor<T, W extends Window> {
  evictBefore(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
  evictAfter(elements: TimestampedValue<T>[], size: number, window: W, ctx: EvictorContext): void;
}

/** Removes, in place and keeping order, the elements for which `evict` is true. */
export function removeWhere<T>(elements: TimestampedValue<T>[], evict: (e: TimestampedValue<T>) => boolean): void {
  let kept = 0;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (!evict(e)) elements[kept++] = e;
  }
  elements.length = kept;
}
