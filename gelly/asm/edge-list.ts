// Rebuilding a CsrGraph from an edge list whose edges stand for edges of an earlier graph: the new graph's
// outEdges/inEdges then name positions in that earlier graph's input edge list, so edge values stay where they were.
import { buildCsr, type CsrGraph } from "../graph/csr.js";

/**
 * Builds the graph with edges sources[i] -> targets[i] (i < count), where edge i carries the value of input edge
 * origins[i] of the graph it was derived from. O(n + count) time.
 */
export function buildDerivedCsr(vertexCount: number, sources: Int32Array, targets: Int32Array, origins: Int32Array, count: number): CsrGraph {
  const g = buildCsr(vertexCount, sources.subarray(0, count), targets.subarray(0, count));
  const outEdges = g.outEdges;
  const inEdges = g.inEdges;
  for (let i = 0; i < count; i++) {
    outEdges[i] = origins[outEdges[i]!]!;
    inEdges[i] = origins[inEdges[i]!]!;
  }
  return g;
}
