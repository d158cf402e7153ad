// Sliding event-time windows: windows of `size` starting every `slide`, so an element is in size/slide of them.
import { TimeWindow } from "../time-window.js";
import { EventTimeTrigger } from "../triggers/event-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkSizeAndSlide, requireTimestamp, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class SlidingEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly slide: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndSlide("SlidingEventTimeWindows", size, slide, offset);
  }

  static of(size: number, slide: number, offset = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows(size, slide, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  /** Latest window first, as Flink lists them. */
  override assignWindowsTo(_element: unknown, timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    requireTimestamp(timestamp);
    return slidingWindows(timestamp, this.size, this.slide, this.offset, context, out);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `SlidingEventTimeWindows(${this.size}, ${this.slide})`;
  }
}

/** Every window [start, start + size) with start ≡ offset (mod slide) that contains `time`. */
export function slidingWindows(time: number, size: number, slide: number, offset: number, context: WindowAssignerContext, out: TimeWindow[]): number {
  let n = 0;
  const lastStart = TimeWindow.getWindowStartWithOffset(time, offset, slide);
  for (let start = lastStart; start > time - size; start -= slide) out[n++] = context.timeWindow(start, start + size);
  return n;
}
