// windowTriangles(): once the watermark passes a tumbling window, its exact triangle count (undirected, simple) —
// equal to a triple loop over the window's adjacency matrix and to networkx, at any parallelism.
import test from "ava";
import fc from "fast-check";
import { windowTriangles } from "../../../gelly/streaming/index.js";
import { assertProperty } from "../../helpers/property.js";
import { edgeStreamArb, type EdgeStream, fixtureCases, runOnEdges, runPunctuated, trianglesPerWindow } from "./edge-streams.js";

async function counts(stream: EdgeStream, size: number, parallelism: number, batch?: number) {
  const out = await runOnEdges(stream, parallelism, (edges) => windowTriangles(edges, { windowSize: size }), batch);
  return out.map(({ windowEnd, triangles }) => ({ windowEnd, triangles }));
}

test("a window holds a triangle and a wedge; direction, repeats and self-loops do not count; the next window is counted alone", async (t) => {
  const stream: EdgeStream = {
    vertexCount: 5,
    bound: 0,
    edges: [
      { source: 1, target: 2, value: 0 },
      { source: 3, target: 2, value: 10 },
      { source: 1, target: 3, value: 20 }, // closes {1, 2, 3}
      { source: 2, target: 1, value: 30 }, // the edge {1, 2} again, reversed
      { source: 3, target: 3, value: 40 },
      { source: 3, target: 4, value: 50 }, // a wedge 2-3-4 that stays open
      { source: 1, target: 4, value: 100 }, // window [100, 200): one edge, no triangle
      { source: 4, target: 4, value: 210 }, // window [200, 300): only a self-loop: no count
    ],
  };
  const out = await runOnEdges(stream, 2, (edges) => windowTriangles(edges, { windowSize: 100 }));
  t.deepEqual(out, [
    { windowStart: 0, windowEnd: 100, triangles: 1 },
    { windowStart: 100, windowEnd: 200, triangles: 0 },
  ]);
});

test("K5 in one window holds C(5,3) = 10 triangles", async (t) => {
  const edges = [];
  for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) edges.push({ source: b, target: a, value: edges.length });
  t.deepEqual(await counts({ vertexCount: 5, bound: 0, edges }, 1000, 3), [{ windowEnd: 1000, triangles: 10 }]);
});

for (const c of fixtureCases()) {
  test(`${c.name}: counts per window equal networkx's triangles`, async (t) => {
    for (const [size, expected] of Object.entries(c.windowTriangles)) {
      t.deepEqual(await counts(c.stream, Number(size), 2), expected.map(({ windowEnd, triangles }) => ({ windowEnd, triangles })), `window ${size} ms`);
    }
  });
}

test("property: counts per window equal a brute-force count (parallelism 1-4)", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(edgeStreamArb, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 8 }), async (stream, parallelism, size, batch) => {
      const actual = await counts(stream, size, parallelism, batch);
      const expected = trianglesPerWindow(stream.edges, size).map(({ windowEnd, triangles }) => ({ windowEnd, triangles }));
      return JSON.stringify(actual) === JSON.stringify(expected);
    }),
    { numRuns: 80, file: import.meta.url },
  );
});

test("an edge behind the watermark is dropped, as Flink's windows drop late records", async (t) => {
  const out = await runPunctuated(
    [
      { source: 1, target: 2, value: 10 },
      { source: 2, target: 3, value: 20 },
      { source: 5, target: 6, value: 250 }, // the watermark passes 249: window [0, 100) fires
      { source: 1, target: 3, value: 30 }, // late: would close {1, 2, 3}
    ],
    (edges) => windowTriangles(edges, { windowSize: 100 }),
  );
  t.deepEqual(out, [
    { windowStart: 0, windowEnd: 100, triangles: 0 },
    { windowStart: 200, windowEnd: 300, triangles: 0 },
  ]);
});
