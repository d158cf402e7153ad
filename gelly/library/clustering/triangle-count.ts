// Flink Gelly's TriangleCount (library/clustering/{directed,undirected}/TriangleCount): the number of distinct
// triangles, ignoring edge directions. O(m^1.5) worst case, see vertex-triangle-counts.ts.
import type { CsrGraph } from "../../graph/csr.js";
import { orientByDegree } from "../../asm/degree/degree-ordered-adjacency.js";
import { countOrientedTriangles } from "./vertex-triangle-counts.js";

/** Triangles of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedTriangleCount(g: CsrGraph): number {
  return countTriangles(g, false);
}

/** Triangles of a simple directed graph: vertex triples pairwise joined by an edge in some direction. */
export function directedTriangleCount(g: CsrGraph): number {
  return countTriangles(g, true);
}

function countTriangles(g: CsrGraph, directed: boolean): number {
  const { offsets, targets } = orientByDegree(g, directed);
  return countOrientedTriangles(offsets, targets, new Int32Array(g.vertexCount));
}
