// What both triangle-closing operators share: per target vertex and window, the neighbour lists it received, handed
// over when the watermark passes the window.
import { AbstractStreamOperator, EddyError, ListStateDescriptor, type RecordBatch } from "../../runtime/index.js";
import type { HeapListState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import type { OrderedVertexKey } from "./edge.js";
import type { NeighbourList } from "./triangle-records.js";

/**
 * Keyed by target vertex y. LISTS_STATE, in the namespace of the window end, buffers the lists y received: its own and
 * those of its smaller neighbours. At the window's last millisecond the timer hands them to `countAt` and drops them;
 * `onWatermark` in a subclass then emits what the timers of that watermark found — between the two no checkpoint
 * barrier can come, so what they collect in between need not be state.
 */
export abstract class NeighbourListBuffer<K extends OrderedVertexKey, OUT> extends AbstractStreamOperator<OUT> {
  static readonly LISTS_STATE = "gelly-triangles-lists";

  private lists!: HeapListState<NeighbourList<K>>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: NeighbourList<K>) => Key;

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", `${this.name} runs on a stream keyed by vertex: build it with windowTriangles or windowVertexTriangles`, this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    this.lists = this.keyedBackend.getOrCreateState(new ListStateDescriptor<NeighbourList<K>>(NeighbourListBuffer.LISTS_STATE)) as HeapListState<NeighbourList<K>>;
    this.timers = this.getInternalTimerService<number>("gelly-triangles-list-timers", {
      onEventTime: (timer) => this.fire(timer),
      onProcessingTime: () => {},
    });
  }

  processBatch(batch: RecordBatch<NeighbourList<K>>): void {
    const { values, timestamps } = batch;
    const backend = this.keyedBackend;
    for (let i = 0; i < batch.length; i++) {
      const list = values[i]!;
      const windowEnd = timestamps[i]! + 1;
      backend.setCurrentKey(this.keyOf(list));
      this.lists.setCurrentNamespace(windowEnd);
      this.lists.add(list);
      this.timers.registerEventTimeTimer(windowEnd, windowEnd - 1);
    }
  }

  /** Vertex y's own list and the lists of its smaller neighbours, for the window ending at windowEnd. */
  protected abstract countAt(windowEnd: number, y: K, own: readonly K[], received: readonly NeighbourList<K>[]): void;

  private fire(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    const y = timer.key as K;
    this.lists.setCurrentNamespace(windowEnd);
    const received = this.lists.get();
    this.lists.clear();
    let own: readonly K[] = [];
    for (const list of received) if (list.from === y) own = list.neighbours;
    this.countAt(windowEnd, y, own, received);
  }
}
