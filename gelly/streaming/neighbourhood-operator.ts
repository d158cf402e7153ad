// Stage one of windowed triangle counting: per vertex and window, the set of neighbours, sent at the window's end to
// the vertex itself and to each greater neighbour.
import { AbstractStreamOperator, EddyError, type RecordBatch, ValueStateDescriptor } from "../../runtime/index.js";
import type { HeapValueState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import type { OrderedVertexKey } from "./edge.js";
import type { Incidence } from "./incidence.js";
import type { NeighbourList } from "./triangle-records.js";
import { windowEndOf } from "./tumbling-window.js";

/**
 * Keyed by vertex x. NEIGHBOURS_STATE, in the namespace of the window end, is the set of x's neighbours in the window
 * (direction and repeats ignored). When the watermark passes the window, x sorts them once and sends the one list to
 * itself and to every neighbour y > x: y then counts the triangles {x, y, z} with x < y < z as the z > y in both
 * lists, so each triangle is counted once, at its middle vertex. Records: one per vertex and one per edge; the list
 * is shared, not copied, inside one worker. (gelly-streaming's WindowTriangles sends one record per wedge instead —
 * Σ d² records, which a hub of an R-MAT graph turns into millions per window.)
 */
export class NeighbourhoodOperator<K extends OrderedVertexKey> extends AbstractStreamOperator<NeighbourList<K>> {
  static readonly NEIGHBOURS_STATE = "gelly-triangles-neighbours";

  private neighbours!: HeapValueState<Set<K>>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: Incidence<K>) => Key;

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
      onEventTime: (timer) => this.sendNeighbours(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<Incidence<K>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const incidence = values[i]!;
      // why no lateness check: WindowIncidencesOperator upstream dropped late edges, and this watermark trails its
      const windowEnd = windowEndOf(timestamps[i]!, this.windowSize);
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

  private sendNeighbours(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    this.neighbours.setCurrentNamespace(windowEnd);
    const set = this.neighbours.value();
    if (set === undefined) return;
    this.neighbours.clear();
    const x = timer.key as K;
    const neighbours = [...set].sort((a, b) => (a < b ? -1 : 1));
    const ts = windowEnd - 1;
    this.output.collect({ target: x, from: x, neighbours }, ts);
    for (let i = neighbours.length - 1; i >= 0 && x < neighbours[i]!; i--) this.output.collect({ target: neighbours[i]!, from: x, neighbours }, ts);
  }
}
