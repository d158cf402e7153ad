// Flink Gelly's TriangleListing (library/clustering/{directed,undirected}/TriangleListing): every triangle once, as
// (vertex0, vertex1, vertex2) with vertex0 the lowest in the order (degree, id) and vertex1 < vertex2 by id, as Flink
// emits them; the directed listing adds Flink's 6-bit mask of which edges join the three. Degree-ordered
// orientation plus marking (Schank & Wagner 2005): O(m^1.5) worst case, O(n) scratch; a counting pass sizes the output.
import type { CsrGraph } from "../../graph/csr.js";
import { orientByDegree } from "../../asm/degree/degree-ordered-adjacency.js";
import { countOrientedTriangles } from "./vertex-triangle-counts.js";

export interface TriangleListingOptions {
  /** Reorder each triangle so that vertex0 < vertex1 < vertex2 by id (Flink's setSortTriangleVertices; default false). */
  readonly sortTriangleVertices?: boolean;
}

/** Triangles as parallel arrays: triangle i is (vertex0[i], vertex1[i], vertex2[i]). */
export interface TriangleListing {
  readonly count: number;
  readonly vertex0: Int32Array;
  readonly vertex1: Int32Array;
  readonly vertex2: Int32Array;
}

/**
 * Flink's directed TriangleListing.Result bitmask: bits 5-4 describe the pair (vertex0, vertex1), bits 3-2
 * (vertex0, vertex2), bits 1-0 (vertex1, vertex2); for a pair (a, b) 0b10 means a -> b, 0b01 b -> a, 0b11 both.
 */
export interface DirectedTriangleListing extends TriangleListing {
  readonly bitmask: Uint8Array;
}

/** Triangles of a simple undirected graph stored in both directions (asm/undirected.ts). */
export function undirectedTriangleListing(g: CsrGraph, options: TriangleListingOptions = {}): TriangleListing {
  const { count, vertex0, vertex1, vertex2 } = listTriangles(g, false);
  if (options.sortTriangleVertices) for (let i = 0; i < count; i++) sortTriangle(vertex0, vertex1, vertex2, null, i);
  return { count, vertex0, vertex1, vertex2 };
}

/** Triangles of a simple directed graph (vertex triples pairwise joined in some direction), with edge bitmasks. */
export function directedTriangleListing(g: CsrGraph, options: TriangleListingOptions = {}): DirectedTriangleListing {
  const listing = listTriangles(g, true);
  if (options.sortTriangleVertices) {
    for (let i = 0; i < listing.count; i++) sortTriangle(listing.vertex0, listing.vertex1, listing.vertex2, listing.bitmask, i);
  }
  return listing;
}

function listTriangles(g: CsrGraph, directed: boolean): DirectedTriangleListing {
  const n = g.vertexCount;
  const { vertexOfRank, offsets, targets, directions } = orientByDegree(g, directed);
  const stamp = new Int32Array(n);
  const maskOf = new Uint8Array(n);
  // why two passes: counting first, then writing into exact arrays, beat growing them by doubling — R-MAT scale 17,
  // 36.1 M triangles: 8.6 s -> 4.5 s CPU (command in docs/gelly-b-section.md, "Measured")
  const total = countOrientedTriangles(offsets, targets, stamp);
  stamp.fill(0);
  const vertex0 = new Int32Array(total);
  const vertex1 = new Int32Array(total);
  const vertex2 = new Int32Array(total);
  const bitmask = new Uint8Array(directed ? total : 0);
  let count = 0;
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
      for (let j = offsets[v]!, rowEnd = offsets[v + 1]!; j < rowEnd; j++) {
        const w = targets[j]!;
        if (stamp[w] !== mark) continue;
        vertex0[count] = vertexOfRank[u]!;
        const vv = vertexOfRank[v]!;
        const ww = vertexOfRank[w]!;
        // why: Flink pairs u's neighbours in id order, so the two higher vertices come out sorted by id
        if (vv < ww) {
          vertex1[count] = vv;
          vertex2[count] = ww;
          if (directed) bitmask[count] = (directions[i]! << 4) | (maskOf[w]! << 2) | directions[j]!;
        } else {
          vertex1[count] = ww;
          vertex2[count] = vv;
          if (directed) bitmask[count] = (maskOf[w]! << 4) | (directions[i]! << 2) | swapDirections(directions[j]!);
        }
        count++;
      }
    }
  }
  return { count, vertex0, vertex1, vertex2, bitmask };
}

/** The EdgeOrder mask of the pair (b, a) given that of (a, b). */
function swapDirections(mask: number): number {
  return ((mask & 0b01) << 1) | ((mask & 0b10) >> 1);
}

/** Sorts triangle i's vertices by id, moving the pair masks with them (bitmask null for undirected listings). */
function sortTriangle(vertex0: Int32Array, vertex1: Int32Array, vertex2: Int32Array, bitmask: Uint8Array | null, i: number): void {
  let a = vertex0[i]!;
  let b = vertex1[i]!;
  let c = vertex2[i]!;
  // pair masks ab, ac, bc, each relative to the pair's written order
  const mask = bitmask === null ? 0 : bitmask[i]!;
  let ab = (mask >> 4) & 0b11;
  let ac = (mask >> 2) & 0b11;
  let bc = mask & 0b11;
  // three compare-swaps: (a, b), (b, c), (a, b); swapping two vertices reverses their pair and trades the other two
  let t = 0;
  if (a > b) {
    t = a; a = b; b = t;
    ab = swapDirections(ab);
    t = ac; ac = bc; bc = t;
  }
  if (b > c) {
    t = b; b = c; c = t;
    bc = swapDirections(bc);
    t = ab; ab = ac; ac = t;
  }
  if (a > b) {
    t = a; a = b; b = t;
    ab = swapDirections(ab);
    t = ac; ac = bc; bc = t;
  }
  vertex0[i] = a;
  vertex1[i] = b;
  vertex2[i] = c;
  if (bitmask !== null) bitmask[i] = (ab << 4) | (ac << 2) | bc;
}
