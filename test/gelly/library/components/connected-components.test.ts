// Connected components against networkx (weakly_)connected_components with Flink's minimum-id labels, and
// properties: a partition closed under edges whose labels are the minima, independent of edge order, equal to a
// breadth-first search on random multigraphs.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { componentCount, connectedComponents } from "../../../../gelly/library/components/connected-components.js";
import { singletonEdgeGraph } from "../../../../gelly/generator/singleton-edge-graph.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, permuted, randomEdges, type RandomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ componentCount: number; labels: number[] }>("connected-components");

for (const [name, want] of Object.entries(oracle)) {
  test(`matches networkx on ${name} (${want.componentCount} components)`, (t) => {
    const labels = connectedComponents(graphs.get(name)!.graph);
    t.deepEqual([...labels], want.labels);
    t.is(componentCount(labels), want.componentCount);
  });
}

/** Brute force: breadth-first search over both edge directions from each unlabelled vertex in ascending order. */
function bfsLabels(e: RandomEdges): number[] {
  const adj: number[][] = Array.from({ length: e.vertexCount }, () => []);
  e.sources.forEach((s, i) => { adj[s]!.push(e.targets[i]!); adj[e.targets[i]!]!.push(s); });
  const label = new Array<number>(e.vertexCount).fill(-1);
  for (let root = 0; root < e.vertexCount; root++) {
    if (label[root] !== -1) continue;
    const queue = [root];
    label[root] = root;
    while (queue.length > 0) for (const w of adj[queue.shift()!]!) if (label[w] === -1) { label[w] = root; queue.push(w); }
  }
  return label;
}

test("equals a breadth-first labelling, and does not depend on edge order", async (t) => {
  await assertProperty(t, fc.property(randomEdges(40, 60), fc.array(fc.integer(), { minLength: 1 }), (e, keys) => {
    const got = [...connectedComponents(csrOf(e))];
    const again = [...connectedComponents(csrOf(permuted(e, keys)))];
    const want = bfsLabels(e);
    // closed under edges, and each label is a member of its component no larger than any member
    const closed = e.sources.every((s, i) => got[s] === got[e.targets[i]!]);
    const minimal = got.every((l, v) => l <= v && got[l] === l);
    return closed && minimal && got.every((l, v) => l === want[v]) && again.every((l, v) => l === want[v]);
  }), { file: import.meta.url, numRuns: 300 });
});

test("direction is ignored: 2 → 1 → 0 and 3 → 4 give two components", (t) => {
  t.deepEqual([...connectedComponents(buildCsr(5, Int32Array.of(2, 1, 3), Int32Array.of(1, 0, 4)))], [0, 0, 0, 3, 3]);
});

test("a singleton-edge graph of p pairs has p components", (t) => {
  const e = singletonEdgeGraph(50);
  t.is(componentCount(connectedComponents(buildCsr(e.vertexCount, e.sources, e.targets))), 50);
});
