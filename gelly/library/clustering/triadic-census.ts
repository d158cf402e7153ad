// Flink Gelly's TriadicCensus (library/clustering/{directed,undirected}/TriadicCensus): how many vertex triples form
// each triad type. Directed: the 16 MAN types by Batagelj & Mrvar's subquadratic algorithm ("A subquadratic triad
// census algorithm for large sparse networks with small maximum degree", Social Networks 2001), as
// networkx.triadic_census; O(Σ_v d(v)²) time, O(n + m) space (each neighbourhood deduplicated once). Undirected:
// Flink's formulas from triangles, triplets, edges and vertices, O(m^1.5). Counts are bigints (Flink's BigInteger):
// the empty-triad count grows as n³.
import type { CsrGraph } from "../../graph/csr.js";
import { FORWARD, MUTUAL, REVERSE, gatherNeighbours } from "../../asm/degree/degree-ordered-adjacency.js";
import { vertexTriangleCounts } from "./vertex-triangle-counts.js";

/** Directed triad types in Batagelj & Mrvar's (and networkx's) order; `counts[i]` is the count of type i. */
export const DIRECTED_TRIAD_TYPES = ["003", "012", "102", "021D", "021U", "021C", "111D", "111U", "030T", "030C", "201", "120D", "120U", "120C", "210", "300"] as const;

/** Undirected triad types by number of edges among the three vertices, as Flink's undirected Result. */
export const UNDIRECTED_TRIAD_TYPES = ["03", "12", "21", "30"] as const;

export interface TriadicCensus {
  /** One count per type, in the order of DIRECTED_TRIAD_TYPES or UNDIRECTED_TRIAD_TYPES. */
  readonly counts: BigInt64Array;
}

/**
 * Batagelj & Mrvar's table: TRIAD_TYPE_OF_CODE[code] is 1 + the index of the triad type of the triple (v, u, w)
 * whose edges sum to `code` with v->u 1, u->v 2, v->w 4, w->v 8, u->w 16, w->u 32.
 */
const TRIAD_TYPE_OF_CODE = Int8Array.of(
  1, 2, 2, 3, 2, 4, 6, 8, 2, 6, 5, 7, 3, 8, 7, 11, 2, 6, 4, 8, 5, 9, 9, 13, 6, 10, 9, 14, 7, 14, 12, 15,
  2, 5, 6, 7, 6, 9, 10, 14, 4, 9, 9, 12, 8, 13, 14, 15, 3, 7, 8, 11, 7, 12, 14, 15, 8, 14, 13, 15, 11, 15, 15, 16,
);

/** The 16-type census of a simple directed graph; every vertex of `g` counts, isolated ones too. */
export function directedTriadicCensus(g: CsrGraph): TriadicCensus {
  const n = g.vertexCount;
  const { offsets, neighbours, masks } = distinctNeighbourhoods(g);
  const connected = new Float64Array(16);
  const vStamp = new Int32Array(n);
  const vMaskOf = new Uint8Array(n);
  const uStamp = new Int32Array(n);
  let uMark = 0;
  for (let v = 0; v < n; v++) {
    const vMark = v + 1;
    const vStart = offsets[v]!;
    const vEnd = offsets[v + 1]!;
    for (let a = vStart; a < vEnd; a++) {
      vStamp[neighbours[a]!] = vMark;
      vMaskOf[neighbours[a]!] = masks[a]!;
    }
    for (let a = vStart; a < vEnd; a++) {
      const u = neighbours[a]!;
      // why: each adjacent pair is handled once, from its smaller id
      if (u < v) continue;
      const vu = masks[a]!;
      const vuCode = (vu & FORWARD ? 1 : 0) | (vu & REVERSE ? 2 : 0);
      const uStart = offsets[u]!;
      const uEnd = offsets[u + 1]!;
      uMark++;
      for (let b = uStart; b < uEnd; b++) uStamp[neighbours[b]!] = uMark;
      let union = 0;
      // 1. third vertices adjacent to u (and maybe to v)
      for (let b = uStart; b < uEnd; b++) {
        const w = neighbours[b]!;
        if (w === v) continue;
        union++;
        const inV = vStamp[w] === vMark;
        // why: a triad joined to both u and v would otherwise be counted from each pair; B&M's canonical choice
        if (!(u < w || (v < w && w < u && !inV))) continue;
        const uw = masks[b]!;
        const vw = inV ? vMaskOf[w]! : 0;
        const code = vuCode | (vw & FORWARD ? 4 : 0) | (vw & REVERSE ? 8 : 0) | (uw & FORWARD ? 16 : 0) | (uw & REVERSE ? 32 : 0);
        connected[TRIAD_TYPE_OF_CODE[code]! - 1]!++;
      }
      // 2. third vertices adjacent to v only
      for (let b = vStart; b < vEnd; b++) {
        const w = neighbours[b]!;
        if (w === u || uStamp[w] === uMark) continue;
        union++;
        if (!(u < w)) continue;
        const vw = masks[b]!;
        const code = vuCode | (vw & FORWARD ? 4 : 0) | (vw & REVERSE ? 8 : 0);
        connected[TRIAD_TYPE_OF_CODE[code]! - 1]!++;
      }
      // 3. third vertices adjacent to neither: one dyadic triad each
      connected[vu === MUTUAL ? 2 : 1]! += n - union - 2;
    }
  }
  const counts = new BigInt64Array(16);
  let connectedTotal = 0n;
  for (let i = 1; i < 16; i++) {
    counts[i] = BigInt(connected[i]!);
    connectedTotal += counts[i]!;
  }
  counts[0] = triples(n) - connectedTotal;
  return { counts };
}

