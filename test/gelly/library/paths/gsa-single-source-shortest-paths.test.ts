// GSASingleSourceShortestPaths and the scatter-gather SingleSourceShortestPaths, both written on the iteration models,
// against the networkx fixtures, the Dijkstra kernel (converged, non-negative integer lengths: exact), and the
// kernel's literal superstep mode (capped, negative lengths allowed), for every partition count.
import test from "ava";
import fc from "fast-check";
import { singleSourceShortestPaths } from "../../../../gelly/library/paths/single-source-shortest-paths.js";
import { gsaSingleSourceShortestPaths } from "../../../../gelly/library/paths/gsa-single-source-shortest-paths.js";
import { scatterGatherSingleSourceShortestPaths } from "../../../../gelly/iteration/library/scatter-gather-single-source-shortest-paths.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, randomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ source: number; distances: (number | null)[] }>("single-source-shortest-paths");
const variants = [["GSA", gsaSingleSourceShortestPaths], ["scatter-gather", scatterGatherSingleSourceShortestPaths]] as const;

for (const [name, want] of Object.entries(oracle)) {
  for (const [model, run] of variants) {
    test(`${model} shortest paths match networkx on ${name} (null = Infinity; |Δ| ≤ 1e-9)`, (t) => {
      const { graph, weights } = graphs.get(name)!;
      const { distances } = run(graph, want.source, weights, { parallelism: 2 });
      let mismatches = 0;
      for (let v = 0; v < graph.vertexCount; v++) {
        const w = want.distances[v];
        if (w === null || w === undefined ? distances[v] !== Number.POSITIVE_INFINITY : !(Math.abs(distances[v]! - w) <= 1e-9)) mismatches++;
      }
      t.is(mismatches, 0);
    });
  }
}

for (const [model, run] of variants) {
  test(`${model} shortest paths equal the kernel, converged and capped, for every partition count`, async (t) => {
    const arb = randomEdges(25, 80).chain((e) => fc.tuple(
      fc.constant(e),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: e.sources.length, maxLength: e.sources.length }),
      fc.integer({ min: 0, max: e.vertexCount - 1 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: -5, max: 0 }),
    ));
    await assertProperty(t, fc.property(arb, ([e, lengths, source, cap, P, shift]) => {
      const g = csrOf(e);
      const weights = Float64Array.from(lengths);
      const converged = run(g, source, weights, { parallelism: P }).distances;
      const want = singleSourceShortestPaths(g, source, weights);
      // capped, lengths may be negative (the cap bounds the work): shift them down
      const shifted = weights.map((w) => w + shift);
      const capped = run(g, source, shifted, { parallelism: P, maxIterations: cap }).distances;
      const wantCapped = singleSourceShortestPaths(g, source, shifted, { maxIterations: cap });
      return converged.every((d, v) => d === want[v]) && capped.every((d, v) => d === wantCapped[v]);
    }), { file: import.meta.url, numRuns: 300 });
  });
}

test("a source that is not a vertex is rejected", (t) => {
  const g = csrOf({ vertexCount: 2, sources: [0], targets: [1] });
  for (const [, run] of variants) t.throws(() => run(g, 2, [1]), { instanceOf: RangeError, message: /source 2 is not a vertex/ });
});
