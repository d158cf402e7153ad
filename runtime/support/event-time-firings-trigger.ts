// The trigger of `trigger early … late count(n)`: Flink's EventTimeTrigger (fire when the watermark passes the
// window's end) with early firings before that end and counted late firings after it, as Beam's
// AfterWatermark.pastEndOfWindow().withEarlyFirings(…).withLateFirings(…) and Flink SQL's early/late fire settings.
import {
  ContinuousEventTimeTrigger, CountTrigger, ReducingStateDescriptor, Trigger, TriggerResult,
  type OnMergeContext, type TriggerContext, type Window,
} from "../index.js";

const sum = (a: number, b: number): number => a + b;

export interface EventTimeFirings {
  /** Before the end: every `count` records, or every `intervalMs` of event time (null: none). */
  readonly early: { readonly kind: "count"; readonly count: number } | { readonly kind: "every"; readonly intervalMs: number } | null;
  /** After the end: once per `lateCount` late records; null fires on each late record (EventTimeTrigger's rule). */
  readonly lateCount: number | null;
  /** The window's allowed lateness: late records short of `lateCount` fire when it runs out, rather than vanish. */
  readonly allowedLatenessMs: number;
}

export class EventTimeFiringsTrigger extends Trigger<unknown, Window> {
  /** The early firing rule, reused for records before the window's end (both also register the end-of-window timer). */
  private readonly early: Trigger<unknown, Window> | null;
  private readonly lateCount = new ReducingStateDescriptor<number>("late-count", sum);

  constructor(private readonly firings: EventTimeFirings) {
    super();
    const e = firings.early;
    this.early = e === null ? null : e.kind === "count" ? CountTrigger.of(e.count) : ContinuousEventTimeTrigger.of(e.intervalMs);
  }

  onElement(element: unknown, timestamp: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (window.maxTimestamp() <= ctx.getCurrentWatermark()) return this.onLateElement(window, ctx);
    ctx.registerEventTimeTimer(window.maxTimestamp());
    return this.early === null ? TriggerResult.CONTINUE : this.early.onElement(element, timestamp, window, ctx);
  }

  /** why: a window stays open for late records until the watermark passes its end plus the allowed lateness */
  private onLateElement(window: Window, ctx: TriggerContext): TriggerResult {
    const every = this.firings.lateCount;
    if (every === null) return TriggerResult.FIRE;
    const pending = ctx.getPartitionedState(this.lateCount);
    if (pending.get() === undefined) ctx.registerEventTimeTimer(this.lastFireTime(window));
    pending.add(1);
    if (pending.get()! < every) return TriggerResult.CONTINUE;
    pending.clear();
    return TriggerResult.FIRE;
  }

  onEventTime(time: number, window: Window, ctx: TriggerContext): TriggerResult {
    if (time === window.maxTimestamp()) return TriggerResult.FIRE;
    if (time === this.lastFireTime(window)) {
      const pending = ctx.getPartitionedState(this.lateCount);
      const fire = pending.get() !== undefined;
      pending.clear();
      return fire ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }
    return this.early === null ? TriggerResult.CONTINUE : this.early.onEventTime(time, window, ctx);
  }

  onProcessingTime(): TriggerResult {
    return TriggerResult.CONTINUE;
  }

  override canMerge(): boolean {
    return this.early === null || this.early.canMerge();
  }

  override onMerge(window: Window, ctx: OnMergeContext): void {
    this.early?.onMerge(window, ctx);
    ctx.mergePartitionedState(this.lateCount);
    if (window.maxTimestamp() > ctx.getCurrentWatermark()) ctx.registerEventTimeTimer(window.maxTimestamp());
  }

  clear(window: Window, ctx: TriggerContext): void {
    this.early?.clear(window, ctx);
    ctx.deleteEventTimeTimer(window.maxTimestamp());
    const pending = ctx.getPartitionedState(this.lateCount);
    if (pending.get() !== undefined) ctx.deleteEventTimeTimer(this.lastFireTime(window));
    pending.clear();
  }

  /** The window's cleanup time: its last chance to emit late records. */
  private lastFireTime(window: Window): number {
    return window.maxTimestamp() + this.firings.allowedLatenessMs;
  }

  override toString(): string {
    const e = this.firings.early;
    const early = e === null ? "" : e.kind === "count" ? `early=count(${e.count})` : `early=every(${e.intervalMs})`;
    const late = this.firings.lateCount === null ? "" : `late=count(${this.firings.lateCount})`;
    return `EventTimeFiringsTrigger(${[early, late].filter((x) => x !== "").join(", ")})`;
  }
}
