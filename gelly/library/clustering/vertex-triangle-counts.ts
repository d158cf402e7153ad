// Triangles through each vertex, counted on the degree-ordered orientation without listing them (the shared core of
// the clustering coefficients). Each triangle is found once, from its lowest-ranked vertex u: mark u's row, then for
// each v in it scan v's row for marked w. O(m^1.5) time worst case (Schank & Wagner 2005), O(n) extra space.
import type { CsrGraph } from "../../graph/csr.js";
import { MUTUAL, orientByDegree } from "../../asm/degree/degree-ordered-adjacency.js";

export interface VertexTriangleCounts {
  /** Distinct neighbours of each vertex (either direction). */
  readonly degree: Int32Array;
  /**
   * Undirected: triangles through each vertex. Directed (Flink's directed LocalClusteringCoefficient): edges between
   * the vertex's neighbours, so a triangle adds 2 to a vertex whose opposite pair is mutual, else 1.
   */
  readonly triangleCount: Float64Array;
  /** Distinct triangles in the graph (in the undirected sense). */
  readonly triangles: number;
}

/** `directed`: read both adjacencies and weigh by the opposite pair's directions; else an undirected graph. */
export function vertexTriangleCounts(g: CsrGraph, directed: boolean): VertexTriangleCounts {
  const n = g.vertexCount;
  const { degree, vertexOfRank, offsets, targets, directions } = orientByDegree(g, directed);
  // indexed by rank while counting (locality), by vertex id on return
  const countByRank = new Float64Array(n);
  const stamp = new Int32Array(n);
  const maskOf = new Uint8Array(n);
  let triangles = 0;
  for (let u = 0; u < n; u++) {
    const mark = u + 1;
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    for (let i = start; i < end; i++) {
      stamp[targets[i]!] = mark;
      maskOf[targets[i]!] = directions[i]!;
    }
    for (let i = start; i < end; i++) {
      const v = targets[i]!;
      const uv = directions[i]!;
      for (let j = offsets[v]!, rowEnd = offsets[v + 1]!; j < rowEnd; j++) {
        const w = targets[j]!;
        if (stamp[w] !== mark) continue;
        triangles++;
        if (directed) {
          countByRank[u]! += directions[j] === MUTUAL ? 2 : 1;
          countByRank[v]! += maskOf[w] === MUTUAL ? 2 : 1;
          countByRank[w]! += uv === MUTUAL ? 2 : 1;
        } else {
          countByRank[u]!++;
          countByRank[v]!++;
          countByRank[w]!++;
        }
      }
    }
  }
  const triangleCount = new Float64Array(n);
  for (let r = 0; r < n; r++) triangleCount[vertexOfRank[r]!] = countByRank[r]!;
  return { degree, triangleCount, triangles };
}

/**
 * The number of triangles of an orientation (../../asm/degree/degree-ordered-adjacency.ts), by the same marking scan
 * without per-vertex tallies. `stamp` (length n) must hold no value in 1..n on entry.
 */
export function countOrientedTriangles(offsets: Int32Array, targets: Int32Array, stamp: Int32Array): number {
  const n = offsets.length - 1;
  let total = 0;
  for (let u = 0; u < n; u++) {
    const mark = u + 1;
    const end = offsets[u + 1]!;
    for (let i = offsets[u]!; i < end; i++) stamp[targets[i]!] = mark;
    for (let i = offsets[u]!; i < end; i++) {
      const v = targets[i]!;
      for (let j = offsets[v]!, rowEnd = offsets[v + 1]!; j < rowEnd; j++) if (stamp[targets[j]!] === mark) total++;
    }
  }
  return total;
}
