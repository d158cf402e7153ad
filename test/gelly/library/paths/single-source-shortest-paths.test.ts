// SSSP against networkx.single_source_dijkstra_path_length, a brute-force Bellman-Ford on random weighted
// multigraphs, and the argument checks.
import test from "ava";
import fc from "fast-check";
import { buildCsr } from "../../../../gelly/graph/csr.js";
import { singleSourceShortestPaths } from "../../../../gelly/library/paths/single-source-shortest-paths.js";
import { assertProperty } from "../../../helpers/property.js";
import { csrOf, expected, fixtureGraphs, randomEdges } from "../a-fixtures.js";

const graphs = fixtureGraphs();
const oracle = expected<{ source: number; distances: (number | null)[] }>("single-source-shortest-paths");

for (const [name, want] of Object.entries(oracle)) {
  test(`matches networkx on ${name} (null there = unreachable = Infinity here; |Δ| ≤ 1e-9)`, (t) => {
    const { graph, weights } = graphs.get(name)!;
    const got = singleSourceShortestPaths(graph, want.source, weights);
    let mismatches = 0;
    for (let v = 0; v < graph.vertexCount; v++) {
      const w = want.distances[v];
      if (w === null || w === undefined ? got[v] !== Number.POSITIVE_INFINITY : !(Math.abs(got[v]! - w) <= 1e-9)) mismatches++;
    }
    t.is(mismatches, 0);
  });
}

/** Brute force: Bellman-Ford, n - 1 rounds over every edge. */
function bellmanFord(n: number, sources: number[], targets: number[], weights: number[], source: number): number[] {
  const d = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  d[source] = 0;
  for (let round = 0; round < n; round++) {
    for (let i = 0; i < sources.length; i++) if (d[sources[i]!]! + weights[i]! < d[targets[i]!]!) d[targets[i]!] = d[sources[i]!]! + weights[i]!;
  }
  return d;
}

test("equals Bellman-Ford on random weighted multigraphs (integer weights, so exact)", async (t) => {
  const arb = randomEdges(25, 100).chain((e) => fc.tuple(fc.constant(e), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: e.sources.length, maxLength: e.sources.length }), fc.integer({ min: 0, max: e.vertexCount - 1 })));
  await assertProperty(t, fc.property(arb, ([e, w, s]) => {
    const got = singleSourceShortestPaths(csrOf(e), s, Float64Array.from(w));
    const want = bellmanFord(e.vertexCount, e.sources, e.targets, w, s);
    return want.every((d, v) => d === got[v]);
  }), { file: import.meta.url, numRuns: 300 });
});

/** Flink's scatter-gather SSSP simulated literally: workset, messages, min, update when smaller. */
function flinkSupersteps(n: number, sources: number[], targets: number[], weights: number[], source: number, maxIterations: number): number[] {
  const value = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  value[source] = 0;
  let workset = new Set<number>(value.map((_, v) => v));
  for (let step = 1; step <= maxIterations && workset.size > 0; step++) {
    const inbox = new Map<number, number[]>();
    sources.forEach((s, i) => {
      if (workset.has(s) && value[s]! < Number.POSITIVE_INFINITY) inbox.set(targets[i]!, [...(inbox.get(targets[i]!) ?? []), value[s]! + weights[i]!]);
    });
    const updated = new Map<number, number>();
    for (const [v, messages] of inbox) {
      const min = Math.min(...messages);
      if (value[v]! > min) updated.set(v, min);
    }
    for (const [v, d] of updated) value[v] = d;
    workset = new Set(updated.keys());
  }
  return value;
}

test("with maxIterations, equals a literal simulation of Flink's supersteps (negative lengths allowed)", async (t) => {
  const arb = randomEdges(20, 60).chain((e) => fc.tuple(fc.constant(e), fc.array(fc.integer({ min: -3, max: 10 }), { minLength: e.sources.length, maxLength: e.sources.length }), fc.integer({ min: 0, max: e.vertexCount - 1 }), fc.integer({ min: 1, max: 8 })));
  await assertProperty(t, fc.property(arb, ([e, w, s, k]) => {
    const got = singleSourceShortestPaths(csrOf(e), s, Float64Array.from(w), { maxIterations: k });
    const want = flinkSupersteps(e.vertexCount, e.sources, e.targets, w, s, k);
    return want.every((d, v) => d === got[v]);
  }), { file: import.meta.url, numRuns: 300 });
});

test("with enough supersteps, the capped run reaches Dijkstra's answer; with one, only direct neighbours", (t) => {
  const { graph, weights } = graphs.get("les-miserables")!;
  t.deepEqual([...singleSourceShortestPaths(graph, 0, weights, { maxIterations: graph.vertexCount })], [...singleSourceShortestPaths(graph, 0, weights)]);
  // a path 0 → 1 → 2: one superstep reaches 1 only
  const path = buildCsr(3, Int32Array.of(0, 1), Int32Array.of(1, 2));
  t.deepEqual([...singleSourceShortestPaths(path, 0, Float64Array.of(1, 1), { maxIterations: 1 })], [0, 1, Number.POSITIVE_INFINITY]);
  t.throws(() => singleSourceShortestPaths(path, 0, Float64Array.of(1, 1), { maxIterations: 0 }), { message: /maxIterations must be a positive integer/ });
});

test("a zero-length edge and a longer direct edge: the detour wins", (t) => {
  // 0 → 1 (5), 0 → 2 (1), 2 → 1 (0), 3 unreachable
  const g = buildCsr(4, Int32Array.of(0, 0, 2), Int32Array.of(1, 2, 1));
  t.deepEqual([...singleSourceShortestPaths(g, 0, Float64Array.of(5, 1, 0))], [0, 1, 1, Number.POSITIVE_INFINITY]);
});

test("bad arguments are rejected with the reason", (t) => {
  const g = buildCsr(2, Int32Array.of(0), Int32Array.of(1));
  t.throws(() => singleSourceShortestPaths(g, 2, Float64Array.of(1)), { message: /source 2 is not a vertex/ });
  t.throws(() => singleSourceShortestPaths(g, 0, Float64Array.of()), { message: /0 weights for 1 edges/ });
  t.throws(() => singleSourceShortestPaths(g, 0, Float64Array.of(-1)), { message: /non-negative/ });
  t.throws(() => singleSourceShortestPaths(g, 0, Float64Array.of(Number.NaN)), { message: /non-negative/ });
});
