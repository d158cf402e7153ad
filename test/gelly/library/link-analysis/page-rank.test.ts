// PageRank against networkx.pagerank (dangling mass spread uniformly in both), a hand-computed iteration, and
// properties: scores sum to 1, every score is at least the random-jump share, edge order does not matter.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { pageRank } from "../../../../gelly/library/link-analysis/page-rank.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, permuted, randomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ dampingFactor: number; scores: number[] }>("page-rank");

for (const [name, want] of Object.entries(oracle)) {
  test(`matches networkx on ${name} (|Δ| ≤ 1e-10)`, (t) => {
    const { graph } = graphs.get(name)!;
    const { scores, iterations } = pageRank(graph, { dampingFactor: want.dampingFactor, convergenceThreshold: 1e-13, maxIterations: 10_000 });
    t.true(iterations < 10_000, "converged");
    let worst = 0;
    for (let v = 0; v < graph.vertexCount; v++) worst = Math.max(worst, Math.abs(scores[v]! - want.scores[v]!));
    t.true(worst <= 1e-10, `largest difference ${worst}`);
  });
}

test("one iteration on 0 → 1 by hand: the sink's mass is spread evenly", (t) => {
  // start 0.5, 0.5; vertex 1 receives 0.5 from vertex 0; vertex 1 is a sink, so 1 - 0.5 = 0.5 did not flow:
  // uniform = (0.15 + 0.85 · 0.5) / 2 = 0.2875; scores 0.2875 and 0.2875 + 0.85 · 0.5 = 0.7125
  const { scores, iterations } = pageRank(buildCsr(2, Int32Array.of(0), Int32Array.of(1)), { maxIterations: 1 });
  t.is(iterations, 1);
  t.true(Math.abs(scores[0]! - 0.2875) < 1e-15);
  t.true(Math.abs(scores[1]! - 0.7125) < 1e-15);
});

test("a graph without edges keeps 1/n everywhere; an empty graph gives no scores", (t) => {
  t.deepEqual([...pageRank(buildCsr(4, new Int32Array(0), new Int32Array(0))).scores], [0.25, 0.25, 0.25, 0.25]);
  t.is(pageRank(buildCsr(0, new Int32Array(0), new Int32Array(0))).scores.length, 0);
});

test("a loose threshold stops early; maxIterations caps the run", (t) => {
  const { graph } = graphs.get("karate")!;
  t.is(pageRank(graph, { convergenceThreshold: 10 }).iterations, 1);
  t.is(pageRank(graph, { maxIterations: 3 }).iterations, 3);
  t.is(pageRank(graph).iterations, 10);
});

test("invalid options are rejected with the reason", (t) => {
  const { graph } = graphs.get("karate")!;
  t.throws(() => pageRank(graph, { dampingFactor: 1 }), { message: /dampingFactor must be between zero and one/ });
  t.throws(() => pageRank(graph, { maxIterations: 0 }), { message: /maxIterations must be a positive integer/ });
  t.throws(() => pageRank(graph, { convergenceThreshold: 0 }), { message: /convergenceThreshold must be greater than zero/ });
});

test("scores sum to 1 and are at least (1 - d)/n, on random multigraphs", async (t) => {
  await assertProperty(t, fc.property(randomEdges(), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (e, d) => {
    const { scores } = pageRank(csrOf(e), { dampingFactor: d, maxIterations: 15 });
    let sum = 0;
    for (const s of scores) sum += s;
    return Math.abs(sum - 1) < 1e-12 && scores.every((s) => s >= (1 - d) / e.vertexCount - 1e-15);
  }), { file: import.meta.url, numRuns: 200 });
});

test("the order of the input edges does not change the scores", async (t) => {
  await assertProperty(t, fc.property(randomEdges(), fc.array(fc.integer(), { minLength: 1 }), (e, keys) => {
    const a = pageRank(csrOf(e), { maxIterations: 20 }).scores;
    const b = pageRank(csrOf(permuted(e, keys)), { maxIterations: 20 }).scores;
    return a.every((s, v) => Math.abs(s - b[v]!) < 1e-13);
  }), { file: import.meta.url, numRuns: 200 });
});
