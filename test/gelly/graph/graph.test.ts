// The Graph API on Flink's long test graph: properties, transformations, mutations, set operations, neighbourhood
// methods and validation, against the expected outputs of Flink's ITCases (named in each test) or hand computation.
import test from "ava";
import { Graph } from "../../../gelly/graph.js";
import { EdgeDirection, type Edge, type Vertex } from "../../../gelly/graph/records.js";
import { InvalidVertexIdsValidator } from "../../../gelly/graph/validator.js";
import { starGraph } from "../../../gelly/generator/star-graph.js";
import { PageRank } from "../../../gelly/library/link-analysis/page-rank-algorithm.js";
import { lines, longEdges, longGraph, longVertices } from "./flink-test-graphs.js";

const edgeLines = async <VV, EV>(g: Graph<number, VV, EV>): Promise<string[]> => lines((await g.getEdges().collect()).map((e) => [e.source, e.target, e.value]));
const vertexLines = async <VV, EV>(g: Graph<number, VV, EV>): Promise<string[]> => lines((await g.getVertices().collect()).map((v) => [v.id, v.value]));

test("properties: counts, ids, degrees (Flink DegreesITCase), triplets (GraphOperationsITCase.testGetTriplets)", async (t) => {
  const g = longGraph();
  t.is(g.numberOfVertices(), 5);
  t.is(g.numberOfEdges(), 7);
  t.deepEqual(await g.getVertexIds().collect(), [1, 2, 3, 4, 5]);
  t.deepEqual(lines(await g.getEdgeIds().collect()), ["1,2", "1,3", "2,3", "3,4", "3,5", "4,5", "5,1"]);
  t.deepEqual(lines(await g.outDegrees().collect()), ["1,2", "2,1", "3,2", "4,1", "5,1"]);
  t.deepEqual(lines(await g.inDegrees().collect()), ["1,1", "2,1", "3,2", "4,1", "5,2"]);
  t.deepEqual(lines(await g.getDegrees().collect()), ["1,3", "2,2", "3,4", "4,2", "5,3"]);
  const triplets = await g.getTriplets().collect();
  t.deepEqual(lines(triplets.map((x) => [x.source, x.target, x.sourceValue, x.targetValue, x.edgeValue])), ["1,2,1,2,12", "1,3,1,3,13", "2,3,2,3,23", "3,4,3,4,34", "3,5,3,5,35", "4,5,4,5,45", "5,1,5,1,51"]);
});

test("degrees count parallel edges and isolated vertices get 0; a self-loop counts twice in getDegrees", async (t) => {
  const g = Graph.fromCollection([{ id: "a", value: 0 }, { id: "b", value: 0 }, { id: "c", value: 0 }], [
    { source: "a", target: "b", value: 0 }, { source: "a", target: "b", value: 0 }, { source: "b", target: "b", value: 0 },
  ]);
  t.deepEqual(await g.outDegrees().collect(), [["a", 2], ["b", 1], ["c", 0]]);
  t.deepEqual(await g.inDegrees().collect(), [["a", 0], ["b", 3], ["c", 0]]);
  t.deepEqual(await g.getDegrees().collect(), [["a", 2], ["b", 4], ["c", 0]]);
});

test("mapVertices, mapEdges and translate* (Flink MapVerticesITCase, MapEdgesITCase, TranslateTest)", async (t) => {
  const g = longGraph();
  t.deepEqual(await vertexLines(g.mapVertices((v) => v.value + 1)), ["1,2", "2,3", "3,4", "4,5", "5,6"]);
  t.deepEqual(await edgeLines(g.mapEdges((e) => e.value + 1)), ["1,2,13", "1,3,14", "2,3,24", "3,4,35", "3,5,36", "4,5,46", "5,1,52"]);
  const translated = g.translateGraphIds((id) => `v${id}`).translateVertexValues((v) => v * 10).translateEdgeValues((v) => String(v));
  t.deepEqual(await translated.getVertices().collect(), [1, 2, 3, 4, 5].map((i) => ({ id: `v${i}`, value: i * 10 })));
  t.deepEqual((await translated.getEdges().collect())[6], { source: "v5", target: "v1", value: "51" });
  t.throws(() => g.translateGraphIds(() => "same"), { message: /vertex id same appears twice/ });
});

