// CountTrigger: fires every time the window has received another `maxCount` elements.
import { ReducingStateDescriptor } from "../../state/descriptors.js";
import type { Window } from "../window.js";
import { type OnMergeContext, Trigger, type TriggerContext, TriggerResult } from "./trigger.js";

const sum = (a: number, b: number): number => a + b;

export class CountTrigger extends Trigger<unknown, Window> {
  private readonly countDescriptor = new ReducingStateDescriptor<number>("count", sum);

  private constructor(readonly maxCount: number) {
    super();
    if (!(maxCount >= 1)) throw new RangeError(`CountTrigger needs a count ≥ 1, got ${maxCount}`);
  }

  static of(maxCount: number): CountTrigger {
    return new CountTrigger(maxCount);
  }

  onElement(_element: unknown, _timestamp: number, _window: Window, ctx: TriggerContext): TriggerResult {
    const count = ctx.getPartitionedState(this.countDescriptor);
    count.add(1);
    if (count.get()! >= this.maxCount) {
      count.clear();
      return TriggerResult.FIRE;
    }
    return TriggerResult.CONTINUE;
  }

  onEventTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return true;
  }

  /** why: as Flink, merged counts add up and the next element decides whether to fire */
  override onMerge(_window: Window, ctx: OnMergeContext): void {
    ctx.mergePartitionedState(this.countDescriptor);
  }

  clear(_window: Window, ctx: TriggerContext): void {
    ctx.getPartitionedState(this.countDescriptor).clear();
  }

  override toString(): string {
    return `CountTrigger(${this.maxCount})`;
  }
}
