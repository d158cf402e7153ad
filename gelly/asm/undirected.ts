// How an undirected graph is stored as a CsrGraph: every edge {u, v} appears twice, as u -> v and v -> u, both
// carrying the same input edge position (so the same value). outOffsets/outTargets then list each vertex's neighbours
// and the in-adjacency mirrors the out-adjacency. Kernels documented "undirected" expect this form; `symmetrize`
// (Flink's Graph.getUndirected) makes it from a directed edge list, `simplifyUndirected` also drops loops and
// duplicates.
import type { CsrGraph } from "../graph/csr.js";
import { buildDerivedCsr } from "./edge-list.js";

/**
 * Adds the reverse of every edge, keeping duplicates and self-loops (a self-loop appears twice). The result has
 * 2·m edges; both directions of input edge i carry position i. O(n + m).
 */
export function symmetrize(g: CsrGraph): CsrGraph {
  const m = g.edgeCount;
  const sources = new Int32Array(2 * m);
  const targets = new Int32Array(2 * m);
  const origins = new Int32Array(2 * m);
  let k = 0;
  for (let v = 0; v < g.vertexCount; v++) {
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = g.outTargets[i]!;
      const e = g.outEdges[i]!;
      sources[k] = v;
      targets[k] = t;
      origins[k++] = e;
      sources[k] = t;
      targets[k] = v;
      origins[k++] = e;
    }
  }
  return buildDerivedCsr(g.vertexCount, sources, targets, origins, k);
}
