// degrees(): every counted edge emits the new degree of each endpoint it counts; the last record of a vertex equals a
// plain count of its edges, at any parallelism.
import test from "ava";
import fc from "fast-check";
import { degrees, type EdgeDirection, type VertexDegree } from "../../../gelly/streaming/index.js";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { assertProperty } from "../../helpers/property.js";
import { countDegrees, edgeStreamArb, type EdgeStream, fixtureCases, runOnEdges } from "./edge-streams.js";

/** The last degree emitted per vertex, after checking each vertex's degrees go 1, 2, 3, … in order. */
function lastDegrees(out: readonly VertexDegree<number>[]): Map<number, number> | string {
  const last = new Map<number, number>();
  for (const { vertexId, degree } of out) {
    const expected = (last.get(vertexId) ?? 0) + 1;
    if (degree !== expected) return `vertex ${vertexId} went from ${expected - 1} to ${degree}`;
    last.set(vertexId, degree);
  }
  return last;
}

const sorted = (m: Map<number, number> | string) => (typeof m === "string" ? m : [...m].sort((a, b) => a[0] - b[0]));

const small: EdgeStream = {
  vertexCount: 4,
  bound: 0,
  edges: [
    { source: 1, target: 2, value: 1 },
    { source: 1, target: 3, value: 2 },
    { source: 1, target: 2, value: 3 }, // a repeat
    { source: 3, target: 3, value: 4 }, // a self-loop
  ],
};

test("out-degrees: one record per edge, for its source, in edge order", async (t) => {
  const out = await runOnEdges(small, 1, (edges) => degrees(edges, "out"));
  t.deepEqual(out, [
    { vertexId: 1, degree: 1 },
    { vertexId: 1, degree: 2 },
    { vertexId: 1, degree: 3 },
    { vertexId: 3, degree: 1 },
  ]);
});

test("all-degrees count a self-loop twice (in + out), as Gelly's getDegrees", async (t) => {
  const out = await runOnEdges(small, 1, (edges) => degrees(edges, "all"));
  t.deepEqual(sorted(lastDegrees(out)), [[1, 3], [2, 2], [3, 3]]);
});

test("distinct in-degrees ignore the repeated edge and emit nothing for it", async (t) => {
  const out = await runOnEdges(small, 1, (edges) => degrees(edges, "in", { distinct: true }));
  t.deepEqual(out, [
    { vertexId: 2, degree: 1 },
    { vertexId: 3, degree: 1 },
    { vertexId: 3, degree: 2 },
  ]);
});

test("string vertex keys work as numbers do", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const edges = env.fromCollection([
    { source: "ann", target: "bob", value: 0 },
    { source: "bob", target: "cat", value: 0 },
  ]);
  const out = await degrees(edges, "all").executeAndCollect();
  t.deepEqual(out.map((d) => `${d.vertexId}:${d.degree}`).sort(), ["ann:1", "bob:1", "bob:2", "cat:1"]);
});

for (const c of fixtureCases()) {
  test(`${c.name}: final degrees equal networkx's MultiDiGraph degrees`, async (t) => {
    for (const direction of ["in", "out", "all"] as const) {
      const out = await runOnEdges(c.stream, 2, (edges) => degrees(edges, direction));
      const expected = c.degrees[direction].filter(([, d]) => d > 0);
      t.deepEqual(sorted(lastDegrees(out)), expected, direction);
    }
  });
}

test("property: the last degree of every vertex is its edge count, for every direction, with and without distinct, at parallelism 1-4", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(edgeStreamArb, fc.constantFrom<EdgeDirection>("in", "out", "all"), fc.boolean(), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), async (stream, direction, distinct, parallelism, batch) => {
      const out = await runOnEdges(stream, parallelism, (edges) => degrees(edges, direction, { distinct }), batch);
      return JSON.stringify(sorted(lastDegrees(out))) === JSON.stringify(sorted(countDegrees(stream.edges, direction, distinct)));
    }),
    { numRuns: 60, file: import.meta.url },
  );
});
