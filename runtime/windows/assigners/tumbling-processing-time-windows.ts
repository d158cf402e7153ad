// Tumbling processing-time windows: fixed-size windows of the operator's clock at arrival.
import { TimeWindow } from "../time-window.js";
import { ProcessingTimeTrigger } from "../triggers/processing-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkSizeAndSlide, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class TumblingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndSlide("TumblingProcessingTimeWindows", size, size, offset);
  }

  static of(size: number, offset = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows(size, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  override assignWindowsTo(_element: unknown, _timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    const now = context.getCurrentProcessingTime();
    const start = TimeWindow.getWindowStartWithOffset(now, this.offset, this.size);
    out[0] = context.timeWindow(start, start + this.size);
    return 1;
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `TumblingProcessingTimeWindows(${this.size})`;
  }
}
