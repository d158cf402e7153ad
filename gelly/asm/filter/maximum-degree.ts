// Flink Gelly's MaximumDegree filter (asm/degree/filter/undirected/MaximumDegree): drop every vertex whose degree
// exceeds a bound, with its edges. The survivors are renumbered densely; the result maps ids both ways. O(n + m).
import type { CsrGraph } from "../../graph/csr.js";
import { buildDerivedCsr } from "../edge-list.js";

/** A subgraph on renumbered vertices; its edges still name input positions of the original graph. */
export interface VertexSubgraph {
  readonly graph: CsrGraph;
  /** originalVertex[newId]: the vertex of the input graph that newId stands for. */
  readonly originalVertex: Int32Array;
  /** newVertex[originalId]: its id in `graph`, or -1 when it was dropped. */
  readonly newVertex: Int32Array;
}

/**
 * Keeps the vertices of degree ≤ `maximumDegree` and the edges between them. The degree is the out-degree, which for
 * an undirected graph stored in both directions (../undirected.ts) is its degree, as in Flink's undirected filter.
 */
export function maximumDegree(g: CsrGraph, maximumDegree: number): VertexSubgraph {
  if (!Number.isInteger(maximumDegree) || maximumDegree < 0) {
    throw new RangeError(`maximumDegree must be a non-negative integer, got ${maximumDegree}`);
  }
  const n = g.vertexCount;
  const newVertex = new Int32Array(n);
  let kept = 0;
  for (let v = 0; v < n; v++) newVertex[v] = g.outOffsets[v + 1]! - g.outOffsets[v]! <= maximumDegree ? kept++ : -1;
  const originalVertex = new Int32Array(kept);
  for (let v = 0; v < n; v++) if (newVertex[v]! >= 0) originalVertex[newVertex[v]!] = v;
  const sources = new Int32Array(g.edgeCount);
  const targets = new Int32Array(g.edgeCount);
  const origins = new Int32Array(g.edgeCount);
  let k = 0;
  for (let v = 0; v < n; v++) {
    const s = newVertex[v]!;
    if (s < 0) continue;
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = newVertex[g.outTargets[i]!]!;
      if (t < 0) continue;
      sources[k] = s;
      targets[k] = t;
      origins[k++] = g.outEdges[i]!;
    }
  }
  return { graph: buildDerivedCsr(kept, sources, targets, origins, k), originalVertex, newVertex };
}
