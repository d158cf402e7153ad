// Event-time session windows: each element opens [ts, ts + gap); overlapping (or touching) windows merge.
import { TimeWindow } from "../time-window.js";
import { EventTimeTrigger } from "../triggers/event-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { DynamicEventTimeSessionWindows, type SessionGapExtractor } from "./dynamic-event-time-session-windows.js";
import { MergingWindowAssigner, requireTimestamp } from "./window-assigner.js";

export class EventTimeSessionWindows extends MergingWindowAssigner<unknown, TimeWindow> {
  private constructor(readonly gap: number) {
    super();
    if (!(gap > 0)) throw new RangeError(`EventTimeSessionWindows requires a gap > 0, got ${gap}`);
  }

  static withGap(gap: number): EventTimeSessionWindows {
    return new EventTimeSessionWindows(gap);
  }

  /** Sessions whose gap depends on the element (Flink's DynamicEventTimeSessionWindows). */
  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): DynamicEventTimeSessionWindows<T> {
    return new DynamicEventTimeSessionWindows<T>(extractor);
  }

  assignWindows(_element: unknown, timestamp: number): TimeWindow[] {
    requireTimestamp(timestamp);
    return [new TimeWindow(timestamp, timestamp + this.gap)];
  }

  mergeWindows(windows: readonly TimeWindow[], merge: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return `EventTimeSessionWindows(${this.gap})`;
  }
}
