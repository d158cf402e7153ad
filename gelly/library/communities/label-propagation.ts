// Flink Gelly's LabelPropagation (Raghavan, Albert and Kumara 2007, "Near linear time algorithm to detect community
// structures in large-scale networks"), exactly as Flink runs it as a scatter-gather iteration:
//   - synchronous: in superstep k every vertex in the active set S_k sends its label along its out-edges;
//   - a vertex that receives messages adopts the most frequent label among them; on a tie the greatest label wins,
//     and when every label arrives only once its own label competes too (Flink seeds the count at 1 with it);
//   - S_1 is every vertex, S_{k+1} the vertices that received messages in superstep k (Flink's gather always sets a
//     value, which re-activates the vertex), so a vertex without in-edges speaks only in the first superstep.
// Stops after maxIterations, when no vertex is active, or at a fixed point (labels and S unchanged: every further
// superstep would repeat the same one). O(n + m) per superstep; tallies in a typed array indexed by label.
import type { CsrGraph } from "../../graph/csr.js";
import { requireIterations, startingLabels } from "./initial-labels.js";

export interface LabelPropagationOptions {
  readonly maxIterations: number;
  /** Starting label per vertex, integers in [0, n) (see startingLabels); default the vertex id. */
  readonly initialLabels?: Int32Array;
}

export interface LabelPropagationResult {
  /** labels[v]: the community label of dense vertex v. */
  readonly labels: Int32Array;
  /** Supersteps that changed something, plus the one that found the fixed point (≤ maxIterations). */
  readonly iterations: number;
}

export function labelPropagation(g: CsrGraph, options: LabelPropagationOptions): LabelPropagationResult {
  requireIterations("LabelPropagation", options.maxIterations);
  const n = g.vertexCount;
  let labels = startingLabels("LabelPropagation", n, options.initialLabels);
  let next: Int32Array = new Int32Array(n);
  let active = new Uint8Array(n).fill(1);
  let nextActive = new Uint8Array(n);
  const count = new Int32Array(n);
  const seen = new Int32Array(n);
  const { inOffsets, inSources } = g;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations++;
    let changed = false;
    let anyActive = false;
    for (let v = 0; v < n; v++) {
      // 1. tally the labels sent by active in-neighbours
      let distinct = 0;
      const end = inOffsets[v + 1]!;
      for (let i = inOffsets[v]!; i < end; i++) {
        const u = inSources[i]!;
        if (active[u] === 0) continue;
        const l = labels[u]!;
        if (count[l]++ === 0) seen[distinct++] = l;
      }
      const own = labels[v]!;
      if (distinct === 0) {
        next[v] = own;
        nextActive[v] = 0;
      } else {
        // 2. Flink's choice: start from (own label, frequency 1); a higher frequency wins, an equal one the greater label
        let best = own;
        let bestCount = 1;
        for (let j = 0; j < distinct; j++) {
          const l = seen[j]!;
          const c = count[l]!;
          if (c > bestCount) { bestCount = c; best = l; }
          else if (c === bestCount && l > best) best = l;
          count[l] = 0;
        }
        next[v] = best;
        nextActive[v] = 1;
        anyActive = true;
      }
      if (next[v] !== own || nextActive[v] !== active[v]) changed = true;
    }
    const swapLabels = labels; labels = next; next = swapLabels;
    const swapActive = active; active = nextActive; nextActive = swapActive;
    if (!changed || !anyActive) break;
  }
  return { labels, iterations };
}
