// The compressed sparse row form every graph kernel runs on: vertices are dense integers 0..n-1 (see
// vertex-dictionary.ts for the mapping from user keys), edges are sorted by source into one typed array of targets
// (out-adjacency, CSR) and by target into one typed array of sources (in-adjacency, CSC). Kernels loop over these
// arrays, never over per-vertex or per-edge objects. Building costs O(n + m) time (two counting sorts) and
// 3·4·(n + 1) + 4·4·m bytes.

/** A directed multigraph on vertices 0..vertexCount-1, with both adjacencies. Parallel edges and self-loops are kept. */
export interface CsrGraph {
  readonly vertexCount: number;
  readonly edgeCount: number;
  /** Out-edges of v are outTargets[outOffsets[v] .. outOffsets[v + 1]), in input order among equal sources. */
  readonly outOffsets: Int32Array;
  readonly outTargets: Int32Array;
  /** outEdges[i]: the position in the input edge list of the out-edge stored at i (to find its value). */
  readonly outEdges: Int32Array;
  /** In-edges of v are inSources[inOffsets[v] .. inOffsets[v + 1]), in input order among equal targets. */
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inEdges: Int32Array;
}

/**
 * Builds both adjacencies of the graph whose edge i goes from sources[i] to targets[i]. Throws a RangeError naming
 * the edge when an endpoint is not a vertex (an integer in [0, vertexCount)).
 */
export function buildCsr(vertexCount: number, sources: Int32Array, targets: Int32Array): CsrGraph {
  if (!Number.isInteger(vertexCount) || vertexCount < 0) throw new RangeError(`vertexCount must be a non-negative integer, got ${vertexCount}`);
  if (sources.length !== targets.length) throw new RangeError(`sources and targets differ in length (${sources.length} vs ${targets.length})`);
  const m = sources.length;
  for (let i = 0; i < m; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    if (s < 0 || s >= vertexCount || t < 0 || t >= vertexCount) {
      throw new RangeError(`edge ${i} (${s} -> ${t}) names a vertex outside 0..${vertexCount - 1}`);
    }
  }
  const [outOffsets, outTargets, outEdges] = sortBy(vertexCount, sources, targets);
  const [inOffsets, inSources, inEdges] = sortBy(vertexCount, targets, sources);
  return { vertexCount, edgeCount: m, outOffsets, outTargets, outEdges, inOffsets, inSources, inEdges };
}

/** A stable counting sort of the edges by `keys`: offsets per key, the other endpoint and the edge's input position. */
function sortBy(n: number, keys: Int32Array, others: Int32Array): [Int32Array, Int32Array, Int32Array] {
  const m = keys.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[keys[i]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const ends = new Int32Array(m);
  const edges = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = next[keys[i]!]!++;
    ends[at] = others[i]!;
    edges[at] = i;
  }
  return [offsets, ends, edges];
}

/** Out-degree of every vertex (parallel edges counted, a self-loop counts once). */
export function outDegrees(g: CsrGraph): Int32Array {
  const d = new Int32Array(g.vertexCount);
  for (let v = 0; v < g.vertexCount; v++) d[v] = g.outOffsets[v + 1]! - g.outOffsets[v]!;
  return d;
}

/** In-degree of every vertex (parallel edges counted, a self-loop counts once). */
export function inDegrees(g: CsrGraph): Int32Array {
  const d = new Int32Array(g.vertexCount);
  for (let v = 0; v < g.vertexCount; v++) d[v] = g.inOffsets[v + 1]! - g.inOffsets[v]!;
  return d;
}
