// Slow, literal references for the community kernels: Flink's scatter-gather iteration simulated with message lists
// and Maps (workset = vertices whose gather function set a value), and its UpdateVertexLabel / VertexLabelUpdater
// transcribed line by line. The kernels must agree with these on random graphs.
import type { RandomEdges } from "../a-fixtures.js";

/** Flink's LabelPropagation, maxIterations supersteps (no early stop: Flink runs until the workset is empty). */
export function referenceLabelPropagation(e: RandomEdges, initial: number[], maxIterations: number): number[] {
  const labels = [...initial];
  let workset = new Set<number>(labels.map((_, v) => v));
  for (let superstep = 1; superstep <= maxIterations && workset.size > 0; superstep++) {
    const inbox = new Map<number, number[]>();
    // scatter: each workset vertex sends its label to all out-neighbours (one message per edge)
    e.sources.forEach((s, i) => {
      if (!workset.has(s)) return;
      const t = e.targets[i]!;
      inbox.set(t, [...(inbox.get(t) ?? []), labels[s]!]);
    });
    const updates = new Map<number, number>();
    for (const [v, messages] of inbox) {
      const frequencies = new Map<number, number>();
      for (const m of messages) frequencies.set(m, (frequencies.get(m) ?? 0) + 1);
      let maxFrequency = 1;
      let mostFrequent = labels[v]!;
      for (const [label, f] of frequencies) {
        if (f === maxFrequency) { if (label > mostFrequent) mostFrequent = label; }
        else if (f > maxFrequency) { maxFrequency = f; mostFrequent = label; }
      }
      updates.set(v, mostFrequent);
    }
    for (const [v, l] of updates) labels[v] = l;
    workset = new Set(updates.keys());
  }
  return labels;
}

/** Flink's CommunityDetection on the undirected graph (every edge both ways), maxIterations supersteps. */
export function referenceCommunityDetection(e: RandomEdges, weights: number[], initial: number[], maxIterations: number, delta: number): { labels: number[]; scores: number[] } {
  const labels = [...initial];
  const scores = labels.map(() => 1);
  const undirected: [number, number, number][] = [];
  e.sources.forEach((s, i) => { undirected.push([s, e.targets[i]!, weights[i]!]); undirected.push([e.targets[i]!, s, weights[i]!]); });
  for (let superstep = 1; superstep <= maxIterations; superstep++) {
    const inbox = new Map<number, [number, number][]>();
    for (const [s, t, w] of undirected) inbox.set(t, [...(inbox.get(t) ?? []), [labels[s]!, scores[s]! * w]]);
    const updates: [number, number, number][] = [];
    for (const [v, messages] of inbox) {
      const summed = new Map<number, number>();
      const highest = new Map<number, number>();
      for (const [label, score] of messages) {
        summed.set(label, (summed.get(label) ?? 0) + score);
        if (!highest.has(label) || highest.get(label)! < score) highest.set(label, score);
      }
      let maxScore = -Number.MAX_VALUE;
      let maxScoreLabel = labels[v]!;
      for (const label of [...summed.keys()].sort((a, b) => a - b)) {
        if (summed.get(label)! > maxScore) { maxScore = summed.get(label)!; maxScoreLabel = label; }
      }
      let highestScore = highest.get(maxScoreLabel)!;
      if (maxScoreLabel !== labels[v]) highestScore -= delta / superstep;
      updates.push([v, maxScoreLabel, highestScore]);
    }
    for (const [v, l, s] of updates) { labels[v] = l; scores[v] = s; }
  }
  return { labels, scores };
}
