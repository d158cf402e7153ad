// HITS against networkx.hits (converted from networkx's sum normalisation to Flink's L2 norm), a hand-computed
// star, and properties: unit L2 norms, edge order does not matter.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { hits } from "../../../../gelly/library/link-analysis/hits.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, permuted, randomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ hub: number[]; authority: number[] }>("hits");

/** networkx scales by the sum; Flink by the L2 norm: rescale networkx's vector to unit length. */
function toUnitLength(xs: readonly number[]): number[] {
  const norm = Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
  return xs.map((x) => x / norm);
}

for (const [name, want] of Object.entries(oracle)) {
  test(`matches networkx on ${name} after rescaling to unit L2 norm (|Δ| ≤ 1e-8)`, (t) => {
    const { graph } = graphs.get(name)!;
    const got = hits(graph, { convergenceThreshold: 1e-13, maxIterations: 100_000 });
    const hub = toUnitLength(want.hub);
    const authority = toUnitLength(want.authority);
    let worst = 0;
    for (let v = 0; v < graph.vertexCount; v++) worst = Math.max(worst, Math.abs(got.hub[v]! - hub[v]!), Math.abs(got.authority[v]! - authority[v]!));
    t.true(worst <= 1e-8, `largest difference ${worst} after ${got.iterations} iterations`);
  });
}

test("a directed star 0 → 1, 0 → 2 by hand: 0 is the only hub, 1 and 2 share the authority", (t) => {
  const { hub, authority } = hits(buildCsr(3, Int32Array.of(0, 0), Int32Array.of(1, 2)), { maxIterations: 5 });
  t.deepEqual([...hub], [1, 0, 0]);
  t.true(Math.abs(authority[1]! - Math.SQRT1_2) < 1e-15 && Math.abs(authority[2]! - Math.SQRT1_2) < 1e-15 && authority[0] === 0);
});

test("a threshold alone runs at least two iterations (the first change is not measured, as Flink)", (t) => {
  const { graph } = fixtureGraphs().get("karate")!;
  t.is(hits(graph, { convergenceThreshold: 1e9 }).iterations, 2);
  t.is(hits(graph).iterations, 10);
});

test("hub and authority have unit L2 norm whenever there are edges; edge order does not matter", async (t) => {
  await assertProperty(t, fc.property(randomEdges(), fc.array(fc.integer(), { minLength: 1 }), (e, keys) => {
    const a = hits(csrOf(e), { maxIterations: 8 });
    const b = hits(csrOf(permuted(e, keys)), { maxIterations: 8 });
    const norm = (xs: Float64Array): number => Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
    const unit = e.sources.length === 0 ? norm(a.hub) === 0 : Math.abs(norm(a.hub) - 1) < 1e-12 && Math.abs(norm(a.authority) - 1) < 1e-12;
    return unit && a.hub.every((h, v) => Math.abs(h - b.hub[v]!) < 1e-12) && a.authority.every((x, v) => Math.abs(x - b.authority[v]!) < 1e-12);
  }), { file: import.meta.url, numRuns: 200 });
});