test("filterOnVertices, filterOnEdges, subgraph (Flink GraphOperationsITCase.testSubGraph, testFilterVertices, testFilterEdges)", async (t) => {
  const g = longGraph();
  // testSubGraph: vertices with value > 2, edges with value > 34
  t.deepEqual(await edgeLines(g.subgraph((v) => v.value > 2, (e) => e.value > 34)), ["3,5,35", "4,5,45"]);
  // testFilterVertices: value > 2
  t.deepEqual(await edgeLines(g.filterOnVertices((v) => v.value > 2)), ["3,4,34", "3,5,35", "4,5,45"]);
  // testFilterEdges: value > 34 keeps every vertex
  const filtered = g.filterOnEdges((e) => e.value > 34);
  t.deepEqual(await edgeLines(filtered), ["3,5,35", "4,5,45", "5,1,51"]);
  t.is(filtered.numberOfVertices(), 5);
});

test("joinWithVertices, joinWithEdges, joinWithEdgesOnSource/Target (Flink JoinWithVerticesITCase, JoinWithEdgesITCase)", async (t) => {
  const g = longGraph();
  // testJoinWithVertexSet: every vertex joined with its own value, summed
  t.deepEqual(await vertexLines(g.joinWithVertices(longVertices.map((v) => [v.id, v.value] as const), (a, b) => a + b)), ["1,2", "2,4", "3,6", "4,8", "5,10"]);
  // only matching ids change; of two rows for an id the first counts
  t.deepEqual(await vertexLines(g.joinWithVertices([[3, 100], [3, 7], [9, 1]], (a, b) => a * b)), ["1,1", "2,2", "3,300", "4,4", "5,5"]);
  // testWithEdgesInputDataset: edge values summed with themselves
  t.deepEqual(await edgeLines(g.joinWithEdges(longEdges.map((e) => [e.source, e.target, e.value] as const), (a, b) => a + b)), ["1,2,24", "1,3,26", "2,3,46", "3,4,68", "3,5,70", "4,5,90", "5,1,102"]);
  // testWithOnSourceWithCustom-style: source 3 matched, both its edges change
  t.deepEqual(await edgeLines(g.joinWithEdgesOnSource([[3, 1000]], (a, b) => a + b)), ["1,2,12", "1,3,13", "2,3,23", "3,4,1034", "3,5,1035", "4,5,45", "5,1,51"]);
  t.deepEqual(await edgeLines(g.joinWithEdgesOnTarget([[5, 1000]], (a, b) => a + b)), ["1,2,12", "1,3,13", "2,3,23", "3,4,34", "3,5,1035", "4,5,1045", "5,1,51"]);
});

test("reverse and getUndirected (Flink GraphOperationsITCase.testReverse, testUndirected)", async (t) => {
  const g = longGraph();
  t.deepEqual(await edgeLines(g.reverse()), ["1,5,51", "2,1,12", "3,1,13", "3,2,23", "4,3,34", "5,3,35", "5,4,45"]);
  t.deepEqual(await edgeLines(g.getUndirected()), ["1,2,12", "1,3,13", "1,5,51", "2,1,12", "2,3,23", "3,1,13", "3,2,23", "3,4,34", "3,5,35", "4,3,34", "4,5,45", "5,1,51", "5,3,35", "5,4,45"]);
});

test("union keeps duplicate edges, difference removes the other's vertices and their edges (Flink testUnion, testDifference)", async (t) => {
  const g = longGraph();
  // testUnion: adds vertex 6 and edges 6→1 (61), 6→3 (63)
  const other = Graph.fromCollection([{ id: 6, value: 6 }, { id: 1, value: 1 }, { id: 3, value: 3 }], [{ source: 6, target: 1, value: 61 }, { source: 6, target: 3, value: 63 }]);
  const union = g.union(other);
  t.deepEqual(await vertexLines(union), ["1,1", "2,2", "3,3", "4,4", "5,5", "6,6"]);
  t.deepEqual(await edgeLines(union), ["1,2,12", "1,3,13", "2,3,23", "3,4,34", "3,5,35", "4,5,45", "5,1,51", "6,1,61", "6,3,63"]);
  t.is(g.union(g).numberOfEdges(), 14, "duplicate edges are kept");
  // testDifference: the other graph has vertices 1, 3, 6 → 1 and 3 go with every edge touching them
  const difference = g.difference(other);
  t.deepEqual(await vertexLines(difference), ["2,2", "4,4", "5,5"]);
  t.deepEqual(await edgeLines(difference), ["4,5,45"]);
});

