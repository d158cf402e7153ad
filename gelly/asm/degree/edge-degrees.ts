// Flink Gelly's degree annotations of edges (EdgeSourceDegree(s), EdgeTargetDegree(s), EdgeDegree(s)Pair): a
// per-vertex annotation (a degree array from ./vertex-degrees.ts) copied onto every edge, indexed by CSR out-slot
// (slot i is the edge outTargets[i]; g.outEdges[i] gives its input position). O(n + m).
import type { CsrGraph } from "../../graph/csr.js";

/** annotation[source] for every out-slot. */
export function edgeSourceDegrees(g: CsrGraph, annotation: Int32Array): Int32Array {
  const out = new Int32Array(g.edgeCount);
  for (let v = 0; v < g.vertexCount; v++) {
    const a = annotation[v]!;
    out.fill(a, g.outOffsets[v]!, g.outOffsets[v + 1]!);
  }
  return out;
}

/** annotation[target] for every out-slot. */
export function edgeTargetDegrees(g: CsrGraph, annotation: Int32Array): Int32Array {
  const m = g.edgeCount;
  const out = new Int32Array(m);
  const targets = g.outTargets;
  for (let i = 0; i < m; i++) out[i] = annotation[targets[i]!]!;
  return out;
}

/** Both endpoints' annotations for every out-slot (Flink's EdgeDegreesPair). */
export function edgeDegreesPair(g: CsrGraph, annotation: Int32Array): { readonly source: Int32Array; readonly target: Int32Array } {
  return { source: edgeSourceDegrees(g, annotation), target: edgeTargetDegrees(g, annotation) };
}
