// PageRank with supersteps on the worker pool: networkx.pagerank's scores on the gelly-a fixtures (an oracle that owes
// nothing to Eddy), and the single-thread kernel's scores (up to the order of additions) and iteration counts, for any
// number of workers and vertex ranges.
import test from "ava";
import fc from "fast-check";
import { WorkerPool } from "../../../runtime/index.js";
import { rmatGraph } from "../../../gelly/generator/rmat-graph.js";
import { buildCsr } from "../../../gelly/graph/csr.js";
import { pageRank } from "../../../gelly/library/link-analysis/page-rank.js";
import { pageRankOnPool } from "../../../gelly/parallel/page-rank-on-pool.js";
import { balancedVertexRanges } from "../../../gelly/parallel/vertex-ranges.js";
import { assertProperty } from "../../helpers/property.js";
import { expected as oracle, fixtureGraphs } from "../library/a-fixtures.js";
import assert from "node:assert/strict";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

function maxDifference(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

const graph = (() => {
  const edges = rmatGraph({ vertexCount: 1 << 10, edgeCount: 1 << 14, seed: 7 });
  return buildCsr(edges.vertexCount, edges.sources, edges.targets);
})();

const fixtures = fixtureGraphs();

for (const [name, want] of Object.entries(oracle<{ dampingFactor: number; scores: number[] }>("page-rank"))) {
  test(`matches networkx.pagerank on ${name}, 2 workers, 3 ranges (|Δ| ≤ 1e-10)`, async (t) => {
    const { graph: g } = fixtures.get(name)!;
    const { scores, iterations } = await pageRankOnPool(g, { dampingFactor: want.dampingFactor, convergenceThreshold: 1e-13, maxIterations: 10_000, workers: 2, partitions: 3 });
    t.true(iterations < 10_000, "converged");
    t.is(scores.length, want.scores.length);
    t.true(maxDifference(scores, Float64Array.from(want.scores)) <= 1e-10, `largest difference ${maxDifference(scores, Float64Array.from(want.scores))}`);
  });
}

for (const workers of [1, 2]) {
  for (const partitions of [1, 3]) {
    test(`R-MAT scale 10 on ${workers} worker(s), ${partitions} range(s): 20 iterations as the kernel's`, async (t) => {
      const expected = pageRank(graph, { maxIterations: 20 });
      const actual = await pageRankOnPool(graph, { maxIterations: 20, workers, partitions });
      t.is(actual.iterations, 20);
      t.true(maxDifference(actual.scores, expected.scores) < 1e-12, `max difference ${maxDifference(actual.scores, expected.scores)}`);
    });
  }
}

test("the convergence threshold stops it after as many iterations as the kernel", async (t) => {
  const expected = pageRank(graph, { convergenceThreshold: 1e-9 });
  const actual = await pageRankOnPool(graph, { convergenceThreshold: 1e-9, workers: 2 });
  t.is(actual.iterations, expected.iterations);
  t.true(actual.iterations > 10 && actual.iterations < 200);
  t.true(maxDifference(actual.scores, expected.scores) < 1e-12);
});

test("random small graphs, with sinks and isolated vertices: the kernel's scores at 1-4 ranges", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(
      fc.integer({ min: 1, max: 30 }).chain((n) => fc.record({ n: fc.constant(n), edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }) })),
      fc.integer({ min: 1, max: 4 }),
      async ({ n, edges }, partitions) => {
        const g = buildCsr(n, Int32Array.from(edges, ([s]) => s), Int32Array.from(edges, ([, x]) => x));
        const expected = pageRank(g, { maxIterations: 7 });
        const actual = await pageRankOnPool(g, { maxIterations: 7, partitions, workers: 2 });
        assert.strictEqual(actual.iterations, 7);
        assert.ok(maxDifference(actual.scores, expected.scores) < 1e-12);
      },
    ),
    { numRuns: 15, file: import.meta.url },
  );
});

test("vertex ranges hold about the same number of edges and vertices", (t) => {
  const bounds = balancedVertexRanges(graph.inOffsets, graph.vertexCount, 4);
  t.is(bounds[0], 0);
  t.is(bounds[4], graph.vertexCount);
  const total = graph.edgeCount + graph.vertexCount;
  for (let p = 0; p < 4; p++) {
    const work = graph.inOffsets[bounds[p + 1]!]! - graph.inOffsets[bounds[p]!]! + (bounds[p + 1]! - bounds[p]!);
    // why the slack: a range ends at a vertex boundary, and one R-MAT hub holds ~1-2% of all edges
    t.true(Math.abs(work - total / 4) < total * 0.05, `range ${p}: ${work} of ${total}`);
  }
});
