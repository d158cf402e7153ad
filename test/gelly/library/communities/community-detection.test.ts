// CommunityDetection: hand-computed supersteps with hop attenuation, agreement with a literal simulation of Flink's
// scatter-gather code, and labels never crossing components. networkx has no identical algorithm (Leung et al.'s
// scored propagation is not in networkx), so there is no networkx fixture.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { communityDetection } from "../../../../gelly/library/communities/community-detection.js";
import { connectedComponents } from "../../../../gelly/library/components/connected-components.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, randomEdges } from "../a-fixtures.js";
import { referenceCommunityDetection } from "./scatter-gather-reference.js";

// the path 0 - 1 - 2 given once per edge: the kernel treats it as undirected, as Flink's getUndirected
const path = buildCsr(3, Int32Array.of(0, 1), Int32Array.of(1, 2));
const unit = Float64Array.of(1, 1);

test("path 0-1-2 by hand, delta 0.5: labels swap and scores decay by delta / superstep", (t) => {
  // superstep 1: v0 hears (1, 1) → label 1, score 1 - 0.5 = 0.5; v1 hears (0, 1), (2, 1): tie → smaller label 0,
  // score 0.5; v2 → label 1, score 0.5
  let r = communityDetection(path, unit, { maxIterations: 1 });
  t.deepEqual([...r.labels], [1, 0, 1]);
  t.deepEqual([...r.scores], [0.5, 0.5, 0.5]);
  // superstep 2: v0 hears (0, 0.5) → 0, 0.5 - 0.25; v1 hears (1, 0.5) twice → sum 1, highest 0.5 → 0.25; v2 → 0
  r = communityDetection(path, unit, { maxIterations: 2 });
  t.deepEqual([...r.labels], [0, 1, 0]);
  t.deepEqual([...r.scores], [0.25, 0.25, 0.25]);
  // superstep 3: everyone switches again, 0.25 - 0.5 / 3 = 1 / 12
  r = communityDetection(path, unit, { maxIterations: 3 });
  t.deepEqual([...r.labels], [1, 0, 1]);
  t.true(r.scores.every((s) => Math.abs(s - 1 / 12) < 1e-15));
});

test("edge values weigh the vote: a heavy edge wins over two light ones", (t) => {
  // v0 hears label 1 with 5 (edge 1 – 0, value 5) and labels 2, 3 with 1 each
  const g = buildCsr(4, Int32Array.of(1, 2, 3), Int32Array.of(0, 0, 0));
  const r = communityDetection(g, Float64Array.of(5, 1, 1), { maxIterations: 1, delta: 0.5 });
  t.is(r.labels[0], 1);
  t.is(r.scores[0], 4.5);
});

test("agrees with a literal simulation of Flink's scatter-gather code on random weighted multigraphs", async (t) => {
  const arb = randomEdges(15, 40).chain((e) => fc.tuple(
    fc.constant(e),
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: e.sources.length, maxLength: e.sources.length }),
    fc.array(fc.integer({ min: 0, max: e.vertexCount - 1 }), { minLength: e.vertexCount, maxLength: e.vertexCount }),
    fc.integer({ min: 1, max: 6 }),
  ));
  await assertProperty(t, fc.property(arb, ([e, w, initial, iterations]) => {
    // why delta = 60/64: delta / k is a short binary fraction for k ≤ 6, so with integer weights every score and sum
    // is exact in floating point and the order messages are summed in cannot flip a tie
    const delta = 60 / 64;
    const want = referenceCommunityDetection(e, w, initial, iterations, delta);
    const got = communityDetection(csrOf(e), Float64Array.from(w), { maxIterations: iterations, delta, initialLabels: Int32Array.from(initial) });
    return want.labels.every((l, v) => got.labels[v] === l) && want.scores.every((s, v) => got.scores[v] === s);
  }), { file: import.meta.url, numRuns: 300 });
});

test("labels never cross components: every final label started in the same component", async (t) => {
  await assertProperty(t, fc.property(randomEdges(30, 40), fc.integer({ min: 1, max: 10 }), (e, iterations) => {
    const g = csrOf(e);
    const component = connectedComponents(g);
    const { labels } = communityDetection(g, new Float64Array(g.edgeCount).fill(1), { maxIterations: iterations });
    // with the default labels (vertex ids), a label is the id of the vertex it came from
    return labels.every((l, v) => component[l] === component[v]);
  }), { file: import.meta.url, numRuns: 200 });
});

test("bad options are rejected with the reason", (t) => {
  t.throws(() => communityDetection(path, Float64Array.of(1), { maxIterations: 1 }), { message: /1 weights for 2 edges/ });
  t.throws(() => communityDetection(path, unit, { maxIterations: 1.5 }), { message: /maxIterations must be a positive integer/ });
  t.throws(() => communityDetection(path, unit, { maxIterations: 1, delta: Number.NaN }), { message: /delta must be a finite number/ });
});
