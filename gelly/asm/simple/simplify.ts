// Flink Gelly's Simplify (asm/simple/{directed,undirected}): remove self-loops and duplicate edges, and for undirected
// graphs also add the missing reverse edges. Kernels that want "a simple graph" take the output of these. O(n + m),
// one stamp array; edges keep input order, and the first of a set of duplicates (in CSR order) is the one kept.
import type { CsrGraph } from "../../graph/csr.js";
import { buildDerivedCsr } from "../edge-list.js";

/** A directed graph without self-loops or parallel edges (u -> v and v -> u both stay). */
export function simplifyDirected(g: CsrGraph): CsrGraph {
  const n = g.vertexCount;
  const sources = new Int32Array(g.edgeCount);
  const targets = new Int32Array(g.edgeCount);
  const origins = new Int32Array(g.edgeCount);
  const seenFrom = new Int32Array(n).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = g.outTargets[i]!;
      // why: a self-loop or a second v -> t edge is what Simplify removes
      if (t === v || seenFrom[t] === v) continue;
      seenFrom[t] = v;
      sources[k] = v;
      targets[k] = t;
      origins[k++] = g.outEdges[i]!;
    }
  }
  return buildDerivedCsr(n, sources, targets, origins, k);
}

/**
 * The simple undirected graph on the same vertices (stored in both directions, see ../undirected.ts): u and v are
 * joined when any edge joins them in either direction. The edge u -> v carries the position of the first such input
 * edge in u's out-edges, else in u's in-edges — so if the input had u -> v and v -> u with different values, each
 * direction keeps its own.
 */
export function simplifyUndirected(g: CsrGraph): CsrGraph {
  const n = g.vertexCount;
  const sources = new Int32Array(2 * g.edgeCount);
  const targets = new Int32Array(2 * g.edgeCount);
  const origins = new Int32Array(2 * g.edgeCount);
  const seenFrom = new Int32Array(n).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = g.outTargets[i]!;
      if (t === v || seenFrom[t] === v) continue;
      seenFrom[t] = v;
      sources[k] = v;
      targets[k] = t;
      origins[k++] = g.outEdges[i]!;
    }
    for (let i = g.inOffsets[v]!, end = g.inOffsets[v + 1]!; i < end; i++) {
      const s = g.inSources[i]!;
      if (s === v || seenFrom[s] === v) continue;
      seenFrom[s] = v;
      sources[k] = v;
      targets[k] = s;
      origins[k++] = g.inEdges[i]!;
    }
  }
  return buildDerivedCsr(n, sources, targets, origins, k);
}
