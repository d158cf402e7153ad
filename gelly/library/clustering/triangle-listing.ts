// Flink Gelly's TriangleListing (library/clustering/{directed,undirected}/TriangleListing): every triangle once, as
// (vertex0, vertex1, vertex2) with vertex0 the lowest in the order (degree, id) and vertex1 < vertex2 by id, as Flink
// emits them; the directed listing adds Flink's 6-bit mask of which edges join the three. Degree-ordered
// orientation plus marking (Schank & Wagner 2005): O(m^1.5) worst case, O(n) scratch, output grown by doubling.
import type { CsrGraph } from "../../graph/csr.js";
import { orientByDegree } from "../../asm/degree/degree-ordered-adjacency.js";
import { ensureInt32, ensureUint8 } from "../../asm/growable-array.js";

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
  const { offsets, targets, directions } = orientByDegree(g, directed);
  const stamp = new Int32Array(n);
  const maskOf = new Uint8Array(n);
  let vertex0: Int32Array = new Int32Array(16);
  let vertex1: Int32Array = new Int32Array(16);
  let vertex2: Int32Array = new Int32Array(16);
  let bitmask: Uint8Array = new Uint8Array(directed ? 16 : 0);
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
        if (count === vertex0.length) {
          vertex0 = ensureInt32(vertex0, count + 1);
          vertex1 = ensureInt32(vertex1, count + 1);
          vertex2 = ensureInt32(vertex2, count + 1);
          if (directed) bitmask = ensureUint8(bitmask, count + 1);
        }
        vertex0[count] = u;
        // why: Flink pairs u's neighbours in id order, so the two higher vertices come out sorted by id
        if (v < w) {
          vertex1[count] = v;
          vertex2[count] = w;
          if (directed) bitmask[count] = (directions[i]! << 4) | (maskOf[w]! << 2) | directions[j]!;
        } else {
          vertex1[count] = w;
          vertex2[count] = v;
          if (directed) bitmask[count] = (maskOf[w]! << 4) | (directions[i]! << 2) | swapDirections(directions[j]!);
        }
        count++;
      }
    }
  }
  return { count, vertex0: vertex0.slice(0, count), vertex1: vertex1.slice(0, count), vertex2: vertex2.slice(0, count), bitmask: bitmask.slice(0, count) };
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
