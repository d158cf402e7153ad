// Stage three of windowed triangle counting: the partial counts of one window summed into its total.
import { AbstractStreamOperator, EddyError, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService } from "../../runtime/spi.js";
import type { WindowTriangleCount, WindowTrianglesPartial } from "./triangle-records.js";

/**
 * Keyed by window end. TOTAL_STATE sums the partials; the timer at the window's last millisecond emits
 * { windowStart, windowEnd, triangles } and clears it. Partials arrive before that watermark: each stage before emits
 * them while handling the watermark that passes the window, before forwarding it.
 */
export class WindowTotalOperator extends AbstractStreamOperator<WindowTriangleCount> {
  static readonly TOTAL_STATE = "gelly-triangles-total";

  private totals!: HeapValueState<number>;
  private timers!: InternalTimerService<number>;

  constructor(name: string, private readonly windowSize: number) {
    super(name);
  }

  override open(): void {
    if (this.ctx.keyedBackend === null) {
      throw new EddyError("internal", "the window total operator runs on a stream keyed by window: build it with windowTriangles(edges, options)", this.errorContext(), { retriable: false });
    }
    this.totals = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<number>(WindowTotalOperator.TOTAL_STATE)) as HeapValueState<number>;
    this.timers = this.getInternalTimerService<number>("gelly-triangles-total-timers", {
      onEventTime: (timer) => this.emitTotal(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<WindowTrianglesPartial>): void {
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const partial = batch.values[i]!;
      backend.setCurrentKey(partial.windowEnd);
      const total = this.totals.value();
      if (total === undefined) this.timers.registerEventTimeTimer(0, partial.windowEnd - 1);
      this.totals.update((total ?? 0) + partial.triangles);
    }
  }

  private emitTotal(timer: InternalTimer<number>): void {
    const windowEnd = timer.key as number;
    const triangles = this.totals.value() ?? 0;
    this.totals.clear();
    this.output.collect({ windowStart: windowEnd - this.windowSize, windowEnd, triangles }, windowEnd - 1);
  }
}
