// connectedComponents(): when the watermark passes a window, the vertices whose component (smallest key reachable)
// changed through that window's edges are reported, sorted; the changes per window equal those of a breadth-first
// search over all edges up to the window, at any parallelism and number of partitions.
import test from "ava";
import fc from "fast-check";
import { type ComponentChange, connectedComponents } from "../../../gelly/streaming/index.js";
import { CollectSink, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { assertProperty } from "../../helpers/property.js";
import { bfsComponents, componentChangesPerWindow, edgeStreamArb, type EdgeStream, fixtureCases, runOnEdges, runPunctuated } from "./edge-streams.js";

/** The output grouped per window (by the record's window, which the test recovers from the run's order). */
async function changesPerWindow(stream: EdgeStream, size: number, parallelism: number, partitions?: number, batch?: number) {
  const out = await runOnEdges(stream, parallelism, (edges) =>
    connectedComponents(edges, { windowSize: size, ...(partitions === undefined ? {} : { partitions }) })
      .process<ComponentChange<number> & { windowEnd: number }>({ processElement: (c, ctx, o) => o.collect({ ...c, windowEnd: ctx.timestamp()! + 1 }) })
      .setParallelism(1),
    batch,
  );
  const windows: { windowEnd: number; changes: [number, number][] }[] = [];
  for (const c of out) {
    if (windows.at(-1)?.windowEnd !== c.windowEnd) windows.push({ windowEnd: c.windowEnd, changes: [] });
    windows.at(-1)!.changes.push([c.vertexId, c.componentId]);
  }
  return windows;
}

const byWindow = (w: { windowEnd: number; changes: [number, number][] }[]) => w.filter((x) => x.changes.length > 0);

test("two windows: the first reports its components, the second only the vertices whose component fell", async (t) => {
  const stream: EdgeStream = {
    vertexCount: 6,
    bound: 0,
    edges: [
      { source: 5, target: 4, value: 10 },
      { source: 3, target: 2, value: 20 },
      { source: 3, target: 3, value: 30 },
      // window [100, 200): joins {4, 5} to {2, 3} and brings vertex 0
      { source: 4, target: 3, value: 110 },
      { source: 0, target: 1, value: 120 },
      { source: 1, target: 5, value: 130 },
    ],
  };
  t.deepEqual(await changesPerWindow(stream, 100, 1), [
    { windowEnd: 100, changes: [[2, 2], [3, 2], [4, 4], [5, 4]] },
    { windowEnd: 200, changes: [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 0]] },
  ]);
  const stream2: EdgeStream = { ...stream, edges: [...stream.edges.slice(0, 4), { source: 9, target: 8, value: 150 }] };
  t.deepEqual(await changesPerWindow(stream2, 100, 2), [
    { windowEnd: 100, changes: [[2, 2], [3, 2], [4, 4], [5, 4]] },
    { windowEnd: 200, changes: [[4, 2], [5, 2], [8, 8], [9, 8]] },
  ]);
});

test("string keys: the component id is the smallest string", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const edges = env.fromCollection([
    { source: "eve", target: "bob", value: 0 },
    { source: "cat", target: "eve", value: 0 },
    { source: "dan", target: "fay", value: 0 },
  ]);
  // why no timestamps: fromCollection's records carry none, and the operator must say what to do
  const error = await t.throwsAsync(connectedComponents(edges, { windowSize: 10 }).executeAndCollect());
  t.regex(error!.message, /assignTimestampsAndWatermarks/);
  const env2 = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const timed = env2
    .fromCollection([
      { source: "eve", target: "bob", value: 0 },
      { source: "cat", target: "eve", value: 0 },
      { source: "dan", target: "fay", value: 0 },
    ])
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<{ source: string; target: string; value: number }>().withTimestampAssigner((e) => e.value));
  const sink = new CollectSink<ComponentChange<string>>();
  connectedComponents(timed, { windowSize: 10 }).sinkTo(sink).setParallelism(1);
  await env2.execute();
  const out = sink.values;
  t.deepEqual(out, [
    { vertexId: "bob", componentId: "bob" },
    { vertexId: "cat", componentId: "bob" },
    { vertexId: "dan", componentId: "dan" },
    { vertexId: "eve", componentId: "bob" },
    { vertexId: "fay", componentId: "dan" },
  ]);
});

test("a window size that is not a positive integer is refused when the job is built", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const edges = env.fromCollection([{ source: 1, target: 2, value: 0 }]);
  t.throws(() => connectedComponents(edges, { windowSize: 0 }), { instanceOf: RangeError, message: /window size/ });
});

for (const c of fixtureCases()) {
  test(`${c.name}: changes per window equal networkx's connected components after each window`, async (t) => {
    t.deepEqual(byWindow(await changesPerWindow(c.stream, c.windowSize, 3)), byWindow(c.componentChanges));
  });
}

test("property: changes per window equal breadth-first search after each window; the last change of a vertex is its final component (parallelism 1-4, 1-6 partitions)", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(edgeStreamArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 8 }), async (stream, parallelism, partitions, size, batch) => {
      const windows = await changesPerWindow(stream, size, parallelism, partitions, batch);
      const expected = componentChangesPerWindow(stream.edges, size).filter((w) => w.changes.length > 0);
      const final = new Map<number, number>();
      for (const w of windows) for (const [v, l] of w.changes) final.set(v, l);
      const bfs = bfsComponents(stream.edges);
      return JSON.stringify(windows) === JSON.stringify(expected) && JSON.stringify([...final].sort((a, b) => a[0] - b[0])) === JSON.stringify([...bfs].sort((a, b) => a[0] - b[0]));
    }),
    { numRuns: 80, file: import.meta.url },
  );
});

test("an edge behind the watermark is not lost: it joins the next window to fire", async (t) => {
  const out = await runPunctuated(
    [
      { source: 2, target: 1, value: 10 },
      { source: 4, target: 3, value: 250 }, // the watermark passes 249: window [0, 100) fires
      { source: 3, target: 2, value: 20 }, // late: counted in [200, 300)
    ],
    (edges) => connectedComponents(edges, { windowSize: 100 }).process<string>({ processElement: (c, ctx, o) => o.collect(`@${ctx.timestamp()} ${c.vertexId}->${c.componentId}`) }),
  );
  t.deepEqual(out, ["@99 1->1", "@99 2->1", "@299 3->1", "@299 4->1"]);
});