test("intersect pairs equal edges off; distinct keeps one per (source, target, value) (Flink testIntersect, testIntersectWithPairs)", async (t) => {
  // graphs in the shape of Flink's tests (repeated edges between the same pair, values telling them apart), by hand:
  const left = Graph.fromEdges([[1, 3, 12], [1, 3, 13], [1, 3, 13], [1, 3, 13], [3, 1, 14]].map(([s, t, v]) => ({ source: s!, target: t!, value: v! })));
  const right = Graph.fromEdges([[1, 3, 13], [1, 3, 13], [1, 3, 12], [2, 3, 23], [3, 1, 15]].map(([s, t, v]) => ({ source: s!, target: t!, value: v! })));
  // pairs: (1,3,12) once, (1,3,13) min(3, 2) = 2 times → 2·1 + 2·2 = 6 edges
  const pairs = left.intersect(right, false);
  t.deepEqual(await edgeLines(pairs), ["1,3,12", "1,3,12", "1,3,13", "1,3,13", "1,3,13", "1,3,13"]);
  t.deepEqual(await vertexLines(pairs), ["1,", "3,"], "vertices come from the edges, valued null");
  t.deepEqual(await edgeLines(left.intersect(right, true)), ["1,3,12", "1,3,13"]);
  // object values compare by content
  const a = Graph.fromEdges([{ source: "x", target: "y", value: { w: 1 } }]);
  const b = Graph.fromEdges([{ source: "x", target: "y", value: { w: 1 } }, { source: "x", target: "y", value: { w: 2 } }]);
  t.is(a.intersect(b, true).numberOfEdges(), 1);
});

test("mutations (Flink GraphMutationsITCase): addVertex, addEdge adds endpoints, removeVertex drops its edges, removeEdge by endpoints", async (t) => {
  const g = longGraph();
  t.deepEqual(await vertexLines(g.addVertex({ id: 6, value: 6 })), ["1,1", "2,2", "3,3", "4,4", "5,5", "6,6"]);
  t.deepEqual(await vertexLines(g.addVertex({ id: 1, value: 99 })), await vertexLines(g), "an existing vertex stays as it was");
  t.deepEqual(await vertexLines(g.addVertices([{ id: 6, value: 6 }, { id: 7, value: 7 }, { id: 1, value: 1 }])), ["1,1", "2,2", "3,3", "4,4", "5,5", "6,6", "7,7"]);
  const withEdge = g.addEdge({ id: 6, value: 6 }, { id: 1, value: 1 }, 61);
  t.deepEqual(await vertexLines(withEdge), ["1,1", "2,2", "3,3", "4,4", "5,5", "6,6"]);
  t.deepEqual((await edgeLines(withEdge)).at(-1), "6,1,61");
  // testAddEdges / testAddEdgesInvalidVertices: 2→4 and 4→1 added, 6→1 (no vertex 6) ignored
  t.deepEqual(await edgeLines(g.addEdges([{ source: 2, target: 4, value: 24 }, { source: 4, target: 1, value: 41 }, { source: 6, target: 1, value: 61 }])),
    ["1,2,12", "1,3,13", "2,3,23", "2,4,24", "3,4,34", "3,5,35", "4,1,41", "4,5,45", "5,1,51"]);
  // testRemoveVertex: 5 and its edges 3→5, 4→5, 5→1
  const without5 = g.removeVertex({ id: 5 });
  t.deepEqual(await edgeLines(without5), ["1,2,12", "1,3,13", "2,3,23", "3,4,34"]);
  t.deepEqual(await edgeLines(g.removeVertices([{ id: 1 }, { id: 2 }])), ["3,4,34", "3,5,35", "4,5,45"]);
  t.deepEqual(await edgeLines(g.removeVertex({ id: 6 })), await edgeLines(g), "testRemoveInvalidVertex: nothing changes");
  // testRemoveEdge: every 5 → 1 edge whatever its value; removeEdges by (source, target)
  const doubled = g.union(g);
  t.deepEqual(await edgeLines(doubled.removeEdge({ source: 5, target: 1 })), (await edgeLines(doubled)).filter((l) => l !== "5,1,51"));
  t.deepEqual(await edgeLines(g.removeEdges([{ source: 5, target: 1, value: 0 }, { source: 2, target: 3, value: 0 }])), ["1,2,12", "1,3,13", "3,4,34", "3,5,35", "4,5,45"]);
});

