// Creating graphs from streams, CSV text and files, and generators; results as bounded streams.
import test from "ava";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { Graph } from "../../../gelly/graph.js";
import { cycleGraph } from "../../../gelly/generator/cycle-graph.js";
import { emptyGraph } from "../../../gelly/generator/empty-graph.js";
import { lines, longEdges, longVertices } from "./flink-test-graphs.js";

test("fromDataStreams runs both bounded streams in one job; fromEdgeStream derives the vertices", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const g = await Graph.fromDataStreams(env.fromCollection(longVertices), env.fromCollection(longEdges).filter((e) => e.value !== 51));
  t.deepEqual(await g.getVertexIds().collect(), [1, 2, 3, 4, 5]);
  t.is(g.numberOfEdges(), 6);
  const fromEdges = await Graph.fromEdgeStream(StreamExecutionEnvironment.getExecutionEnvironment().fromCollection(longEdges), (id) => id * 100);
  t.deepEqual(lines((await fromEdges.getVertices().collect()).map((v) => [v.id, v.value])), ["1,100", "2,200", "3,300", "4,400", "5,500"]);
  // streams of two environments run as two jobs
  const other = StreamExecutionEnvironment.getExecutionEnvironment();
  const twoJobs = await Graph.fromDataStreams(StreamExecutionEnvironment.getExecutionEnvironment().fromCollection(longVertices), other.fromCollection(longEdges));
  t.is(twoJobs.numberOfEdges(), 7);
});

test("a result is a bounded stream a job can process further", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const g = Graph.fromCollection(longVertices, longEdges);
  const heavy = await g.outDegrees().toStream(env).filter(([, d]) => d > 1).executeAndCollect();
  t.deepEqual(heavy.sort(), [[1, 2], [3, 2]]);
});

test("fromCsv (Flink's GraphCsvReader): edges with values, vertices file, header, comments, other delimiter", async (t) => {
  const g = await Graph.fromCsv({
    edgesText: "source;target;weight\n# a comment\n1;2;0.5\n2;3;1.5\r\n\n3;1;2\n",
    verticesText: "1;one\n2;two\n3;three\n",
    fieldDelimiter: ";",
    ignoreFirstLine: false,
    ignoreComments: "#",
    keyType: "number",
    edgeValueParser: Number,
    vertexValueParser: (s) => s.toUpperCase(),
  }).catch((e: Error) => e);
  t.true(g instanceof Error && /edgesText line 1: id "source" is not a number \(keyType is "number"\)/.test(g.message), "the header is data unless ignoreFirstLine");
  const ok = await Graph.fromCsv({
    edgesText: "source;target;weight\n# a comment\n1;2;0.5\n2;3;1.5\r\n\n3;1;2\n",
    verticesText: "id;name\n1;one\n2;two\n3;three\n",
    fieldDelimiter: ";", ignoreFirstLine: true, ignoreComments: "#", keyType: "number",
    edgeValueParser: Number, vertexValueParser: (s) => s.toUpperCase(),
  });
  t.deepEqual(await ok.getVertices().collect(), [{ id: 1, value: "ONE" }, { id: 2, value: "TWO" }, { id: 3, value: "THREE" }]);
  t.deepEqual(await ok.getEdges().collect(), [{ source: 1, target: 2, value: 0.5 }, { source: 2, target: 3, value: 1.5 }, { source: 3, target: 1, value: 2 }]);
});

test("fromCsv from files; without a vertex file the vertices are the endpoints, valued by the initialiser or null", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "gelly-csv-"));
  const edgesPath = join(dir, "edges.csv");
  await writeFile(edgesPath, "ann,bob\nbob,cat\n");
  const plain = await Graph.fromCsv({ edgesPath, keyType: "string" });
  t.deepEqual(await plain.getVertices().collect(), [{ id: "ann", value: null }, { id: "bob", value: null }, { id: "cat", value: null }]);
  t.deepEqual(await plain.getEdges().collect(), [{ source: "ann", target: "bob", value: null }, { source: "bob", target: "cat", value: null }]);
  const init = await Graph.fromCsv({ edgesPath, keyType: "string", vertexValueInitializer: (id) => id.length });
  t.deepEqual((await init.getVertices().collect()).map((v) => v.value), [3, 3, 3]);
  await t.throwsAsync(Graph.fromCsv({ keyType: "string" }), { message: /give the edges as edgesText or edgesPath/ });
  await t.throwsAsync(Graph.fromCsv({ edgesText: "a,b", keyType: "string", edgeValueParser: Number }), { message: /edgesText line 1: no edge value \(field 3\)/ });
  await t.throwsAsync(Graph.fromCsv({ edgesText: "a", keyType: "string" }), { message: /edgesText line 1: an edge line needs source and target/ });
});

test("fromEdgeList turns a generator's output into a Graph, isolated vertices included", async (t) => {
  const cycle = Graph.fromEdgeList(cycleGraph(4));
  t.is(cycle.numberOfVertices(), 4);
  t.is(cycle.numberOfEdges(), 8);
  t.deepEqual(await cycle.getDegrees().collect(), [[0, 4], [1, 4], [2, 4], [3, 4]]);
  const empty = Graph.fromEdgeList(emptyGraph(3));
  t.deepEqual(await empty.getVertices().collect(), [0, 1, 2].map((id) => ({ id, value: null })));
  t.deepEqual(await empty.outDegrees().collect(), [[0, 0], [1, 0], [2, 0]]);
});
