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

/** Flink's scatter-gather ConnectedComponents simulated literally: workset, messages to all neighbours, min. */
function flinkSupersteps(e: RandomEdges, maxIterations: number): number[] {
  const value = Array.from({ length: e.vertexCount }, (_, v) => v);
  let workset = new Set<number>(value);
  for (let step = 1; step <= maxIterations && workset.size > 0; step++) {
    const inbox = new Map<number, number[]>();
    const send = (from: number, to: number): void => { if (workset.has(from)) inbox.set(to, [...(inbox.get(to) ?? []), value[from]!]); };
    e.sources.forEach((s, i) => { send(s, e.targets[i]!); send(e.targets[i]!, s); });
    const updated = new Map<number, number>();
    for (const [v, messages] of inbox) {
      const min = Math.min(value[v]!, ...messages);
      if (min !== value[v]) updated.set(v, min);
    }
    for (const [v, l] of updated) value[v] = l;
    workset = new Set(updated.keys());
  }
  return value;
}

test("with maxIterations, equals a literal simulation of Flink's supersteps; enough of them give the union-find labels", async (t) => {
  await assertProperty(t, fc.property(randomEdges(30, 50), fc.integer({ min: 1, max: 6 }), (e, k) => {
    const g = csrOf(e);
    const capped = connectedComponents(g, { maxIterations: k });
    const uncapped = connectedComponents(g, { maxIterations: e.vertexCount + 1 });
    const converged = connectedComponents(g);
    return flinkSupersteps(e, k).every((l, v) => capped[v] === l) && converged.every((l, v) => uncapped[v] === l);
  }), { file: import.meta.url, numRuns: 300 });
});

test("one superstep on the path 2 → 1 → 0 → 3 moves each label one hop", (t) => {
  const g = buildCsr(4, Int32Array.of(2, 1, 0), Int32Array.of(1, 0, 3));
  // superstep 1: every vertex hears its neighbours' ids: 0 ← {1, 3}, 1 ← {2, 0}, 2 ← {1}, 3 ← {0}
  t.deepEqual([...connectedComponents(g, { maxIterations: 1 })], [0, 0, 1, 0]);
  t.deepEqual([...connectedComponents(g, { maxIterations: 2 })], [0, 0, 0, 0]);
  t.throws(() => connectedComponents(g, { maxIterations: 0 }), { message: /maxIterations must be a positive integer/ });
});

test("direction is ignored: 2 → 1 → 0 and 3 → 4 give two components", (t) => {
  t.deepEqual([...connectedComponents(buildCsr(5, Int32Array.of(2, 1, 3), Int32Array.of(1, 0, 4)))], [0, 0, 0, 3, 3]);
});

test("a singleton-edge graph of p pairs has p components", (t) => {
  const e = singletonEdgeGraph(50);
  t.is(componentCount(connectedComponents(buildCsr(e.vertexCount, e.sources, e.targets))), 50);
});