test("reduceOnEdges (Flink ReduceOnEdgesMethodsITCase: lowest-weight out/in, highest-weight all)", async (t) => {
  const g = longGraph();
  t.deepEqual(lines(await g.reduceOnEdges(Math.min, EdgeDirection.OUT).collect()), ["1,12", "2,23", "3,34", "4,45", "5,51"]);
  t.deepEqual(lines(await g.reduceOnEdges(Math.min, EdgeDirection.IN).collect()), ["1,51", "2,12", "3,13", "4,34", "5,35"]);
  t.deepEqual(lines(await g.reduceOnEdges(Math.max, EdgeDirection.ALL).collect()), ["1,51", "2,23", "3,35", "4,45", "5,51"]);
  // a vertex without edges in the direction is not in the result
  t.deepEqual(await g.addVertex({ id: 6, value: 6 }).reduceOnEdges(Math.max, EdgeDirection.ALL).collect().then((r) => r.length), 5);
});

test("reduceOnNeighbors (Flink ReduceOnNeighborMethodsITCase: sum of out, in and all neighbours)", async (t) => {
  const g = longGraph();
  const sum = (a: number, b: number): number => a + b;
  t.deepEqual(lines(await g.reduceOnNeighbors(sum, EdgeDirection.OUT).collect()), ["1,5", "2,3", "3,9", "4,5", "5,1"]);
  t.deepEqual(lines(await g.reduceOnNeighbors(sum, EdgeDirection.IN).collect()), ["1,5", "2,1", "3,3", "4,3", "5,7"]);
  t.deepEqual(lines(await g.reduceOnNeighbors(sum, EdgeDirection.ALL).collect()), ["1,10", "2,4", "3,12", "4,8", "5,8"]);
});

test("groupReduceOnEdges and groupReduceOnNeighbors (Flink testLowestWeightOutNeighbor, testSumOfInNeighbors, testSumOfAllNeighbors)", async (t) => {
  const g = longGraph();
  const lightest = await g.groupReduceOnEdges<[number, number]>((vertex, edges, out) => {
    let best: Edge<number, number> | null = null;
    for (const e of edges) if (best === null || e.value < best.value) best = e;
    if (best !== null) out.collect([vertex.id, best.target]);
  }, EdgeDirection.OUT).collect();
  t.deepEqual(lines(lightest), ["1,2", "2,3", "3,4", "4,5", "5,1"]);
  // sum over in-neighbours of edge value × neighbour value
  const weighted = await g.groupReduceOnNeighbors<[number, number]>((vertex, neighbors, out) => {
    out.collect([vertex.id, neighbors.reduce((s, n) => s + n.edge.value * n.neighbor.value, 0)]);
  }, EdgeDirection.IN).collect();
  t.deepEqual(lines(weighted), ["1,255", "2,12", "3,59", "4,102", "5,285"]);
  // all neighbours' values plus the vertex's own
  const all = await g.groupReduceOnNeighbors<[number, number]>((vertex, neighbors, out) => {
    out.collect([vertex.id, vertex.value + neighbors.reduce((s, n) => s + n.neighbor.value, 0)]);
  }, EdgeDirection.ALL).collect();
  t.deepEqual(lines(all), ["1,11", "2,6", "3,15", "4,12", "5,13"]);
});

test("groupReduce* call a vertex without edges with an empty list; ALL sees a self-loop twice, out-edges first", async (t) => {
  const g = Graph.fromCollection([{ id: "a", value: 1 }, { id: "b", value: 2 }, { id: "lonely", value: 3 }], [
    { source: "a", target: "a", value: "loop" }, { source: "b", target: "a", value: "in" }, { source: "a", target: "b", value: "out" },
  ]);
  const seen = await g.groupReduceOnEdges<string>((v, edges, out) => out.collect(`${v.id}:${edges.map((e) => e.value).join("+")}`), EdgeDirection.ALL).collect();
  t.deepEqual(seen, ["a:loop+out+loop+in", "b:in+out", "lonely:"]);
  const neighbours = await g.groupReduceOnNeighbors<string>((v, ns, out) => out.collect(`${v.id}:${ns.map((n) => n.neighbor.id).join("+")}`), EdgeDirection.IN).collect();
  t.deepEqual(neighbours, ["a:a+b", "b:a", "lonely:"]);
});

test("validate with InvalidVertexIdsValidator (Flink GraphValidatorTest); kernels refuse an invalid graph with advice", async (t) => {
  t.true(longGraph().validate(new InvalidVertexIdsValidator()));
  const invalid = Graph.fromCollection(longVertices, [...longEdges, { source: 6, target: 1, value: 61 }]);
  t.false(invalid.validate(new InvalidVertexIdsValidator()));
  t.deepEqual(invalid.invalidEdgeEndpoints(), [6]);
  t.is(invalid.numberOfEdges(), 8, "an invalid graph can still be inspected and repaired");
  t.is((await invalid.getTriplets().collect()).length, 7, "triplets join edges with their vertices, so the dangling edge has none");
  const advice = { message: /edge 7 \(6 -> 1\) names 6, which is not a vertex; add the vertex \(addVertex\) or drop such edges/ };
  await t.throwsAsync(() => invalid.outDegrees().collect(), advice);
  t.throws(() => invalid.topology(), advice);
  t.true(invalid.addVertex({ id: 6, value: 6 }).validate(new InvalidVertexIdsValidator()));
});

