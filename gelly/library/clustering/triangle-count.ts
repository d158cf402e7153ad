// Flink Gelly's TriangleCount (library/clustering/{directed,undirected}/TriangleCount): the number of distinct
// triangles, ignoring edge directions. O(m^1.5) worst case, see vertex-triangle-counts.ts.
import type { CsrGraph } from "../../graph/csr.js";
import { vertexTriangleCounts } from "./vertex-triangle-counts.js";

/** Triangles of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedTriangleCount(g: CsrGraph): number {
  return vertexTriangleCounts(g, false).triangles;
}

/** Triangles of a simple directed graph: vertex triples pairwise joined by an edge in some direction. */
export function directedTriangleCount(g: CsrGraph): number {
  return vertexTriangleCounts(g, true).triangles;
}
