// Processing-time session windows: each element opens [now, now + gap) of the operator's clock; overlaps merge.
import { TimeWindow } from "../time-window.js";
import { ProcessingTimeTrigger } from "../triggers/processing-time-trigger.js";
import type { Trigger } from "../triggers/trigger.js";
import type { SessionGapExtractor } from "./dynamic-event-time-session-windows.js";
import { DynamicProcessingTimeSessionWindows } from "./dynamic-processing-time-session-windows.js";
import { MergingWindowAssigner, type WindowAssignerContext } from "./window-assigner.js";

export class ProcessingTimeSessionWindows extends MergingWindowAssigner<unknown, TimeWindow> {
  private constructor(readonly gap: number) {
    super();
    if (!(gap > 0)) throw new RangeError(`ProcessingTimeSessionWindows requires a gap > 0, got ${gap}`);
  }

  static withGap(gap: number): ProcessingTimeSessionWindows {
    return new ProcessingTimeSessionWindows(gap);
  }

  static withDynamicGap<T>(extractor: SessionGapExtractor<T>): DynamicProcessingTimeSessionWindows<T> {
    return new DynamicProcessingTimeSessionWindows<T>(extractor);
  }

  assignWindows(_element: unknown, _timestamp: number, context: WindowAssignerContext): TimeWindow[] {
    const now = context.getCurrentProcessingTime();
    return [new TimeWindow(now, now + this.gap)];
  }

  mergeWindows(windows: readonly TimeWindow[], merge: (toBeMerged: TimeWindow[], mergeResult: TimeWindow) => void): void {
    TimeWindow.mergeWindows(windows, merge);
  }

  getDefaultTrigger(): Trigger<unknown, TimeWindow> {
    return ProcessingTimeTrigger.create();
  }

  isEventTime(): boolean {
    return false;
  }

  override toString(): string {
    return `ProcessingTimeSessionWindows(${this.gap})`;
  }
}
