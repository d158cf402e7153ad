// Flink Gelly's CirculantGraph: n vertices, vertex i linked to (i + j) mod n for every offset j of the configured
// ranges (https://mathworld.wolfram.com/CirculantGraph.html). Edges are oriented; n · Σ length edges.
import { requireCount, type EdgeList } from "./edge-list.js";

/** A run of `length` consecutive offsets starting at `offset` (Flink's OffsetRange). */
export interface OffsetRange {
  readonly offset: number;
  readonly length: number;
}

/**
 * Vertex i gets edges to i+offset, i+offset+1, …, i+offset+length-1 (mod n) for each range, ranges in ascending
 * offset order. As Flink: n ≥ 2, offset ≥ 1, length ≤ n - offset, at least one range, and ranges may not overlap.
 */
export function circulantGraph(vertexCount: number, ranges: readonly OffsetRange[]): EdgeList {
  requireCount("CirculantGraph vertex count", vertexCount, 2);
  if (ranges.length === 0) throw new RangeError("CirculantGraph needs at least one offset range");
  const sorted = [...ranges].sort((x, y) => x.offset - y.offset || x.length - y.length);
  let perVertex = 0;
  for (let r = 0; r < sorted.length; r++) {
    const { offset, length } = sorted[r]!;
    requireCount("CirculantGraph range offset", offset, 1);
    requireCount("CirculantGraph range length", length, 0);
    if (length > vertexCount - offset) throw new RangeError(`CirculantGraph range ${offset}:${length} is longer than the vertex count (${vertexCount}) minus its offset`);
    // why: overlapping ranges would emit the same edge twice; Flink rejects them
    if (r > 0 && sorted[r - 1]!.offset + sorted[r - 1]!.length > offset) {
      throw new RangeError(`CirculantGraph ranges ${sorted[r - 1]!.offset}:${sorted[r - 1]!.length} and ${offset}:${length} overlap`);
    }
    perVertex += length;
  }
  const edgeCount = vertexCount * perVertex;
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  let e = 0;
  for (let v = 0; v < vertexCount; v++) {
    for (let r = 0; r < sorted.length; r++) {
      const { offset, length } = sorted[r]!;
      for (let j = 0; j < length; j++) {
        sources[e] = v;
        targets[e++] = (v + offset + j) % vertexCount;
      }
    }
  }
  return { vertexCount, sources, targets };
}
