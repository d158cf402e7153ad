// ContinuousProcessingTimeTrigger: fires every `interval` of processing time while the window has data.
import type { Window } from "../window.js";
import { ContinuousTrigger } from "./continuous-trigger.js";
import { type TriggerContext, TriggerResult } from "./trigger.js";

export class ContinuousProcessingTimeTrigger extends ContinuousTrigger {
  private constructor(interval: number) {
    super("ContinuousProcessingTimeTrigger", interval);
  }

  static of(interval: number): ContinuousProcessingTimeTrigger {
    return new ContinuousProcessingTimeTrigger(interval);
  }

  onElement(_element: unknown, _timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    this.startAt(ctx.getCurrentProcessingTime(), window, ctx);
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    return this.fireIfDue(time, window, ctx);
  }

  protected registerTimer(ctx: TriggerContext, time: number): void {
    ctx.registerProcessingTimeTimer(time);
  }

  protected deleteTimer(ctx: TriggerContext, time: number): void {
    ctx.deleteProcessingTimeTimer(time);
  }
}
