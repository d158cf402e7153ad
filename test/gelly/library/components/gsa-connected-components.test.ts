// GSAConnectedComponents and the scatter-gather ConnectedComponents, both written on the iteration models, against
// the networkx fixtures and the union-find kernel (converged), against the kernel's literal superstep mode (capped),
// for every partition count.
import test from "ava";
import fc from "fast-check";
import { connectedComponents } from "../../../../gelly/library/components/connected-components.js";
import { gsaConnectedComponents } from "../../../../gelly/library/components/gsa-connected-components.js";
import { scatterGatherConnectedComponents } from "../../../../gelly/iteration/library/scatter-gather-connected-components.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, randomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ componentCount: number; labels: number[] }>("connected-components");
const variants = [["GSA", gsaConnectedComponents], ["scatter-gather", scatterGatherConnectedComponents]] as const;

for (const [name, want] of Object.entries(oracle)) {
  for (const [model, run] of variants) {
    test(`${model} components match networkx on ${name}`, (t) => {
      const { labels, supersteps } = run(graphs.get(name)!.graph, { parallelism: 3 });
      t.deepEqual(labels, want.labels);
      t.true(supersteps <= graphs.get(name)!.graph.vertexCount + 1);
    });
  }
}

for (const [model, run] of variants) {
  test(`${model} components equal the kernel, converged and capped, for every partition count`, async (t) => {
    await assertProperty(t, fc.property(randomEdges(30, 50), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (e, cap, P) => {
      const g = csrOf(e);
      const converged = run(g, { parallelism: P }).labels;
      const capped = run(g, { parallelism: P, maxIterations: cap }).labels;
      const wantConverged = connectedComponents(g);
      const wantCapped = connectedComponents(g, { maxIterations: cap });
      return converged.every((l, v) => l === wantConverged[v]) && capped.every((l, v) => l === wantCapped[v]);
    }), { file: import.meta.url, numRuns: 300 });
  });
}

test("initial labels are Flink's vertex values: the smallest label of each component wins", (t) => {
  const g = csrOf({ vertexCount: 4, sources: [0, 2], targets: [1, 3] });
  for (const [, run] of variants) t.deepEqual(run(g, { initialLabels: [7, 5, 1, 9] }).labels, [5, 5, 1, 1]);
});
