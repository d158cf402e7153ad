// Tumbling event-time windows: fixed-size, non-overlapping [start, start + size) by record timestamp.
import { TimeWindow } from "../time-window.js";
import { EventTimeTrigger } from "../triggers/event-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkSizeAndSlide, requireTimestamp, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class TumblingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndSlide("TumblingEventTimeWindows", size, size, offset);
  }

  /** Windows of `size` ms; `offset` shifts their starts (e.g. time zones: `Time.hours(-8)`). */
  static of(size: number, offset = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows(size, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  override assignWindowsTo(_element: unknown, timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    requireTimestamp(timestamp);
    const start = TimeWindow.getWindowStartWithOffset(timestamp, this.offset, this.size);
    out[0] = context.timeWindow(start, start + this.size);
    return 1;
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `TumblingEventTimeWindows(${this.size})`;
  }
}
