// Stage two of windowed triangle counting: each vertex y intersects its own neighbour list with the lists of its
// smaller neighbours; each subtask sends one partial count per window.
import { AbstractStreamOperator, EddyError, ListStateDescriptor, type RecordBatch } from "../../runtime/index.js";
import type { HeapListState, InternalTimer, InternalTimerService, Key } from "../../runtime/spi.js";
import type { OrderedVertexKey } from "./edge.js";
import type { NeighbourList, WindowTrianglesPartial } from "./triangle-records.js";

/**
 * Keyed by target vertex y. LISTS_STATE, in the namespace of the window end, buffers the lists y received: its own
 * and those of its smaller neighbours x. When the watermark passes the window, each x's list adds the number of
 * z > y it shares with y's own list (a merge of two sorted lists, O(d(x) + d(y))); before the watermark goes on,
 * onWatermark emits one partial per window that had a vertex here — 0 triangles included, so every window with an
 * edge gets a count downstream. The totals live only between the timers and onWatermark of one watermark, where no
 * checkpoint barrier can come between.
 */
export class TriangleClosingOperator<K extends OrderedVertexKey> extends AbstractStreamOperator<WindowTrianglesPartial> {
  static readonly LISTS_STATE = "gelly-triangles-lists";

  private lists!: HeapListState<NeighbourList<K>>;
  private timers!: InternalTimerService<number>;
  private keyOf!: (value: NeighbourList<K>) => Key;
  private readonly totals = new Map<number, number>();

  constructor(name: string) {
    super(name);
  }

  override open(): void {
    const keyOf = this.ctx.keySelectors[0];
    if (this.ctx.keyedBackend === null || keyOf == null) {
      throw new EddyError("internal", "the triangle closing operator runs on a stream keyed by vertex: build it with windowTriangles(edges, options)", this.errorContext(), { retriable: false });
    }
    this.keyOf = keyOf;
    this.lists = this.keyedBackend.getOrCreateState(new ListStateDescriptor<NeighbourList<K>>(TriangleClosingOperator.LISTS_STATE)) as HeapListState<NeighbourList<K>>;
    this.timers = this.getInternalTimerService<number>("gelly-triangles-list-timers", {
      onEventTime: (timer) => this.countAt(timer),
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

  private countAt(timer: InternalTimer<number>): void {
    const windowEnd = timer.namespace;
    const y = timer.key as K;
    this.lists.setCurrentNamespace(windowEnd);
    const received = this.lists.get();
    this.lists.clear();
    let own: readonly K[] = [];
    for (const list of received) if (list.from === y) own = list.neighbours;
    let triangles = 0;
    for (const list of received) if (list.from !== y) triangles += commonAbove(list.neighbours, own, y);
    this.totals.set(windowEnd, (this.totals.get(windowEnd) ?? 0) + triangles);
  }

  protected override onWatermark(): void {
    if (this.totals.size === 0) return;
    for (const [windowEnd, triangles] of this.totals) this.output.collect({ windowEnd, triangles }, windowEnd - 1);
    this.totals.clear();
  }
}

/** How many keys greater than `floor` both sorted lists hold. */
function commonAbove<K extends OrderedVertexKey>(a: readonly K[], b: readonly K[], floor: K): number {
  let i = upperBound(a, floor);
  let j = upperBound(b, floor);
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}

/** The index of the first key greater than `floor` in a sorted list (binary search). */
function upperBound<K extends OrderedVertexKey>(list: readonly K[], floor: K): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= floor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
