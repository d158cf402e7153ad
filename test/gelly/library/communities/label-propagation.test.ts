// LabelPropagation: hand-computed supersteps (including Flink's active-set rule and tie-breaks), and agreement with
// a literal scatter-gather simulation of Flink's code on random multigraphs. networkx has no identical algorithm
// (its label_propagation_communities is asynchronous and randomised), so there is no networkx fixture.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { labelPropagation } from "../../../../gelly/library/communities/label-propagation.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, permuted, randomEdges } from "../a-fixtures.js";
import { referenceLabelPropagation } from "./scatter-gather-reference.js";

const undirectedPath = buildCsr(3, Int32Array.of(0, 1, 1, 2), Int32Array.of(1, 0, 2, 1));

test("undirected path 0-1-2 by hand: ties go to the greater label, own label included", (t) => {
  // superstep 1: v0 hears {1} → max(0, 1) = 1; v1 hears {0, 2} → 2; v2 hears {1} → max(2, 1) = 2
  t.deepEqual([...labelPropagation(undirectedPath, { maxIterations: 1 }).labels], [1, 2, 2]);
  // superstep 2: v0 hears {2} → 2; v1 hears {1, 2} → 2; v2 hears {2} → 2; superstep 3 changes nothing and stops
  const done = labelPropagation(undirectedPath, { maxIterations: 50 });
  t.deepEqual([...done.labels], [2, 2, 2]);
  t.is(done.iterations, 3);
});

test("the most frequent label beats a greater one", (t) => {
  // v3 hears 0 twice (from 0 and 1, both labelled 0) and 2 once
  const g = buildCsr(4, Int32Array.of(0, 1, 2), Int32Array.of(3, 3, 3));
  t.deepEqual([...labelPropagation(g, { maxIterations: 1, initialLabels: Int32Array.of(0, 0, 2, 3) }).labels], [0, 0, 2, 0]);
});

test("a vertex without in-edges speaks only in the first superstep (Flink's workset)", (t) => {
  // 0 → 3, 1 → 3, 2 ↔ 3, labels [0, 0, 2, 3]. Superstep 1: v3 hears {0, 0, 2} → 0; v2 hears {3} → 3.
  // Superstep 2: only 2 and 3 are active; v3 hears {3} → max(0, 3) = 3 (a plain synchronous LPA would keep 0).
  const g = buildCsr(4, Int32Array.of(0, 1, 2, 3), Int32Array.of(3, 3, 3, 2));
  const initialLabels = Int32Array.of(0, 0, 2, 3);
  t.deepEqual([...labelPropagation(g, { maxIterations: 1, initialLabels }).labels], [0, 0, 3, 0]);
  t.deepEqual([...labelPropagation(g, { maxIterations: 10, initialLabels }).labels], [0, 0, 3, 3]);
});

test("agrees with a literal simulation of Flink's scatter-gather code, whatever the edge order", async (t) => {
  const arb = randomEdges(20, 60).chain((e) => fc.tuple(fc.constant(e), fc.array(fc.integer({ min: 0, max: e.vertexCount - 1 }), { minLength: e.vertexCount, maxLength: e.vertexCount }), fc.integer({ min: 1, max: 8 }), fc.array(fc.integer(), { minLength: 1 })));
  await assertProperty(t, fc.property(arb, ([e, initial, iterations, keys]) => {
    const want = referenceLabelPropagation(e, initial, iterations);
    const got = labelPropagation(csrOf(e), { maxIterations: iterations, initialLabels: Int32Array.from(initial) }).labels;
    const again = labelPropagation(csrOf(permuted(e, keys)), { maxIterations: iterations, initialLabels: Int32Array.from(initial) }).labels;
    return want.every((l, v) => got[v] === l && again[v] === l);
  }), { file: import.meta.url, numRuns: 300 });
});

test("bad options are rejected with the reason", (t) => {
  t.throws(() => labelPropagation(undirectedPath, { maxIterations: 0 }), { message: /maxIterations must be a positive integer/ });
  t.throws(() => labelPropagation(undirectedPath, { maxIterations: 1, initialLabels: Int32Array.of(0, 1) }), { message: /2 initial labels for 3 vertices/ });
  t.throws(() => labelPropagation(undirectedPath, { maxIterations: 1, initialLabels: Int32Array.of(0, 1, 7) }), { message: /encode labels by rank/ });
});
