// Cumulative event-time windows (Flink's CUMULATE): from each multiple of `size`, windows that grow by `step` up to `size`.
import { TimeWindow } from "../time-window.js";
import { EventTimeTrigger } from "../triggers/event-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkSizeAndSlide, requireTimestamp, WindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class CumulativeEventTimeWindows extends WindowAssigner<unknown, TimeWindow> {
  private constructor(
    readonly size: number,
    readonly step: number,
    readonly offset: number,
  ) {
    super();
    checkSizeAndStep("CumulativeEventTimeWindows", size, step, offset);
  }

  /** Windows [s, s + step), [s, s + 2·step), …, [s, s + size) for each start s ≡ offset (mod size). */
  static of(size: number, step: number, offset = 0): CumulativeEventTimeWindows {
    return new CumulativeEventTimeWindows(size, step, offset);
  }

  assignWindows(element: unknown, timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const out: TimeWindow[] = [];
    this.assignWindowsTo(element, timestamp, context, out);
    return out;
  }

  /** Shortest window first, as Flink's CumulativeWindowAssigner lists them. */
  override assignWindowsTo(_element: unknown, timestamp: number, context: WindowAssignerContext, out: TimeWindow[]): number {
    requireTimestamp(timestamp);
    return cumulativeWindows(timestamp, this.size, this.step, this.offset, context, out);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `CumulativeEventTimeWindows(${this.size}, ${this.step})`;
  }
}

/** Every window [start, end) with start ≡ offset (mod size), end − start a multiple of step ≤ size, containing `time`. */
export function cumulativeWindows(time: number, size: number, step: number, offset: number, context: WindowAssignerContext, out: TimeWindow[]): number {
  const start = TimeWindow.getWindowStartWithOffset(time, offset, size);
  // why: the first window that contains `time` ends after the step that holds it; every longer one contains it too
  const firstEnd = TimeWindow.getWindowStartWithOffset(time, offset, step) + step;
  let n = 0;
  for (let end = firstEnd; end <= start + size; end += step) out[n++] = context.timeWindow(start, end);
  return n;
}

/** As Flink requires: a positive step, and a size that is a whole multiple of it (so the last window ends at size). */
export function checkSizeAndStep(what: string, size: number, step: number, offset: number): void {
  checkSizeAndSlide(what, size, step, offset);
  if (size % step !== 0) throw new RangeError(`${what} requires a size that is a whole multiple of the step, got size ${size}, step ${step}`);
}
