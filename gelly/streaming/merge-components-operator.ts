// Stage two of streaming connected components: one global union-find that merges the partitions' window summaries
// when the watermark passes the window, and reports every vertex whose component id changed.
import { AbstractStreamOperator, EddyError, ListStateDescriptor, type RecordBatch } from "../../runtime/index.js";
import type { HeapListState, HeapValueState, InternalTimer, InternalTimerService } from "../../runtime/spi.js";
import type { ComponentChange, ComponentSummary } from "./component-summary.js";
import { DisjointSet } from "./disjoint-set.js";
import { disjointSetDescriptor } from "./disjoint-set-state.js";
import type { OrderedVertexKey } from "./edge.js";

/** No label before this window: the vertex is new. */
const NONE = -1;

/**
 * Runs with parallelism 1 on a stream keyed by a constant. FOREST_STATE is the union-find of every edge merged so far;
 * PENDING_STATE, in the namespace of a window end, buffers that window's summaries until the watermark passes it —
 * partitions run at different speeds, and summaries of a later window must not leak into an earlier answer.
 *
 * When the timer of window W fires: (1) each summary's (vertex, label) pairs are unioned into the forest; a union
 * lists the members of the side whose label grows smaller, with the label each had before W; new vertices are listed
 * with none; (2) every listed vertex whose label at the end differs from its label before W is emitted as
 * { vertexId, componentId }, sorted by vertexId, with timestamp W.end - 1. The output is therefore a function of the
 * edges per window alone, not of the order in which partitions delivered them.
 */
export class MergeComponentsOperator<K extends OrderedVertexKey> extends AbstractStreamOperator<ComponentChange<K>> {
  static readonly FOREST_STATE = "gelly-components-forest";
  static readonly PENDING_STATE = "gelly-components-pending";

  private forest!: HeapValueState<DisjointSet<K>>;
  private pending!: HeapListState<ComponentSummary<K>>;
  private timers!: InternalTimerService<number>;
  /** Scratch of one merge: vertices whose label may have changed, and their labels before it. */
  private readonly relabelled: number[] = [];
  private readonly before = new Map<number, number>();

  constructor(name: string) {
    super(name);
  }

  override open(): void {
    if (this.ctx.keyedBackend === null) {
      throw new EddyError("internal", "the component merger runs on a keyed stream: build it with connectedComponents(edges, options)", this.errorContext(), { retriable: false });
    }
    const backend = this.keyedBackend;
    this.forest = backend.getOrCreateState(disjointSetDescriptor<K>(MergeComponentsOperator.FOREST_STATE)) as HeapValueState<DisjointSet<K>>;
    this.pending = backend.getOrCreateState(new ListStateDescriptor<ComponentSummary<K>>(MergeComponentsOperator.PENDING_STATE)) as HeapListState<ComponentSummary<K>>;
    this.timers = this.getInternalTimerService<number>("gelly-components-merge-timers", {
      onEventTime: (timer) => this.merge(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<ComponentSummary<K>>): void {
    const backend = this.keyedBackend;
    backend.setCurrentKey(0);
    for (let i = 0; i < batch.length; i++) {
      const summary = batch.values[i]!;
      this.pending.setCurrentNamespace(summary.windowEnd);
      this.pending.add(summary);
      this.timers.registerEventTimeTimer(summary.windowEnd, summary.windowEnd - 1);
    }
  }

  private merge(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.pending.setCurrentNamespace(windowEnd);
    const summaries = this.pending.get();
    let forest = this.forest.value();
    if (forest === undefined) {
      forest = new DisjointSet<K>();
      this.forest.update(forest);
    }
    const before = this.before;
    const relabelled = this.relabelled;
    // 1. union every (vertex, label) pair, remembering each touched vertex's label before this window
    for (const summary of summaries) {
      const { vertices, labels } = summary;
      for (let i = 0; i < vertices.length; i++) {
        const v = this.intern(forest, vertices[i]!);
        const l = this.intern(forest, labels[i]!);
        const labelV = forest.labelOf(v);
        const labelL = forest.labelOf(l);
        if (!forest.union(v, l, relabelled)) continue;
        // why: the side that gave up its label had the greater one; the first label noted for a vertex is its old one
        const old = forest.keyAt(labelV) < forest.keyAt(labelL) ? labelL : labelV;
        for (let j = 0; j < relabelled.length; j++) {
          const m = relabelled[j]!;
          if (!before.has(m)) before.set(m, old);
        }
        relabelled.length = 0;
      }
    }
    this.pending.clear();
    // 2. report the vertices whose label is not what it was
    const changed: number[] = [];
    for (const [v, old] of before) if (forest.labelOf(v) !== old) changed.push(v);
    before.clear();
    changed.sort((a, b) => (forest.keyAt(a) < forest.keyAt(b) ? -1 : 1));
    for (const v of changed) this.output.collect({ vertexId: forest.keyAt(v), componentId: forest.keyAt(forest.labelOf(v)) }, windowEnd - 1);
  }

  /** The dense id of `key`; a vertex the forest has not seen is noted as new (no label before this window). */
  private intern(forest: DisjointSet<K>, key: K): number {
    const known = forest.find(key);
    if (known >= 0) return known;
    const id = forest.intern(key);
    this.before.set(id, NONE);
    return id;
  }
}
