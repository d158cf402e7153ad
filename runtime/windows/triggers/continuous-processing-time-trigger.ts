// ContinuousProcessingTimeTrigger: fires every `interval` of processing time while the window has data.
import { ReducingStateDescriptor } from "../../state/descriptors.js";
import type { ReducingState } from "../../state/state.js";
import type { Window } from "../window.js";
import { type OnMergeContext, Trigger, type TriggerContext, TriggerResult } from "./trigger.js";

const min = (a: number, b: number): number => Math.min(a, b);

export class ContinuousProcessingTimeTrigger extends Trigger<unknown, Window> {
  private readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);

  private constructor(readonly interval: number) {
    super();
    if (!(interval > 0)) throw new RangeError(`ContinuousProcessingTimeTrigger needs an interval > 0, got ${interval}`);
  }

  static of(interval: number): ContinuousProcessingTimeTrigger {
    return new ContinuousProcessingTimeTrigger(interval);
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    const state = ctx.getPartitionedState(this.fireTime);
    const now = ctx.getCurrentProcessingTime();
    if (state.get() === undefined) this.registerNext(now - (now % this.interval), window, ctx, state);
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    const state = ctx.getPartitionedState(this.fireTime);
    if (state.get() === time) {
      state.clear();
      this.registerNext(time, window, ctx, state);
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) ctx.registerProcessingTimeTimer(next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(this.fireTime);
    const time = state.get();
    if (time !== undefined) {
      ctx.deleteProcessingTimeTimer(time);
      state.clear();
    }
  }

  /** why: capped at the window's end so the window's last interval fires with it (FLINK-20443) */
  private registerNext(time: number, window: Window, ctx: TriggerContext, state: ReducingState<number>): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    state.add(next);
    ctx.registerProcessingTimeTimer(next);
  }

  override toString(): string {
    return `ContinuousProcessingTimeTrigger(${this.interval})`;
  }
}
