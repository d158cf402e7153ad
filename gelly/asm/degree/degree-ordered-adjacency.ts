// The degree-ordered orientation triangle kernels run on (Schank & Wagner 2005, "Finding, counting and listing all
// triangles in large graphs"; Flink's TriangleListing): each pair of neighbours u, v is kept once, on the lower of
// the two in the order (degree, id), so every row holds only higher-ranked neighbours and a vertex's row has at
// most O(√m) entries. Each kept pair records which directions the input had, as Flink's EdgeOrder bitmask.
// O(n + m) time (three passes over the adjacency), 4·(n + 1) + 8·(m/2) + (m/2) bytes.
import type { CsrGraph } from "../../graph/csr.js";

/** Flink's EdgeOrder: the pair (a, b) has an edge a -> b. */
export const FORWARD = 0b10;
/** Flink's EdgeOrder: the pair (a, b) has an edge b -> a. */
export const REVERSE = 0b01;
/** Flink's EdgeOrder: both directions. */
export const MUTUAL = 0b11;

export interface DegreeOrderedAdjacency {
  /** Distinct neighbours of each vertex, in either direction, self excluded. */
  readonly degree: Int32Array;
  /** Higher-ranked neighbours of v are targets[offsets[v] .. offsets[v + 1]), in input order. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** directions[i]: FORWARD / REVERSE / MUTUAL for the pair (v, targets[i]); always MUTUAL for undirected input. */
  readonly directions: Uint8Array;
}

/** Whether u ranks below x in the order (degree, id) Flink's triangle algorithms use. */
export function ranksBelow(degree: Int32Array, u: number, x: number): boolean {
  const du = degree[u]!;
  const dx = degree[x]!;
  return du < dx || (du === dx && u < x);
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
  for (let v = 0; v < n; v++) degree[v] = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);

  // 2. row lengths: neighbours ranked above v
  stamp.fill(0);
  const offsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    const k = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);
    let higher = 0;
    for (let i = 0; i < k; i++) if (ranksBelow(degree, v, neighbours[i]!)) higher++;
    offsets[v + 1] = offsets[v]! + higher;
  }

  // 3. fill the rows
  stamp.fill(0);
  const targets = new Int32Array(offsets[n]!);
  const directions = new Uint8Array(offsets[n]!);
  for (let v = 0; v < n; v++) {
    const k = gatherNeighbours(g, v, directed, v + 1, stamp, slot, neighbours, masks);
    let at = offsets[v]!;
    for (let i = 0; i < k; i++) {
      const x = neighbours[i]!;
      if (!ranksBelow(degree, v, x)) continue;
      targets[at] = x;
      directions[at++] = masks[i]!;
    }
  }
  return { degree, offsets, targets, directions };
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
