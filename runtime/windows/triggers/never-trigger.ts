// NeverTrigger: the default of GlobalWindows — never fires; set a custom trigger to get results.
import type { Window } from "../window.js";
import { Trigger, TriggerResult } from "./trigger.js";

export class NeverTrigger extends Trigger<unknown, Window> {
  private static readonly INSTANCE = new NeverTrigger();

  private constructor() {
    super();
  }

  static create(): NeverTrigger {
    return NeverTrigger.INSTANCE;
  }

  onElement(): TriggerResult {
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
  override onMerge(): void {}
  clear(): void {}

  override toString(): string {
    return "NeverTrigger()";
  }
}
