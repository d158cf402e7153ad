// Stage one of streaming connected components: per partition of the edges and per window, a union-find of the
// window's edges (gelly-streaming's partial DisjointSet aggregation), summarized to the merger when the window ends.
import { AbstractStreamOperator, EddyError, type RecordBatch } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import { type ComponentSummary, summarize } from "./component-summary.js";
import { DisjointSet } from "./disjoint-set.js";
import { disjointSetDescriptor } from "./disjoint-set-state.js";
import type { Edge, OrderedVertexKey } from "./edge.js";
import { requireTimestamp } from "./event-timestamp.js";
import { windowEndOf } from "./tumbling-window.js";

/**
 * Keyed by partition (a hash of the edge's source). PARTIAL_STATE, in the namespace of the window end, holds the
 * union-find of the partition's edges of that window; an event-time timer at the window's last millisecond emits its
 * summary (timestamp = windowEnd - 1) and drops it.
 *
 * An edge whose window has fired already (behind the watermark) is not lost: it joins the earliest window still open,
 * as a connection that exists now — components only ever grow, so the edge changes the answer from then on.
 */
export class PartialComponentsOperator<K extends OrderedVertexKey, EV> extends AbstractStreamOperator<ComponentSummary<K>> {
  static readonly PARTIAL_STATE = "gelly-components-partial";
  /** Edges that arrived behind the watermark and were counted in a later window (metrics, tests). */
  lateEdges = 0;

  private partials!: HeapValueState<DisjointSet<K>>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: Edge<K, EV>) => Key;

  constructor(name: string, private readonly windowSize: number) {
    super(name);
  }

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", "the partial components operator runs on a stream keyed by partition: build it with connectedComponents(edges, options)", this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    this.partials = this.keyedBackend.getOrCreateState(disjointSetDescriptor<K>(PartialComponentsOperator.PARTIAL_STATE)) as HeapValueState<DisjointSet<K>>;
    this.timers = this.getInternalTimerService<number>("gelly-components-partial-timers", {
      onEventTime: (timer) => this.emitSummary(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<Edge<K, EV>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    const size = this.windowSize;
    for (let i = 0; i < batch.length; i++) {
      const edge = values[i]!;
      const ts = timestamps[i]!;
      requireTimestamp(ts, edge, this.errorContext());
      let windowEnd = windowEndOf(ts, size);
      const watermark = this.currentWatermark();
      if (windowEnd - 1 <= watermark) {
        this.lateEdges++;
        windowEnd = windowEndOf(watermark + 1, size);
      }
      backend.setCurrentKey(this.keyOf(edge));
      this.partials.setCurrentNamespace(windowEnd);
      let set = this.partials.value();
      if (set === undefined) {
        set = new DisjointSet<K>();
        this.partials.update(set);
        this.timers.registerEventTimeTimer(windowEnd, windowEnd - 1);
      }
      set.union(set.intern(edge.source), set.intern(edge.target));
    }
  }

  private emitSummary(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.partials.setCurrentNamespace(windowEnd);
    const set = this.partials.value();
    if (set === undefined) return;
    this.output.collect(summarize(set, windowEnd), windowEnd - 1);
    this.partials.clear();
  }
}
