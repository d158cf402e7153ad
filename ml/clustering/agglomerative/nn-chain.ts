// Hierarchical agglomerative clustering by the nearest-neighbour chain (Murtagh 1983; Müllner, "Modern hierarchical,
// agglomerative clustering algorithms", 2011): O(n²) time and memory for the reducible linkages — ward, complete,
// average, single — with Lance–Williams updates of the distance matrix, as Flink ML's nnChainCore.
import type { Linkage } from "../agglomerative-clustering-params.js";

/** One merge, scipy's numbering: points are 0..n−1, the cluster made by merge m is n + m. */
export interface Merge {
  readonly cluster1: number;
  readonly cluster2: number;
  readonly distance: number;
  readonly size: number;
}

/**
 * The n − 1 merges of the dendrogram by ascending distance (equal distances keep the order they were found in), given
 * the n × n matrix of point distances (row-major; only i < j is read). The matrix is overwritten.
 */
export function nnChainMerges(distances: Float64Array, n: number, linkage: Linkage): Merge[] {
  // why slots: a merged cluster takes the slot of one of its parts, so the matrix never grows
  const slotCluster = Int32Array.from({ length: n }, (_, i) => i);
  const slotSize = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const d = (i: number, j: number) => (i < j ? distances[i * n + j]! : distances[j * n + i]!);
  const set = (i: number, j: number, v: number) => {
    if (i < j) distances[i * n + j] = v;
    else distances[j * n + i] = v;
  };
  const found: { a: number; b: number; distance: number; size: number; order: number }[] = [];
  const chain: number[] = [];
  let remaining = n;
  let nextCluster = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1]!;
    const previous = chain.length >= 2 ? chain[chain.length - 2]! : -1;
    // the nearest active slot to a; the previous chain element wins a tie (so the chain cannot cycle)
    let b = previous;
    let best = previous === -1 ? Number.POSITIVE_INFINITY : d(a, previous);
    for (let x = 0; x < n; x++) {
      if (active[x] === 0 || x === a) continue;
      const dx = d(a, x);
      if (dx < best) {
        best = dx;
        b = x;
      }
    }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    // a and b are reciprocal nearest neighbours: merge them into slot min(a, b)
    chain.length -= 2;
    const [keep, drop] = a < b ? [a, b] : [b, a];
    const sa = slotSize[keep]!;
    const sb = slotSize[drop]!;
    found.push({ a: slotCluster[keep]!, b: slotCluster[drop]!, distance: best, size: sa + sb, order: found.length });
    active[drop] = 0;
    for (let x = 0; x < n; x++) {
      if (active[x] === 0 || x === keep) continue;
      set(keep, x, lanceWilliams(d(keep, x), d(drop, x), best, sa, sb, slotSize[x]!, linkage));
    }
    slotSize[keep] = sa + sb;
    slotCluster[keep] = nextCluster++;
    remaining--;
  }
  return renumber(found, n);
}

/** Sorts the merges by distance and renumbers the clusters they create in that order (Flink ML's reOrderNnChain). */
function renumber(found: { a: number; b: number; distance: number; size: number; order: number }[], n: number): Merge[] {
  const sorted = [...found].sort((x, y) => x.distance - y.distance || x.order - y.order);
  const renamed = new Map<number, number>();
  return sorted.map((m, i) => {
    const c1 = renamed.get(m.a) ?? m.a;
    const c2 = renamed.get(m.b) ?? m.b;
    renamed.set(n + m.order, n + i);
    return { cluster1: Math.min(c1, c2), cluster2: Math.max(c1, c2), distance: m.distance, size: m.size };
  });
}

/** The distance from the merge of i and j (sizes si, sj, distance dij) to k (size sk). */
function lanceWilliams(dik: number, djk: number, dij: number, si: number, sj: number, sk: number, linkage: Linkage): number {
  switch (linkage) {
    case "single":
      return Math.min(dik, djk);
    case "complete":
      return Math.max(dik, djk);
    case "average":
      return (si * dik + sj * djk) / (si + sj);
    case "ward":
      return Math.sqrt(((si + sk) * dik * dik + (sj + sk) * djk * djk - sk * dij * dij) / (si + sj + sk));
  }
}

/**
 * Cluster labels 0, 1, … by first appearance among the points, after the first `merges` of `sorted` (Flink ML: the
 * first n − numClusters merges, or those within distanceThreshold).
 */
export function labelPoints(sorted: readonly Merge[], n: number, merges: number): Int32Array {
  const parent = new Int32Array(2 * n).fill(-1);
  for (let i = 0; i < merges; i++) {
    const m = sorted[i]!;
    parent[m.cluster1] = n + i;
    parent[m.cluster2] = n + i;
  }
  const root = (x: number) => {
    while (parent[x] !== -1) x = parent[x]!;
    return x;
  };
  const labels = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    let id = ids.get(r);
    if (id === undefined) ids.set(r, (id = ids.size));
    labels[i] = id;
  }
  return labels;
}
