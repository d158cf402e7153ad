// DeltaEvictor: removes elements whose delta to the newest element reaches a threshold.
import type { Window } from "../window.js";
import { type Evictor, removeWhere, type TimestampedValue } from "./evictor.js";

/** The distance between two elements (Flink's DeltaFunction). */
export type DeltaFunction<T> = ((oldPoint: T, newPoint: T) => number) | { getDelta(oldPoint: T, newPoint: T): number };

export class DeltaEvictor<T> implements Evictor<T, Window> {
  private readonly delta: (oldPoint: T, newPoint: T) => number;

  private constructor(
    readonly threshold: number,
    deltaFunction: DeltaFunction<T>,
    readonly doEvictAfter: boolean,
  ) {
    this.delta = typeof deltaFunction === "function" ? deltaFunction : (a, b) => deltaFunction.getDelta(a, b);
  }

  static of<T>(threshold: number, deltaFunction: DeltaFunction<T>, doEvictAfter = false): DeltaEvictor<T> {
    return new DeltaEvictor(threshold, deltaFunction, doEvictAfter);
  }

  evictBefore(elements: TimestampedValue<T>[]): void {
    if (!this.doEvictAfter) this.evict(elements);
  }

  evictAfter(elements: TimestampedValue<T>[]): void {
    if (this.doEvictAfter) this.evict(elements);
  }

  /** The last element is compared with itself too, so a threshold ≤ 0 empties the window (as Flink). */
  private evict(elements: TimestampedValue<T>[]): void {
    if (elements.length === 0) return;
    const last = elements[elements.length - 1]!.value;
    removeWhere(elements, (e) => this.delta(e.value, last) >= this.threshold);
  }

  toString(): string {
    return `DeltaEvictor(${this.threshold})`;
  }
}
