// The shared part of the continuous triggers: a pending fire time per key and window, on one time grid.
import { ReducingStateDescriptor } from "../../state/descriptors.js";
import type { ReducingState } from "../../state/state.js";
import type { Window } from "../window.js";
import { type OnMergeContext, Trigger, type TriggerContext, TriggerResult } from "./trigger.js";

/** When windows merge, the earliest pending fire time wins. */
const min = (a: number, b: number): number => Math.min(a, b);

/** Fires every `interval` of one time domain; subclasses say which domain and when to start. */
export abstract class ContinuousTrigger extends Trigger<unknown, Window> {
  protected readonly fireTime = new ReducingStateDescriptor<number>("fire-time", min);

  /** `name` is spelled out rather than read from the constructor: bundlers may rename classes. */
  protected constructor(
    private readonly name: string,
    readonly interval: number,
  ) {
    super();
    if (!(interval > 0)) throw new RangeError(`${name} needs an interval > 0, got ${interval}`);
  }

  protected abstract registerTimer(ctx: TriggerContext, time: number): void;
  protected abstract deleteTimer(ctx: TriggerContext, time: number): void;

  /** Starts the grid at the interval boundary at or before `time` (Flink: time − time % interval). */
  protected startAt(time: number, window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(this.fireTime);
    if (state.get() === undefined) this.registerNext(time - (time % this.interval), window, ctx, state);
  }

  /** A timer of this trigger's domain: fire if it is the pending fire time, and schedule the next. */
  protected fireIfDue(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    const state = ctx.getPartitionedState(this.fireTime);
    if (state.get() !== time) return TriggerResult.CONTINUE;
    state.clear();
    this.registerNext(time, window, ctx, state);
    return TriggerResult.FIRE;
  }

  override canMerge(): boolean {
    return true;
  }

  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.fireTime);
    const next = ctx.getPartitionedState(this.fireTime).get();
    if (next !== undefined) this.registerTimer(ctx, next);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    const state = ctx.getPartitionedState(this.fireTime);
    const time = state.get();
    if (time !== undefined) {
      this.deleteTimer(ctx, time);
      state.clear();
    }
  }

  /** why: capped at the window's end so the window's last interval is not skipped (FLINK-20443) */
  private registerNext(time: number, window: Window, ctx: TriggerContext, state: ReducingState<number>): void {
    const next = Math.min(time + this.interval, window.maxTimestamp());
    // why: at the end of time (the last watermark of a bounded input) every later grid point is due at once, so a
    // window without an end (GlobalWindow) would fire for ever; its end-of-window timer emits the final contents
    if (window.maxTimestamp() === Number.POSITIVE_INFINITY && ctx.getCurrentWatermark() === Number.POSITIVE_INFINITY) return;
    state.add(next);
    this.registerTimer(ctx, next);
  }

  override toString(): string {
    return `${this.name}(${this.interval})`;
  }
}
