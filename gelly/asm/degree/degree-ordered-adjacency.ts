// The degree-ordered orientation triangle kernels run on (Schank & Wagner 2005, "Finding, counting and listing all
// triangles in large graphs"; Flink's TriangleListing): each pair of neighbours u, v is kept once, on the lower of
// the two in the order (degree, id), so every row holds only higher-ranked neighbours and a vertex's row has at
// most O(√m) entries. Each kept pair records which directions the input had, as Flink's EdgeOrder bitmask.
// Vertices are renumbered by that rank and rows hold ranks in ascending order, so the kernels' marks and scans touch
// the few high-rank (hub) entries again and again, which stay in cache.
// O(n + m) time (three passes over the adjacency plus a counting sort by degree), 12·n + 5·(m/2) bytes.
import type { CsrGraph } from "../../graph/csr.js";

/** Flink's EdgeOrder: the pair (a, b) has an edge a -> b. */
export const FORWARD = 0b10;
/** Flink's EdgeOrder: the pair (a, b) has an edge b -> a. */
export const REVERSE = 0b01;
/** Flink's EdgeOrder: both directions. */
export const MUTUAL = 0b11;

/** The orientation, in rank space: rank r is vertex vertexOfRank[r]; ranks ascend with (degree, id). */
export interface DegreeOrderedAdjacency {
  /** Distinct neighbours of each vertex (indexed by vertex id), in either direction, self excluded. */
  readonly degree: Int32Array;
  readonly vertexOfRank: Int32Array;
  /** Higher-ranked neighbours of rank r are the ranks targets[offsets[r] .. offsets[r + 1]), ascending. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** directions[i]: FORWARD / REVERSE / MUTUAL for the pair (r, targets[i]); always MUTUAL for undirected input. */
  readonly directions: Uint8Array;
}

/**
 * Orients every neighbour pair of `g` from the lower- to the higher-ranked vertex. `directed`: take neighbours in
 * both directions and record which edges exist; otherwise `g` is an undirected graph stored in both directions
 * (../undirected.ts) and only its out-adjacency is read. Self-loops and parallel edges are ignored.
 */
export function orientByDegree(g: CsrGraph, directed: boolean): DegreeOrderedAdjacency {
  const n = g.vertexCount;
  const stamp = new Int32Array(n);
  const slot = new Int32Array(n);
  let maxRow = 0;
  for (let v = 0; v < n; v++) {
    const row = g.outOffsets[v + 1]! - g.outOffsets[v]! + (directed ? g.inOffsets[v + 1]! - g.inOffsets[v]! : 0);
    if (row > maxRow) maxRow = row;
  }
  const neighbours = new Int32Array(maxRow);
  const masks = new Uint8Array(maxRow);

  // 1. distinct-neighbour degrees
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    const d = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);
    degree[v] = d;
    if (d > maxDegree) maxDegree = d;
  }

  // 2. ranks: a stable counting sort by degree keeps ids ascending among equal degrees, the order (degree, id)
  const bucket = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v++) bucket[degree[v]! + 1]!++;
  for (let d = 0; d <= maxDegree; d++) bucket[d + 1]! += bucket[d]!;
  const vertexOfRank = new Int32Array(n);
  const rankOf = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const r = bucket[degree[v]!]!++;
    vertexOfRank[r] = v;
    rankOf[v] = r;
  }

  // 3. row lengths: each neighbour pair belongs to its lower rank
  const offsets = new Int32Array(n + 1);
  stamp.fill(0);
  for (let v = 0; v < n; v++) {
    const k = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);
    const r = rankOf[v]!;
    let higher = 0;
    for (let i = 0; i < k; i++) if (rankOf[neighbours[i]!]! > r) higher++;
    offsets[r + 1] = higher;
  }
  for (let r = 0; r < n; r++) offsets[r + 1]! += offsets[r]!;

  // 4. fill rows by ascending target rank t, appending t to each lower neighbour's row, so rows come out sorted
  stamp.fill(0);
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]!);
  const directions = new Uint8Array(offsets[n]!);
  for (let t = 0; t < n; t++) {
    const v = vertexOfRank[t]!;
    const k = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);
    for (let i = 0; i < k; i++) {
      const s = rankOf[neighbours[i]!]!;
      if (s > t) continue;
      const at = cursor[s]!++;
      targets[at] = t;
      // the mask was gathered relative to (v, neighbour); the row wants (neighbour, v)
      const mask = masks[i]!;
      directions[at] = ((mask & REVERSE) << 1) | ((mask & FORWARD) >> 1);
    }
  }
  return { degree, vertexOfRank, offsets, targets, directions };
}

/**
 * Writes v's distinct neighbours (self excluded) into `neighbours[0..k)` with their EdgeOrder masks relative to
 * (v, neighbour), and returns k; afterwards stamp[x] === mark and neighbours[slot[x]] === x for each of them.
 * `mark` must be non-zero and absent from `stamp` on entry. `neighbours`/`masks` need room for v's in + out edges.
 */
export function gatherNeighbours(
  g: CsrGraph,
  v: number,
  directed: boolean,
  mark: number,
  stamp: Int32Array,
  slot: Int32Array,
  neighbours: Int32Array,
  masks: Uint8Array,
): number {
  const outMask = directed ? FORWARD : MUTUAL;
  let k = 0;
  for (let i = g.outOffsets[v]!, end = g.outOffsets[v + 1]!; i < end; i++) {
    const t = g.outTargets[i]!;
    if (t === v) continue;
    if (stamp[t] === mark) {
      masks[slot[t]!]! |= outMask;
      continue;
    }
    stamp[t] = mark;
    slot[t] = k;
    neighbours[k] = t;
    masks[k++] = outMask;
  }
  if (!directed) return k;
  for (let i = g.inOffsets[v]!, end = g.inOffsets[v + 1]!; i < end; i++) {
    const s = g.inSources[i]!;
    if (s === v) continue;
    if (stamp[s] === mark) {
      masks[slot[s]!]! |= REVERSE;
      continue;
    }
    stamp[s] = mark;
    slot[s] = k;
    neighbours[k] = s;
    masks[k++] = REVERSE;
  }
  return k;
}
