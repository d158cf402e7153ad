// The building blocks (degree annotations, Simplify, MaximumDegree) and Summarization through graph.run, by hand on
// small graphs with string keys, and the Graph-valued results' vertices and edges against brute force.
import test from "ava";
import fc from "fast-check";
import { Graph } from "../../../gelly/graph.js";
import {
  DirectedSimplify, EdgeDegreePair, EdgeDegreesPair, EdgeSourceDegree, EdgeSourceDegrees, EdgeTargetDegree, EdgeTargetDegrees, MaximumDegree,
  Summarization, UndirectedSimplify, VertexDegree, VertexDegrees, undirected,
} from "../../../gelly/index.js";
import { assertProperty } from "../../helpers/property.js";

const e = (source: string, target: string, value: number) => ({ source, target, value });
// a ⇄ b, a → c twice, d alone
const small = Graph.fromCollection(["a", "b", "c", "d"].map((id) => ({ id, value: id })), [e("a", "b", 1), e("b", "a", 2), e("a", "c", 3), e("a", "c", 4)]);

test("VertexDegrees counts distinct neighbours (Flink's Degrees); zero-degree vertices only when asked", async (t) => {
  const rows = await small.run(new VertexDegrees()).collect();
  t.deepEqual(rows, [
    { id: "a", value: { degree: 2, outDegree: 2, inDegree: 1 } },
    { id: "b", value: { degree: 1, outDegree: 1, inDegree: 1 } },
    { id: "c", value: { degree: 1, outDegree: 0, inDegree: 1 } },
  ]);
  t.deepEqual((await small.run(new VertexDegrees().setIncludeZeroDegreeVertices(true)).collect()).at(-1), { id: "d", value: { degree: 0, outDegree: 0, inDegree: 0 } });
});

test("VertexDegree on an undirected graph, and the edge annotations carry both ends' degrees per edge, ordered by source", async (t) => {
  const u = small.run(new UndirectedSimplify());
  t.deepEqual(await u.run(new VertexDegree()).collect(), [{ id: "a", value: 2 }, { id: "b", value: 1 }, { id: "c", value: 1 }]);
  t.deepEqual(await u.run(new undirected.VertexDegree().setIncludeZeroDegreeVertices(true)).collect().then((r) => r.length), 4);
  const pair = await u.run(new EdgeDegreePair()).collect();
  t.deepEqual(pair.map((x) => `${x.source}${x.target}:${x.value.sourceDegrees}/${x.value.targetDegrees}`), ["ab:2/1", "ac:2/1", "ba:1/2", "ca:1/2"]);
  t.deepEqual((await u.run(new EdgeSourceDegree()).collect())[0]!.value, { edgeValue: 1, sourceDegrees: 2 });
  t.deepEqual((await u.run(new EdgeTargetDegree()).collect())[0]!.value, { edgeValue: 1, targetDegrees: 1 });
  const directedPairs = await small.run(new EdgeDegreesPair()).collect();
  t.deepEqual(directedPairs.map((x) => `${x.source}${x.target}:${x.value.edgeValue}`), ["ab:1", "ac:3", "ac:4", "ba:2"]);
  t.deepEqual(directedPairs[3]!.value.targetDegrees, { degree: 2, outDegree: 2, inDegree: 1 });
  t.deepEqual((await small.run(new EdgeSourceDegrees()).collect())[0]!.value.sourceDegrees, { degree: 2, outDegree: 2, inDegree: 1 });
  t.deepEqual((await small.run(new EdgeTargetDegrees()).collect())[1]!.value.targetDegrees, { degree: 1, outDegree: 0, inDegree: 1 });
});