/** Every vertex's distinct neighbours in either direction with EdgeOrder masks, gathered once: O(n + m). */
function distinctNeighbourhoods(g: CsrGraph): { offsets: Int32Array; neighbours: Int32Array; masks: Uint8Array } {
  const n = g.vertexCount;
  const offsets = new Int32Array(n + 1);
  const neighbours = new Int32Array(2 * g.edgeCount);
  const masks = new Uint8Array(2 * g.edgeCount);
  const stamp = new Int32Array(n);
  const slot = new Int32Array(n);
  let maxRow = 0;
  for (let v = 0; v < n; v++) maxRow = Math.max(maxRow, g.outOffsets[v + 1]! - g.outOffsets[v]! + g.inOffsets[v + 1]! - g.inOffsets[v]!);
  const rowNeighbours = new Int32Array(maxRow);
  const rowMasks = new Uint8Array(maxRow);
  for (let v = 0; v < n; v++) {
    const start = offsets[v]!;
    const k = gatherNeighbours(g, v, true, v + 1, stamp, slot, rowNeighbours, rowMasks);
    for (let i = 0; i < k; i++) {
      neighbours[start + i] = rowNeighbours[i]!;
      masks[start + i] = rowMasks[i]!;
    }
    offsets[v + 1] = start + k;
  }
  return { offsets, neighbours, masks };
}

/**
 * The 4-type census of a simple undirected graph stored in both directions (asm/undirected.ts), by Flink's formulas:
 * 30 = triangles, 21 = triplets - 3·triangles, 12 = edges·(n-2) - 2·"21" - 3·"30", 03 = C(n, 3) - the rest. Every
 * vertex of `g` counts (Flink's vertex count came from VertexMetrics, which leaves out zero-degree vertices).
 */
export function undirectedTriadicCensus(g: CsrGraph): TriadicCensus {
  const n = g.vertexCount;
  const { degree, triangles } = vertexTriangleCounts(g, false);
  let triplets = 0n;
  let degreeSum = 0n;
  for (let v = 0; v < n; v++) {
    const d = BigInt(degree[v]!);
    triplets += (d * (d - 1n)) / 2n;
    degreeSum += d;
  }
  const edges = degreeSum / 2n;
  const count30 = BigInt(triangles);
  const count21 = triplets - 3n * count30;
  const count12 = n < 2 ? 0n : edges * BigInt(n - 2) - 2n * count21 - 3n * count30;
  const count03 = triples(n) - count12 - count21 - count30;
  return { counts: BigInt64Array.of(count03, count12, count21, count30) };
}

/** C(n, 3). */
function triples(n: number): bigint {
  const b = BigInt(n);
  return n < 3 ? 0n : (b * (b - 1n) * (b - 2n)) / 6n;
}
