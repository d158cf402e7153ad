// windowVertexTriangles(): per window and vertex, the number of the window's triangles the vertex belongs to —
// networkx's `triangles` on the window's simple graph, and a triple loop over its adjacency matrix, at any parallelism.
import test from "ava";
import fc from "fast-check";
import { windowVertexTriangles } from "../../../gelly/streaming/index.js";
import { assertProperty } from "../../helpers/property.js";
import { edgeStreamArb, type EdgeStream, fixtureCases, runOnEdges, trianglesPerWindow } from "./edge-streams.js";

/** The output as { windowEnd, perVertex } per window, vertices sorted (their order within a window is not defined). */
async function perVertex(stream: EdgeStream, size: number, parallelism: number, batch?: number) {
  const out = await runOnEdges(stream, parallelism, (edges) => windowVertexTriangles(edges, { windowSize: size }), batch);
  const windows = new Map<number, [number, number][]>();
  for (const r of out) {
    if (r.windowStart !== r.windowEnd - size) throw new Error(`window [${r.windowStart}, ${r.windowEnd}) is not ${size} ms long`);
    windows.set(r.windowEnd, [...(windows.get(r.windowEnd) ?? []), [r.vertexId, r.triangles]]);
  }
  return [...windows].sort((a, b) => a[0] - b[0]).map(([windowEnd, counts]) => ({ windowEnd, perVertex: counts.sort((a, b) => a[0] - b[0]) }));
}

test("a triangle with a pendant vertex: the triangle's vertices count 1, the pendant 0, self-loops and repeats nothing", async (t) => {
  const stream: EdgeStream = {
    vertexCount: 5,
    bound: 0,
    edges: [
      { source: 3, target: 1, value: 0 },
      { source: 2, target: 3, value: 10 },
      { source: 1, target: 2, value: 20 },
      { source: 2, target: 1, value: 25 },
      { source: 4, target: 3, value: 30 },
      { source: 4, target: 4, value: 40 },
    ],
  };
  t.deepEqual(await perVertex(stream, 100, 2), [{ windowEnd: 100, perVertex: [[1, 1], [2, 1], [3, 1], [4, 0]] }]);
});

for (const c of fixtureCases()) {
  test(`${c.name}: counts per vertex and window equal networkx's triangles`, async (t) => {
    for (const [size, expected] of Object.entries(c.windowTriangles)) {
      t.deepEqual(await perVertex(c.stream, Number(size), 3), expected.map(({ windowEnd, perVertex }) => ({ windowEnd, perVertex })), `window ${size} ms`);
    }
  });
}

test("property: counts per vertex and window equal a brute-force count (parallelism 1-4)", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(edgeStreamArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 8 }), async (stream, parallelism, size, batch) => {
      const actual = await perVertex(stream, size, parallelism, batch);
      const expected = trianglesPerWindow(stream.edges, size).map(({ windowEnd, perVertex }) => ({ windowEnd, perVertex }));
      return JSON.stringify(actual) === JSON.stringify(expected);
    }),
    { numRuns: 80, file: import.meta.url },
  );
});
