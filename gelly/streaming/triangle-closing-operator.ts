// Stage two of windowed triangle counting: each vertex y intersects its own neighbour list with the lists of its
// smaller neighbours; each subtask sends one partial count per window.
import type { OrderedVertexKey } from "./edge.js";
import { NeighbourListBuffer } from "./neighbour-list-buffer.js";
import { commonAbove } from "./sorted-lists.js";
import type { NeighbourList, WindowTrianglesPartial } from "./triangle-records.js";

/**
 * For each list from a smaller neighbour x, the z > y it shares with y's own list close the triangles x < y < z
 * (a merge of two sorted lists, O(d(x) + d(y))). Before the watermark goes on, onWatermark emits one partial per
 * window that had a vertex here — 0 triangles included, so every window with an edge gets a count downstream.
 */
export class TriangleClosingOperator<K extends OrderedVertexKey> extends NeighbourListBuffer<K, WindowTrianglesPartial> {
  private readonly totals = new Map<number, number>();

  protected countAt(windowEnd: number, y: K, own: readonly K[], received: readonly NeighbourList<K>[]): void {
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
