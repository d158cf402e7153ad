// Stage two of windowed triangle counting: per vertex pair and window, the wedges over it count as triangles if the
// pair is also an edge; each subtask sends one partial count per window.
import { AbstractStreamOperator, EddyError, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import { EDGE_MARK, type TriangleCandidate, type WindowTrianglesPartial } from "./triangle-candidate.js";

/**
 * Keyed by the pair [low, high]. PAIR_STATE, in the namespace of the window end, is 2·wedges + (1 if the edge exists)
 * — a number, so copy-on-write snapshots have nothing to copy. When the watermark passes the window, a pair that is
 * an edge adds its wedges to the subtask's total for the window (gelly-streaming's CountTriangles), and before the
 * watermark goes on, onWatermark emits one partial per window that had an edge — 0 triangles included, so every
 * window with an edge gets a count downstream. The totals live only between the timers and onWatermark of one
 * watermark, where no checkpoint barrier can come between.
 */
export class TriangleClosingOperator<K> extends AbstractStreamOperator<WindowTrianglesPartial> {
  static readonly PAIR_STATE = "gelly-triangles-pair";

  private pairs!: HeapValueState<number>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: TriangleCandidate<K>) => Key;
  private readonly totals = new Map<number, number>();

  constructor(name: string) {
    super(name);
  }

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", "the triangle closing operator runs on a stream keyed by vertex pair: build it with windowTriangles(edges, options)", this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    this.pairs = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<number>(TriangleClosingOperator.PAIR_STATE)) as HeapValueState<number>;
    this.timers = this.getInternalTimerService<number>("gelly-triangles-pair-timers", {
      onEventTime: (timer) => this.closePair(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<TriangleCandidate<K>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const candidate = values[i]!;
      const windowEnd = timestamps[i]! + 1;
      backend.setCurrentKey(this.keyOf(candidate));
      this.pairs.setCurrentNamespace(windowEnd);
      const code = this.pairs.value();
      if (code === undefined) this.timers.registerEventTimeTimer(windowEnd, windowEnd - 1);
      const previous = code ?? 0;
      this.pairs.update(candidate.wedges === EDGE_MARK ? previous | 1 : previous + 2 * candidate.wedges);
    }
  }

  private closePair(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.pairs.setCurrentNamespace(windowEnd);
    const code = this.pairs.value() ?? 0;
    this.pairs.clear();
    if ((code & 1) === 0) return;
    this.totals.set(windowEnd, (this.totals.get(windowEnd) ?? 0) + (code >>> 1));
  }

  protected override onWatermark(): void {
    if (this.totals.size === 0) return;
    for (const [windowEnd, triangles] of this.totals) this.output.collect({ windowEnd, triangles }, windowEnd - 1);
    this.totals.clear();
  }
}
