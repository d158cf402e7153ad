// Stage one of windowed triangle counting: per vertex and window, the set of neighbours; at the window's end every
// wedge whose apex is smaller than both its ends becomes a candidate for the pair of ends.
import { AbstractStreamOperator, EddyError, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import type { OrderedVertexKey } from "./edge.js";
import { requireTimestamp } from "./event-timestamp.js";
import type { Incidence } from "./incidence.js";
import { EDGE_MARK, type TriangleCandidate } from "./triangle-candidate.js";
import { windowEndOf } from "./tumbling-window.js";

/**
 * Keyed by vertex x. NEIGHBOURS_STATE, in the namespace of the window end, is the set of x's neighbours in the
 * window (direction, duplicates and self-loops ignored). When the watermark passes the window, x emits (1) for each
 * neighbour y > x the edge marker (x, y) — each edge once, from its smaller end; (2) for each pair a < b of
 * neighbours greater than x the wedge (a, b): a triangle {x, a, b} is counted once, from its smallest vertex, as
 * gelly-streaming's GenerateCandidateEdges does. Cost per window: O(Σ d⁺²) records, d⁺ being the number of a vertex's
 * neighbours greater than itself.
 *
 * An edge behind the watermark (its window has fired) is dropped and counted in lateEdgesDropped, as a window drops
 * late records in Flink.
 */
export class NeighbourhoodOperator<K extends OrderedVertexKey> extends AbstractStreamOperator<TriangleCandidate<K>> {
  static readonly NEIGHBOURS_STATE = "gelly-triangles-neighbours";
  lateEdgesDropped = 0;

  private neighbours!: HeapValueState<Set<K>>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: Incidence<K>) => Key;
  /** Scratch: the neighbours of the firing vertex greater than it, sorted. */
  private readonly higher: K[] = [];

  constructor(name: string, private readonly windowSize: number) {
    super(name);
  }

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", "the neighbourhood operator runs on a stream keyed by vertex: build it with windowTriangles(edges, options)", this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    const descriptor = new ValueStateDescriptor<Set<K>>(NeighbourhoodOperator.NEIGHBOURS_STATE).withCopy((s: Set<K>) => new Set(s));
    this.neighbours = this.keyedBackend.getOrCreateState(descriptor) as HeapValueState<Set<K>>;
    this.timers = this.getInternalTimerService<number>("gelly-triangles-neighbour-timers", {
      onEventTime: (timer) => this.emitCandidates(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<Incidence<K>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const incidence = values[i]!;
      const ts = timestamps[i]!;
      requireTimestamp(ts, incidence, this.errorContext());
      const windowEnd = windowEndOf(ts, this.windowSize);
      if (windowEnd - 1 <= this.currentWatermark()) {
        this.lateEdgesDropped++;
        continue;
      }
      if (incidence.vertex === incidence.neighbour) continue; // why: a self-loop closes no triangle
      backend.setCurrentKey(this.keyOf(incidence));
      this.neighbours.setCurrentNamespace(windowEnd);
      const set = this.neighbours.value();
      if (set !== undefined) {
        set.add(incidence.neighbour);
      } else {
        this.neighbours.update(new Set([incidence.neighbour]));
        this.timers.registerEventTimeTimer(windowEnd, windowEnd - 1);
      }
    }
  }

  private emitCandidates(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.neighbours.setCurrentNamespace(windowEnd);
    const set = this.neighbours.value();
    if (set === undefined) return;
    this.neighbours.clear();
    const x = timer.key as K;
    const higher = this.higher;
    for (const y of set) if (x < y) higher.push(y);
    higher.sort((a, b) => (a < b ? -1 : 1));
    const ts = windowEnd - 1;
    const n = higher.length;
    for (let i = 0; i < n; i++) {
      const a = higher[i]!;
      this.output.collect({ low: x, high: a, wedges: EDGE_MARK }, ts);
      for (let j = i + 1; j < n; j++) this.output.collect({ low: a, high: higher[j]!, wedges: 1 }, ts);
    }
    higher.length = 0;
  }
}
