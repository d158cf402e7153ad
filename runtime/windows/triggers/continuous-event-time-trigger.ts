// ContinuousEventTimeTrigger: fires every `interval` of event time while the window is open, and at its end.
import { ReducingStateDescriptor } from "../../state/descriptors.js";
import type { ReducingState } from "../../state/state.js";
import type { Window } from "../window.js";
import { type OnMergeContext, Trigger, type TriggerContext, TriggerResult } from "./trigger.js";

/** When windows merge, the earliest pending fire time wins. */
const min = (a: number, b: number): number => Math.min(a, b);

export class ContinuousEventTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);

  private constructor(readonly interval: number) {
    super();
    if (!(interval > 0)) throw new RangeError(`ContinuousEventTimeTrigger needs an interval > 0, got ${interval}`);
  }

  static of(interval: number): ContinuousEventTimeTrigger {
    return new ContinuousEventTimeTrigger(interval);
  }

  onElement(_element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(window.maxTimestamp());
    const state = ctx.getPartitionedState(this.fireTime);
    // why: the first fire time is aligned to the interval grid (Flink: timestamp − timestamp % interval)
    if (state.get() === undefined) this.registerNext(timestamp - (timestamp % this.interval), window, ctx, state);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    const state = ctx.getPartitionedState(this.fireTime);
    if (state.get() === time) {
      state.clear();
      this.registerNext(time, window, ctx, state);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) ctx.registerEventTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(this.fireTime);
    const time = state.get();
    if (time !== undefined) {
      ctx.deleteEventTimeTimer(time);
      state.clear();
    }
  }

  /** why: capped at the window's end so the last interval before it is not skipped (FLINK-20443) */
  private registerNext(time: number, window: Window, ctx: TriggerContext, state: ReducingState<number>): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    state.add(next);
    ctx.registerEventTimeTimer(next);
  }

  override toString(): string {
    return `ContinuousEventTimeTrigger(${this.interval})`;
  }
}
