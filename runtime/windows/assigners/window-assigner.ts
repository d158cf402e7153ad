// WindowAssigner: which windows an element belongs to, its default trigger, and its time domain.
import { EddyError } from "../../core/errors.js";
import { NO_TIMESTAMP } from "../../core/time.js";
import { TimeWindow } from "../time-window.js";
import type { Trigger } from "../triggers/trigger.js";
import type { Window } from "../window.js";

/** What an assigner may ask of the operator it runs in. */
export interface WindowAssignerContext {
  getCurrentProcessingTime(): number;
  /**
   * The operator's one TimeWindow object for [start, end). State and timers use windows as
   * namespaces by identity, so non-merging assigners must return canonical windows; built-in
   * assigners get them here without allocating.
   */
  timeWindow(start: number, end: number): TimeWindow;
}

export abstract class WindowAssigner<T, W extends Window> {
  /** The windows of `element` with event timestamp `timestamp` (NO_TIMESTAMP when it has none). */
  abstract assignWindows(element: T, timestamp: number, context: WindowAssignerContext): W[];

  /**
   * Allocation-free form used by the window operator: writes the windows into `out` and returns
   * how many. The default copies `assignWindows`, replacing TimeWindows by the operator's canonical
   * objects (a custom assigner may create new ones per record); built-in assigners override it.
   */
  assignWindowsTo(element: T, timestamp: number, context: WindowAssignerContext, out: W[]): number {
    const windows = this.assignWindows(element, timestamp, context);
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      out[i] = w instanceof TimeWindow ? (context.timeWindow(w.start, w.end) as unknown as W) : w;
    }
    return windows.length;
  }

  abstract getDefaultTrigger(): Trigger<T, W>;
  /** Event time: windows are late once the watermark passes them, and cleanup follows the watermark. */
  abstract isEventTime(): boolean;
}

/** An assigner whose windows can merge (sessions). Its windows are not interned: the operator's MergingWindowSet keeps them canonical per key. */
export abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {
  /** Reports every group of windows that must become one, with the window that replaces them. */
  abstract mergeWindows(windows: readonly W[], merge: (toBeMerged: W[], mergeResult: W) => void): void;

  /** No interning: the per-key MergingWindowSet makes merging windows canonical. */
  override assignWindowsTo(element: T, timestamp: number, context: WindowAssignerContext, out: W[]): number {
    const windows = this.assignWindows(element, timestamp, context);
    for (let i = 0; i < windows.length; i++) out[i] = windows[i]!;
    return windows.length;
  }
}

export function isMergingAssigner<T, W extends Window>(assigner: WindowAssigner<T, W>): assigner is MergingWindowAssigner<T, W> {
  return assigner instanceof MergingWindowAssigner;
}

/** Event-time assigners need a timestamp on every record (Flink's message, in our words). */
export function requireTimestamp(timestamp: number): void {
  if (timestamp === NO_TIMESTAMP) {
    throw new EddyError(
      "user",
      "a record has no timestamp, but an event-time window assigner needs one: call assignTimestampsAndWatermarks(...) on the stream (or read from a source with a WatermarkStrategy that assigns timestamps), or use a processing-time window assigner",
    );
  }
}

export function checkSizeAndSlide(what: string, size: number, slide: number, offset: number): void {
  if (!(size > 0) || !(slide > 0) || !Number.isFinite(size) || !Number.isFinite(slide)) {
    throw new RangeError(`${what} requires a positive size and slide, got size ${size}, slide ${slide}`);
  }
  if (!(Math.abs(offset) < slide)) {
    throw new RangeError(`${what} requires |offset| < slide (${slide}), got offset ${offset}`);
  }
}
