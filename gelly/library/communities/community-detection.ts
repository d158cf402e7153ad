// Flink Gelly's CommunityDetection (Leung, Hui, Lió and Crowcroft 2009, "Towards real-time community detection in
// large networks", arXiv:0808.2633): label propagation with scores and hop attenuation, on the undirected graph.
// Every vertex starts with (its label, score 1). In superstep k each vertex sends (label, score · w) over every edge
// in both directions (Flink's getUndirected: in-edges and out-edges alike, weight w the edge value). A vertex that
// receives messages adopts the label with the greatest summed score (ties: the smallest label, Flink's TreeMap
// order), takes as its score the highest single score received for that label, and, when the label is new to it,
// lowers that score by delta / k. Stops after maxIterations or at a fixed point (no label or score changed).
// O(n + m) per superstep, tallies in typed arrays indexed by label.
import type { CsrGraph } from "../../graph/csr.js";
import { requireIterations, startingLabels } from "./initial-labels.js";

export interface CommunityDetectionOptions {
  readonly maxIterations: number;
  /** Hop attenuation; Flink's default 0.5. */
  readonly delta?: number;
  /** Starting label per vertex, integers in [0, n) (see startingLabels); default the vertex id. */
  readonly initialLabels?: Int32Array;
}

export interface CommunityDetectionResult {
  /** labels[v]: the community label of dense vertex v. */
  readonly labels: Int32Array;
  /** scores[v]: the score v holds for its label (Flink drops it from the result; kept here for inspection). */
  readonly scores: Float64Array;
  readonly iterations: number;
}

/** `weights[i]` is the value of input edge i (Flink's Double edge value), used in both directions. */
export function communityDetection(g: CsrGraph, weights: Float64Array, options: CommunityDetectionOptions): CommunityDetectionResult {
  requireIterations("CommunityDetection", options.maxIterations);
  const delta = options.delta ?? 0.5;
  if (!Number.isFinite(delta)) throw new RangeError(`CommunityDetection: delta must be a finite number, got ${options.delta}`);
  if (weights.length !== g.edgeCount) throw new RangeError(`CommunityDetection: ${weights.length} weights for ${g.edgeCount} edges; pass one value per input edge`);
  const n = g.vertexCount;
  let labels = startingLabels("CommunityDetection", n, options.initialLabels);
  let scores = new Float64Array(n).fill(1);
  let nextLabels: Int32Array = new Int32Array(n);
  let nextScores = new Float64Array(n);
  const sum = new Float64Array(n);
  const highest = new Float64Array(n);
  const present = new Uint8Array(n);
  const seen = new Int32Array(n);
  const { inOffsets, inSources, inEdges, outOffsets, outTargets, outEdges } = g;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations++;
    const attenuation = delta / iterations;
    let changed = false;
    for (let v = 0; v < n; v++) {
      let distinct = 0;
      // 1. messages over in-edges u → v and, reversed, over out-edges v → u
      const inEnd = inOffsets[v + 1]!;
      for (let i = inOffsets[v]!; i < inEnd; i++) {
        const u = inSources[i]!;
        const l = labels[u]!;
        const s = scores[u]! * weights[inEdges[i]!]!;
        if (present[l] === 0) { present[l] = 1; seen[distinct++] = l; sum[l] = s; highest[l] = s; }
        else { sum[l] += s; if (s > highest[l]!) highest[l] = s; }
      }
      const outEnd = outOffsets[v + 1]!;
      for (let i = outOffsets[v]!; i < outEnd; i++) {
        const u = outTargets[i]!;
        const l = labels[u]!;
        const s = scores[u]! * weights[outEdges[i]!]!;
        if (present[l] === 0) { present[l] = 1; seen[distinct++] = l; sum[l] = s; highest[l] = s; }
        else { sum[l] += s; if (s > highest[l]!) highest[l] = s; }
      }
      const own = labels[v]!;
      if (distinct === 0) {
        nextLabels[v] = own;
        nextScores[v] = scores[v]!;
        continue;
      }
      // 2. the label with the greatest summed score, the smallest on a tie
      let best = own;
      let bestSum = -Number.MAX_VALUE;
      let bestHighest = scores[v]!;
      for (let j = 0; j < distinct; j++) {
        const l = seen[j]!;
        const s = sum[l]!;
        if (s > bestSum || (s === bestSum && l < best)) { bestSum = s; best = l; bestHighest = highest[l]!; }
        present[l] = 0;
      }
      // 3. a newly adopted label is attenuated by delta / superstep
      const score = best === own ? bestHighest : bestHighest - attenuation;
      nextLabels[v] = best;
      nextScores[v] = score;
      if (best !== own || score !== scores[v]) changed = true;
    }
    const l = labels; labels = nextLabels; nextLabels = l;
    const s = scores; scores = nextScores; nextScores = s;
    if (!changed) break;
  }
  return { labels, scores, iterations };
}