test("Simplify drops loops and duplicates and keeps every vertex; the undirected one adds missing reverse edges", async (t) => {
  const withLoop = small.addEdge({ id: "c", value: "c" }, { id: "c", value: "c" }, 9);
  const directed = withLoop.run(new DirectedSimplify());
  t.deepEqual(await directed.getEdges().collect(), [e("a", "b", 1), e("a", "c", 3), e("b", "a", 2)]);
  t.is(directed.numberOfVertices(), 4);
  const two = withLoop.run(new UndirectedSimplify());
  t.deepEqual(await two.getEdges().collect(), [e("a", "b", 1), e("a", "c", 3), e("b", "a", 2), e("c", "a", 3)]);
});

test("MaximumDegree removes the vertices of higher degree and their edges", async (t) => {
  // the star x – {p, q, r} plus the edge p – q: x has degree 3, p and q 2, r 1
  const star = Graph.fromEdges([e("x", "p", 1), e("x", "q", 2), e("x", "r", 3), e("p", "q", 4)]).getUndirected();
  const capped = star.run(new MaximumDegree(2));
  t.deepEqual(await capped.getVertexIds().collect(), ["p", "q", "r"]);
  t.deepEqual(await capped.getEdges().collect(), [e("p", "q", 4), e("q", "p", 4)]);
  t.is(star.run(new MaximumDegree(3)).numberOfEdges(), 8);
});

test("Summarization groups vertices by value and edges by (groups, value), counting both (Flink's SummarizationITCase shape)", async (t) => {
  const colours = Graph.fromCollection([{ id: "a", value: "red" }, { id: "b", value: "red" }, { id: "c", value: "blue" }], [
    { source: "a", target: "b", value: "x" }, { source: "a", target: "c", value: "x" }, { source: "b", target: "c", value: "x" }, { source: "c", target: "a", value: "y" },
  ]);
  const summary = colours.run(new Summarization());
  t.deepEqual(await summary.getVertices().collect(), [
    { id: "a", value: { vertexGroupValue: "red", vertexGroupCount: 2 } },
    { id: "c", value: { vertexGroupValue: "blue", vertexGroupCount: 1 } },
  ]);
  t.deepEqual(await summary.getEdges().collect(), [
    { source: "a", target: "a", value: { edgeGroupValue: "x", edgeGroupCount: 1 } },
    { source: "a", target: "c", value: { edgeGroupValue: "x", edgeGroupCount: 2 } },
    { source: "c", target: "a", value: { edgeGroupValue: "y", edgeGroupCount: 1 } },
  ]);
});

test("Summarization's counts add up to the graph's, and every edge is in the group of its endpoints' values", async (t) => {
  const arb = fc.integer({ min: 1, max: 10 }).chain((n) => fc.record({
    values: fc.array(fc.constantFrom("r", "g", "b"), { minLength: n, maxLength: n }),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(1, 2)), { maxLength: 25 }),
  }));
  await assertProperty(t, fc.asyncProperty(arb, async ({ values, edges }) => {
    const g = Graph.fromCollection(values.map((value, id) => ({ id: `v${id}`, value })), edges.map(([s, d, value]) => ({ source: `v${s}`, target: `v${d}`, value })));
    const summary = g.run(new Summarization());
    const vertices = await summary.getVertices().collect();
    const valueOf = new Map(vertices.map((v) => [v.id, v.value.vertexGroupValue]));
    const summaryEdges = await summary.getEdges().collect();
    const expected = new Map<string, number>();
    for (const [s, d, value] of edges) expected.set(`${values[s]}>${values[d]}:${value}`, (expected.get(`${values[s]}>${values[d]}:${value}`) ?? 0) + 1);
    const got = new Map(summaryEdges.map((x) => [`${valueOf.get(x.source)}>${valueOf.get(x.target)}:${x.value.edgeGroupValue}`, x.value.edgeGroupCount]));
    return vertices.reduce((s, v) => s + v.value.vertexGroupCount, 0) === values.length
      && vertices.length === new Set(values).size
      && got.size === expected.size && [...expected].every(([k, n]) => got.get(k) === n);
  }), { file: import.meta.url, numRuns: 200 });
});
