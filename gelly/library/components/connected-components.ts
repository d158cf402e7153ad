// Flink Gelly's ConnectedComponents: weakly connected components (edge direction ignored), each vertex labelled with
// the smallest vertex id in its component. Flink propagates minimum labels in at most maxIterations supersteps. The
// labelling it converges to is computed here by union-find (Tarjan 1975) over the CSR with union by smaller index and
// path halving, so every root is its component's minimum: O(m α-ish + n) time in practice, one Int32Array of n. With
// a superstep cap, the supersteps themselves run: O(maxIterations · (n + m)).
import type { CsrGraph } from "../../graph/csr.js";

export interface ConnectedComponentsOptions {
  /**
   * Flink's superstep cap: in superstep k the vertices whose label fell in superstep k - 1 (all of them in the first)
   * send it to every neighbour, and a vertex keeps the smallest label it hears. Fewer supersteps than a component's
   * diameter leave it split. When absent, the converged labelling is computed by union-find.
   */
  readonly maxIterations?: number;
}

/**
 * labels[v]: the smallest dense vertex id in v's weakly connected component. With dense ids assigned in order of
 * first appearance (VertexDictionary), that is the component's first-seen vertex; Flink labels with the smallest
 * vertex *value* (usually the key itself), so a wrapper over user keys maps each component's label to
 * min(key) over its members when keys are ordered differently from dense ids.
 */
export function connectedComponents(g: CsrGraph, options: ConnectedComponentsOptions = {}): Int32Array {
  if (options.maxIterations !== undefined) return supersteps(g, options.maxIterations);
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

/** Flink's scatter-gather supersteps, literally, on the undirected graph (out- and in-edges alike). */
function supersteps(g: CsrGraph, maxIterations: number): Int32Array {
  if (!Number.isInteger(maxIterations) || maxIterations <= 0) throw new RangeError(`ConnectedComponents: maxIterations must be a positive integer, got ${maxIterations}`);
  const n = g.vertexCount;
  const { outOffsets, outTargets, inOffsets, inSources } = g;
  const labels = new Int32Array(n);
  for (let v = 0; v < n; v++) labels[v] = v;
  let frontier = new Int32Array(n);
  let next = new Int32Array(n);
  for (let v = 0; v < n; v++) frontier[v] = v;
  // the labels the frontier had when the superstep began: messages carry those, not labels lowered meanwhile
  const sent = new Int32Array(n);
  const addedIn = new Int32Array(n);
  let size = n;
  for (let step = 1; step <= maxIterations && size > 0; step++) {
    for (let k = 0; k < size; k++) sent[k] = labels[frontier[k]!]!;
    let nextSize = 0;
    for (let k = 0; k < size; k++) {
      const u = frontier[k]!;
      const label = sent[k]!;
      for (let i = outOffsets[u]!, end = outOffsets[u + 1]!; i < end; i++) {
        const v = outTargets[i]!;
        if (label < labels[v]!) {
          labels[v] = label;
          if (addedIn[v] !== step) { addedIn[v] = step; next[nextSize++] = v; }
        }
      }
      for (let i = inOffsets[u]!, end = inOffsets[u + 1]!; i < end; i++) {
        const v = inSources[i]!;
        if (label < labels[v]!) {
          labels[v] = label;
          if (addedIn[v] !== step) { addedIn[v] = step; next[nextSize++] = v; }
        }
      }
    }
    const swap = frontier; frontier = next; next = swap;
    size = nextSize;
  }
  return labels;
}

/** The number of components in a labelling from connectedComponents (vertices that are their own label). */
export function componentCount(labels: Int32Array): number {
  let count = 0;
  for (let v = 0; v < labels.length; v++) if (labels[v] === v) count++;
  return count;
}
