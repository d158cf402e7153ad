// The last stage of per-vertex windowed triangle counts: a vertex's partial counts of one window summed.
import { AbstractStreamOperator, EddyError, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService } from "../../runtime/spi.js";
import type { OrderedVertexKey } from "./edge.js";
import type { VertexTriangleCount, VertexTrianglesPartial } from "./triangle-records.js";

/**
 * Keyed by vertex. TOTAL_STATE, in the namespace of the window end, sums the partials; the timer at the window's last
 * millisecond emits { windowStart, windowEnd, vertexId, triangles } and clears it. The partials arrive before that
 * watermark, as in WindowTotalOperator.
 */
export class VertexTotalOperator<K extends OrderedVertexKey> extends AbstractStreamOperator<VertexTriangleCount<K>> {
  static readonly TOTAL_STATE = "gelly-vertex-triangles-total";

  private totals!: HeapValueState<number>;
  private timers!: InternalTimerService<number>;

  constructor(name: string, private readonly windowSize: number) {
    super(name);
  }

  override open(): void {
    if (this.ctx.keyedBackend === null) {
      throw new EddyError("internal", "the vertex total operator runs on a stream keyed by vertex: build it with windowVertexTriangles(edges, options)", this.errorContext(), { retriable: false });
    }
    this.totals = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<number>(VertexTotalOperator.TOTAL_STATE)) as HeapValueState<number>;
    this.timers = this.getInternalTimerService<number>("gelly-vertex-triangles-total-timers", {
      onEventTime: (timer) => this.emitTotal(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<VertexTrianglesPartial<K>>): void {
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const partial = batch.values[i]!;
      backend.setCurrentKey(partial.vertexId);
      this.totals.setCurrentNamespace(partial.windowEnd);
      const total = this.totals.value();
      if (total === undefined) this.timers.registerEventTimeTimer(partial.windowEnd, partial.windowEnd - 1);
      this.totals.update((total ?? 0) + partial.triangles);
    }
  }

  private emitTotal(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.totals.setCurrentNamespace(windowEnd);
    const triangles = this.totals.value() ?? 0;
    this.totals.clear();
    this.output.collect({ windowStart: windowEnd - this.windowSize, windowEnd, vertexId: timer.key as K, triangles }, windowEnd - 1);
  }
}