test("fromCollection rejects a repeated vertex id; fromEdges derives vertices in order of appearance, valued null or by the initialiser", async (t) => {
  t.throws(() => Graph.fromCollection([{ id: 1, value: 0 }, { id: 1, value: 1 }], []), { message: /vertex id 1 appears twice; vertex ids must be distinct/ });
  const edges = [{ source: "c", target: "a", value: 1 }, { source: "a", target: "b", value: 2 }];
  t.deepEqual(await Graph.fromEdges(edges).getVertices().collect(), [{ id: "c", value: null }, { id: "a", value: null }, { id: "b", value: null }]);
  const valued: Vertex<string, string>[] = await Graph.fromEdges(edges, (id) => id.toUpperCase()).getVertices().collect();
  t.deepEqual(valued.map((v) => v.value), ["C", "A", "B"]);
  const fromTuples = Graph.fromTuples([[1, "one"], [2, "two"]], [[1, 2, 0.5]]);
  t.deepEqual(await fromTuples.getEdges().collect(), [{ source: 1, target: 2, value: 0.5 }]);
});

test("a Graph is a value: transformations leave the original untouched", async (t) => {
  const g = longGraph();
  const before = await edgeLines(g);
  g.addEdge({ id: 9, value: 9 }, { id: 1, value: 1 }, 91).removeVertex({ id: 3 }).reverse().mapEdges(() => 0);
  t.deepEqual(await edgeLines(g), before);
  t.is(g.numberOfVertices(), 5);
});

test("iterationInput: vertex values in vertex (dense-id) order, edge values by input position, as the CSR slots name them", (t) => {
  const g = Graph.fromCollection([{ id: "z", value: "Z" }, { id: "a", value: "A" }, { id: "m", value: "M" }], [
    { source: "m", target: "z", value: 0 }, { source: "z", target: "a", value: 1 }, { source: "z", target: "m", value: 2 }, { source: "a", target: "z", value: 3 },
  ]);
  const { csr, vertexValues, edgeValues } = g.iterationInput();
  const { dictionary } = g.topology();
  t.deepEqual(vertexValues, ["Z", "A", "M"]);
  t.deepEqual(edgeValues, [0, 1, 2, 3]);
  t.deepEqual([0, 1, 2].map((v) => dictionary.keyAt(v)), ["z", "a", "m"]);
  // z's out-edges in input order: z → a (edge 1), z → m (edge 2); a's in-edge is edge 1
  t.deepEqual([...csr.outTargets.subarray(csr.outOffsets[0]!, csr.outOffsets[1]!)], [1, 2]);
  t.deepEqual([...csr.outEdges.subarray(csr.outOffsets[0]!, csr.outOffsets[1]!)].map((i) => edgeValues[i]), [1, 2]);
  t.deepEqual([...csr.inEdges.subarray(csr.inOffsets[1]!, csr.inOffsets[2]!)].map((i) => edgeValues[i]), [1]);
  t.is(g.iterationInput(), g.iterationInput(), "built once");
  t.is(g.mapVertices((v) => v.id).iterationInput().csr, csr, "a transformation that keeps ids and endpoints shares the CSR");
});

test("run accepts a user's own GraphAlgorithm, and library algorithms run on generator graphs", async (t) => {
  const countLoops = { run: (g: Graph<number, number, number>): number => g.numberOfEdges() - g.filterOnEdges((e) => e.source !== e.target).numberOfEdges() };
  t.is(longGraph().addEdge({ id: 1, value: 1 }, { id: 1, value: 1 }, 11).run(countLoops), 1);
  // an undirected star on 5 vertices: by symmetry the 4 leaves share one score, the centre holds the rest
  const ranks = await Graph.fromEdgeList(starGraph(5)).run(new PageRank(0.85, 50)).collect();
  t.is(ranks.length, 5);
  t.true(Math.abs(ranks.reduce((s, r) => s + r.pageRankScore, 0) - 1) < 1e-12);
  t.true(ranks.slice(2).every((r) => Math.abs(r.pageRankScore - ranks[1]!.pageRankScore) < 1e-15) && ranks[0]!.pageRankScore > ranks[1]!.pageRankScore);
});
