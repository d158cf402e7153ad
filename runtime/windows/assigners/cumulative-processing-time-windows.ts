// Cumulative processing-time windows: CUMULATE on the operator's clock at arrival.
import type { TimeWindow } from "../time-window.js";
import { ProcessingTimeTrigger } from "../triggers/processing-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkSizeAndStep, cumulativeWindows } from "./cumulative-event-time-windows.js";
import { WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class CumulativeProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly step: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndStep("CumulativeProcessingTimeWindows", size, step, offset);
  }

  static of(size: number, step: number, offset = 0): CumulativeProcessingTimeWindows {
    return new CumulativeProcessingTimeWindows(size, step, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  override assignWindowsTo(_element: unknown, _timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    return cumulativeWindows(context.getCurrentProcessingTime(), this.size, this.step, this.offset, context, out);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `CumulativeProcessingTimeWindows(${this.size}, ${this.step})`;
  }
}
