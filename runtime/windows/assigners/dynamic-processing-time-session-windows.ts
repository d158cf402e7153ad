// Processing-time session windows whose gap is computed per element by a user function.
import { callableOf } from "../../api/functions.js";
import { TimeWindow } from "../time-window.js";
import { ProcessingTimeTrigger } from "../triggers/processing-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import { checkedGap, type SessionGapExtractor } from "./dynamic-event-time-session-windows.js";
import { MergingWindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class DynamicProcessingTimeSessionWindows<T> extends MergingWindowAssigner<T, TimeWindow> {
  private readonly extract: (element: T) => number;

  constructor(extractor: SessionGapExtractor<T>) {
    super();
    this.extract = callableOf<(element: T) => number>(extractor as any, "extract");
  }

  assignWindows(element: T, _timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const now = context.getCurrentProcessingTime();
    return [new TimeWindow(now, now + checkedGap(this.extract, element))];
  }

  mergeWindows(windows: readonly TimeWindow[], merge: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }

  getDefaultTrigger(): Trigger<T, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return "DynamicProcessingTimeSessionWindows()";
  }
}
