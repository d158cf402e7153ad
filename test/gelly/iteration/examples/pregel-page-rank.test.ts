// PageRank written with the vertex-centric model (a ComputeFunction, the sum combiner, an aggregator for the sinks'
// mass, a broadcast set of out-degrees) against the library kernel to 1e-9 after the same number of power
// iterations, and against networkx's converged scores; for every partition count, with and without the combiner.
import test from "ava";
import fc from "fast-check";
import { pageRank } from "../../../../gelly/library/link-analysis/page-rank.js";
import { pregelPageRank } from "../../../../gelly/iteration/examples/pregel-page-rank.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, randomEdges } from "../../library/a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ dampingFactor: number; scores: number[] }>("page-rank");

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
}

for (const [name, want] of Object.entries(oracle)) {
  test(`matches networkx on ${name} after 200 iterations (|Δ| ≤ 1e-9), and the kernel after 20`, (t) => {
    const { graph } = graphs.get(name)!;
    const converged = pregelPageRank(graph, { dampingFactor: want.dampingFactor, iterations: 200 });
    t.true(worst(converged, want.scores) <= 1e-9, `largest difference to networkx ${worst(converged, want.scores)}`);
    const kernel = pageRank(graph, { dampingFactor: want.dampingFactor, maxIterations: 20 }).scores;
    const twenty = pregelPageRank(graph, { dampingFactor: want.dampingFactor, iterations: 20, parallelism: 3 });
    t.true(worst(twenty, kernel) <= 1e-9, `largest difference to the kernel ${worst(twenty, kernel)}`);
  });
}

test("equals the kernel to 1e-9 on random multigraphs (sinks, self-loops, parallel edges), any partition count, with or without the combiner", async (t) => {
  await assertProperty(t, fc.property(randomEdges(40, 150), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (e, iterations, P, combine) => {
    const g = csrOf(e);
    const kernel = pageRank(g, { maxIterations: iterations }).scores;
    const pregel = pregelPageRank(g, { iterations, parallelism: P, combine });
    const sum = pregel.reduce((a, b) => a + b, 0);
    return worst(pregel, kernel) <= 1e-9 && Math.abs(sum - 1) <= 1e-9;
  }), { file: import.meta.url, numRuns: 300 });
});

test("one iteration on 0 → 1 by hand: the sink's mass comes back one superstep later, spread evenly", (t) => {
  // superstep 1: 0 sends 0.5 to 1, the sink 1 aggregates its 0.5; superstep 2: both get (0.15 + 0.85 · 0.5) / 2 =
  // 0.2875, and 1 also 0.85 · 0.5
  const scores = pregelPageRank(csrOf({ vertexCount: 2, sources: [0], targets: [1] }), { iterations: 1 });
  t.true(Math.abs(scores[0]! - 0.2875) < 1e-15);
  t.true(Math.abs(scores[1]! - 0.7125) < 1e-15);
});
