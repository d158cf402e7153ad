// Stage two of per-vertex windowed triangle counts: as TriangleClosingOperator, but each triangle found counts for
// its three vertices, summed per subtask, vertex and window before it leaves.
import type { OrderedVertexKey } from "./edge.js";
import { NeighbourListBuffer } from "./neighbour-list-buffer.js";
import { commonAbove } from "./sorted-lists.js";
import type { NeighbourList, VertexTrianglesPartial } from "./triangle-records.js";

/**
 * Each triangle x < y < z found at y adds 1 to x, y and z in the subtask's counts of the window; y itself is entered
 * with 0, so every vertex with an edge in the window gets a count downstream. onWatermark emits one partial per
 * (window, vertex) the subtask touched: O(vertices + 3 · triangles) work, O(vertices) records.
 */
export class VertexTriangleClosingOperator<K extends OrderedVertexKey> extends NeighbourListBuffer<K, VertexTrianglesPartial<K>> {
  private readonly counts = new Map<number, Map<K, number>>();
  private readonly closing: K[] = [];

  protected countAt(windowEnd: number, y: K, own: readonly K[], received: readonly NeighbourList<K>[]): void {
    let counts = this.counts.get(windowEnd);
    if (counts === undefined) this.counts.set(windowEnd, (counts = new Map()));
    let atY = counts.get(y) ?? 0;
    const closing = this.closing;
    for (const list of received) {
      if (list.from === y) continue;
      const found = commonAbove(list.neighbours, own, y, closing);
      if (found === 0) continue;
      atY += found;
      counts.set(list.from, (counts.get(list.from) ?? 0) + found);
      for (const z of closing) counts.set(z, (counts.get(z) ?? 0) + 1);
      closing.length = 0;
    }
    counts.set(y, atY);
  }

  protected override onWatermark(): void {
    if (this.counts.size === 0) return;
    for (const [windowEnd, counts] of this.counts) {
      for (const [vertexId, triangles] of counts) this.output.collect({ windowEnd, vertexId, triangles }, windowEnd - 1);
    }
    this.counts.clear();
  }
}
