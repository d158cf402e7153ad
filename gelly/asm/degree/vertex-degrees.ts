// Flink Gelly's degree annotations of vertices (asm/degree/annotate/{directed/VertexDegrees, undirected/VertexDegree}):
// per-vertex typed arrays indexed by dense vertex id. O(n + m), one stamp array.
import type { CsrGraph } from "../../graph/csr.js";

/** Degrees of a directed graph, as Flink's `VertexDegrees.Degrees`. */
export interface VertexDegrees {
  /** Distinct neighbours in either direction (a mutual pair u <-> v counts once). */
  readonly degree: Int32Array;
  /** Distinct out-neighbours. */
  readonly outDegree: Int32Array;
  /** Distinct in-neighbours. */
  readonly inDegree: Int32Array;
}

/**
 * Degree, out-degree and in-degree of every vertex of a directed graph, counting distinct neighbours (on a simple
 * graph these are the plain edge counts; parallel edges count once, as Flink's bitmask reduction does).
 */
export function vertexDegrees(g: CsrGraph): VertexDegrees {
  const n = g.vertexCount;
  const degree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  // stamp[x] === 2v + 1: x seen as an out-neighbour of v; 2v + 2: seen only as an in-neighbour of v
  const stamp = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const asOut = 2 * v + 1;
    const asIn = 2 * v + 2;
    let out = 0;
    let both = 0;
    for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
      const t = g.outTargets[i]!;
      if (stamp[t] === asOut) continue;
      stamp[t] = asOut;
      out++;
    }
    let inn = 0;
    for (let i = g.inOffsets[v]!, end = g.inOffsets[v + 1]!; i < end; i++) {
      const s = g.inSources[i]!;
      const seen = stamp[s];
      if (seen === asIn) continue;
      inn++;
      if (seen === asOut) both++;
      stamp[s] = asIn;
    }
    degree[v] = out + inn - both;
    outDegree[v] = out;
    inDegree[v] = inn;
  }
  return { degree, outDegree, inDegree };
}

/**
 * Degree of every vertex of an undirected graph stored in both directions (../undirected.ts): its number of
 * out-edges, as Flink's undirected `VertexDegree` counts edges by source. Parallel edges count each time.
 */
export function vertexDegree(g: CsrGraph): Int32Array {
  const n = g.vertexCount;
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) degree[v] = g.outOffsets[v + 1]! - g.outOffsets[v]!;
  return degree;
}
