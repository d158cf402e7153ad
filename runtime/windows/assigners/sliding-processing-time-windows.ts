// Sliding processing-time windows: windows of `size` every `slide` of the operator's clock at arrival.
import type { TimeWindow } from "../time-window.js";
import { ProcessingTimeTrigger } from "../triggers/processing-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { slidingWindows } from "./sliding-event-time-windows.js";
import { checkSizeAndSlide, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class SlidingProcessingTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndSlide("SlidingProcessingTimeWindows", size, slide, offset);
  }

  static of(size: number, slide: number, offset = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows(size, slide, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  override assignWindowsTo(_element: unknown, _timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    return slidingWindows(context.getCurrentProcessingTime(), this.size, this.slide, this.offset, context, out);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `SlidingProcessingTimeWindows(${this.size}, ${this.slide})`;
  }
}
