// Flink Gelly's GridGraph: vertices in a regular tiling of one or more dimensions, each linked both ways to its
// neighbours along every dimension, optionally wrapping the ends (https://mathworld.wolfram.com/GridGraph.html).
import { requireCount, type EdgeList } from "./edge-list.js";

export interface GridDimension {
  /** Vertices along this dimension, at least 2. */
  readonly size: number;
  /** Link the first and last vertex of the dimension (ignored for size 2, which would duplicate the edge). */
  readonly wrapEndpoints: boolean;
}

/**
 * Vertex ids are mixed-radix numbers with the first dimension most significant (Flink's layout). Per dimension of
 * size s the graph has 2·(s-1)·n/s edges, or 2·n when wrapped (s > 2), both directions of every link included.
 */
export function gridGraph(dimensions: readonly GridDimension[]): EdgeList {
  if (dimensions.length === 0) throw new RangeError("GridGraph needs at least one dimension");
  let vertexCount = 1;
  for (const d of dimensions) {
    requireCount("GridGraph dimension size", d.size, 2);
    vertexCount *= d.size;
  }
  requireCount("GridGraph vertex count", vertexCount, 1);
  const sizes = new Int32Array(dimensions.length);
  const wraps = new Uint8Array(dimensions.length);
  let edgeCount = 0;
  for (let k = 0; k < dimensions.length; k++) {
    const { size, wrapEndpoints } = dimensions[k]!;
    sizes[k] = size;
    wraps[k] = wrapEndpoints && size > 2 ? 1 : 0;
    edgeCount += wraps[k] === 1 ? 2 * vertexCount : (2 * (size - 1) * vertexCount) / size;
  }
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  let e = 0;
  for (let v = 0; v < vertexCount; v++) {
    let increment = vertexCount;
    let remainder = v;
    for (let k = 0; k < sizes.length; k++) {
      const size = sizes[k]!;
      increment /= size;
      const index = Math.floor(remainder / increment);
      if (index > 0) { sources[e] = v; targets[e++] = v - increment; }
      else if (wraps[k] === 1) { sources[e] = v; targets[e++] = v + increment * (size - 1); }
      if (index < size - 1) { sources[e] = v; targets[e++] = v + increment; }
      else if (wraps[k] === 1) { sources[e] = v; targets[e++] = v - increment * (size - 1); }
      remainder %= increment;
    }
  }
  return { vertexCount, sources, targets };
}
