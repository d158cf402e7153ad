// Flink Gelly's HITS (library/linkanalysis/HITS, Kleinberg 1999, "Authoritative sources in a hyperlinked
// environment"): a good hub links to good authorities, a good authority is linked from good hubs. Flink starts from
// authority = in-degree, then each iteration sets hub(u) = Σ authority over u's out-edges, authority(v) = Σ hub over
// v's in-edges (using the new hubs), and scales both vectors to unit L2 norm. O(n + m) per iteration.
import type { CsrGraph } from "../../graph/csr.js";
import { resolveLimits, type IterationLimits } from "./iteration-limits.js";

export type HitsOptions = IterationLimits;

export interface HitsResult {
  /** hub[v]: the hub score of dense vertex v; Σ hub² = 1 when the graph has edges (0 for vertices without out-edges). */
  readonly hub: Float64Array;
  /** authority[v]: the authority score; Σ authority² = 1 when the graph has edges (0 without in-edges). */
  readonly authority: Float64Array;
  /** Iterations run. */
  readonly iterations: number;
}

/**
 * Hub and authority scores of every vertex, normalised by the L2 norm as Flink does (networkx normalises by the sum).
 * The convergence threshold bounds Σ |Δhub| + |Δauthority|, which Flink does not measure after the first iteration
 * (its initial scores are not normalised), so at least two iterations run when a threshold alone is given.
 */
export function hits(g: CsrGraph, options: HitsOptions = {}): HitsResult {
  const { maxIterations, convergenceThreshold } = resolveLimits("HITS", options);
  const n = g.vertexCount;
  const { outOffsets, outTargets, inOffsets, inSources } = g;
  const hub = new Float64Array(n);
  const authority = new Float64Array(n);
  const rawHub = new Float64Array(n);
  const rawAuthority = new Float64Array(n);
  for (let v = 0; v < n; v++) authority[v] = inOffsets[v + 1]! - inOffsets[v]!;
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    // 1. hubs from the current authorities, over out-edges
    let hubSquares = 0;
    let i = 0;
    for (let u = 0; u < n; u++) {
      let sum = 0;
      const end = outOffsets[u + 1]!;
      for (; i < end; i++) sum += authority[outTargets[i]!]!;
      rawHub[u] = sum;
      hubSquares += sum * sum;
    }
    // 2. authorities from the new hubs (not yet normalised, as Flink), over in-edges
    let authoritySquares = 0;
    i = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const end = inOffsets[v + 1]!;
      for (; i < end; i++) sum += rawHub[inSources[i]!]!;
      rawAuthority[v] = sum;
      authoritySquares += sum * sum;
    }
    // 3. unit L2 norm; why the guard: a graph without edges has all-zero vectors, which stay zero
    const hubScale = hubSquares > 0 ? 1 / Math.sqrt(hubSquares) : 0;
    const authorityScale = authoritySquares > 0 ? 1 / Math.sqrt(authoritySquares) : 0;
    let change = 0;
    for (let v = 0; v < n; v++) {
      const h = rawHub[v]! * hubScale;
      const a = rawAuthority[v]! * authorityScale;
      change += Math.abs(h - hub[v]!) + Math.abs(a - authority[v]!);
      hub[v] = h;
      authority[v] = a;
    }
    // why iterations > 1: the starting authorities (in-degrees) are not normalised, so the first change means nothing
    if (iterations > 1 && change <= convergenceThreshold) break;
  }
  return { hub, authority, iterations };
}
