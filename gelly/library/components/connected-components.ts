// Flink Gelly's ConnectedComponents: weakly connected components (edge direction ignored), each vertex labelled with
// the smallest vertex id in its component. Flink propagates minimum labels in supersteps; the labelling it converges
// to is computed here by union-find (Tarjan 1975) over the CSR with union by smaller index and path halving, so every
// root is its component's minimum: O(m α-ish + n) time in practice, one Int32Array of n.
import type { CsrGraph } from "../../graph/csr.js";

/**
 * labels[v]: the smallest dense vertex id in v's weakly connected component. With dense ids assigned in order of
 * first appearance (VertexDictionary), that is the component's first-seen vertex; Flink labels with the smallest
 * vertex *value* (usually the key itself), so a wrapper over user keys maps each component's label to
 * min(key) over its members when keys are ordered differently from dense ids.
 */
export function connectedComponents(g: CsrGraph): Int32Array {
  const n = g.vertexCount;
  const { outOffsets, outTargets } = g;
  // parent[v] ≤ v always: unions hang the larger root under the smaller, halving only moves pointers down
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  let i = 0;
  for (let u = 0; u < n; u++) {
    // u's root, kept current through this vertex's unions so each edge needs one find, not two
    let ru = u;
    while (parent[ru] !== ru) { const p = parent[parent[ru]!]!; parent[ru] = p; ru = p; }
    const end = outOffsets[u + 1]!;
    for (; i < end; i++) {
      let rb = outTargets[i]!;
      while (parent[rb] !== rb) { const p = parent[parent[rb]!]!; parent[rb] = p; rb = p; }
      if (rb === ru) continue;
      if (ru < rb) parent[rb] = ru;
      else { parent[ru] = rb; ru = rb; }
    }
  }
  // ascending order: parent[v] < v is already final, so one pass resolves every label
  for (let v = 0; v < n; v++) parent[v] = parent[parent[v]!]!;
  return parent;
}

/** The number of components in a labelling from connectedComponents (vertices that are their own label). */
export function componentCount(labels: Int32Array): number {
  let count = 0;
  for (let v = 0; v < labels.length; v++) if (labels[v] === v) count++;
  return count;
}
