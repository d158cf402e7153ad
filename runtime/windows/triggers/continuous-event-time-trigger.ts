// ContinuousEventTimeTrigger: fires every `interval` of event time while the window is open, and at its end.
import type { Window } from "../window.js";
import { ContinuousTrigger } from "./continuous-trigger.js";
import { type TriggerContext, TriggerResult } from "./trigger.js";

export class ContinuousEventTimeTrigger extends ContinuousTrigger {
  private constructor(interval: number) {
    super("ContinuousEventTimeTrigger", interval);
  }

  static of(interval: number): ContinuousEventTimeTrigger {
    return new ContinuousEventTimeTrigger(interval);
  }

  onElement(_element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return TriggerResult.FIRE;
    ctx.registerEventTimeTimer(window.maxTimestamp());
    this.startAt(timestamp, window, ctx);
    return TriggerResult.CONTINUE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    return this.fireIfDue(time, window, ctx);
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  protected registerTimer(ctx: TriggerContext, time: number): void {
    ctx.registerEventTimeTimer(time);
  }

  protected deleteTimer(ctx: TriggerContext, time: number): void {
    ctx.deleteEventTimeTimer(time);
  }
}
