// Event-time session windows whose gap is computed per element by a user function.
import { callableOf } from "../../api/functions.js";
import { TimeWindow } from "../time-window.js";
import { EventTimeTrigger } from "../triggers/event-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { MergingWindowAssigner, requireTimestamp } from "./window-assigner.js";

/** The session gap (ms, > 0) for an element (Flink's SessionWindowTimeGapExtractor). */
export type SessionGapExtractor<T> = ((element: T) => number) | { extract(element: T): number };

export function checkedGap<T>(extract: (element: T) => number, element: T): number {
  const gap = extract(element);
  if (!(gap > 0)) throw new RangeError(`a dynamic session gap must be > 0, got ${gap}`);
  return gap;
}

export class DynamicEventTimeSessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
  private readonly extract: (element: T) => number;

  constructor(extractor: SessionGapExtractor<T>) {
    super();
    this.extract = callableOf<(element: T) => number>(extractor as any, "extract");
  }

  assignWindows(element: T, timestamp: number): TimeWindow[] {
    requireTimestamp(timestamp);
    return [new TimeWindow(timestamp, timestamp + checkedGap(this.extract, element))];
  }

  mergeWindows(windows: readonly TimeWindow[], merge: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return EventTimeTrigger.create();
  }

  isEventTime(): boolean {
    return true;
  }

  override toString(): string {
    return "DynamicEventTimeSessionWindows()";
  }
}
