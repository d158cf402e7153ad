// Delta iterations (Flink's DataSet.iterateDelta): connected components computed with a solution set and a workset
// equal a union-find over the same edges, at every parallelism, in the calling thread and on the worker pool; the
// iteration limit cuts the propagation after as many supersteps as Flink's would.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import { StreamExecutionEnvironment, WorkerPool } from "../../../runtime/index.js";
import { assertProperty } from "../../helpers/property.js";
import { buildComponents, components, type ComponentsArgs, type Label } from "./fixtures/components-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

/** The oracle: each vertex's component is the smallest vertex id reachable from it. */
function unionFind(vertices: number, edges: ComponentsArgs["edges"]): number[] {
  const parent = Array.from({ length: vertices }, (_, v) => v);
  const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v]!)));
  for (const [a, b] of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  return parent.map((_, v) => find(v));
}

function labelsOf(out: readonly Label[], vertices: number): number[] {
  const labels = Array.from({ length: vertices }, () => -1);
  for (const l of out) {
    assert.strictEqual(labels[l.vertex], -1, `vertex ${l.vertex} appears once in the solution set`);
    labels[l.vertex] = l.component;
  }
  return labels;
}

const graphs = fc.integer({ min: 1, max: 24 }).chain((vertices) =>
  fc.record({
    vertices: fc.constant(vertices),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: vertices - 1 }), fc.integer({ min: 0, max: vertices - 1 })), { maxLength: 30 }),
    maxIterations: fc.constant(1000),
  }),
);

test("in the calling thread at parallelism 1-4: the components of a union-find", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(graphs, fc.integer({ min: 1, max: 4 }), async (a: ComponentsArgs, parallelism) => {
      const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
      const out = await buildComponents(env, a).executeAndCollect();
      assert.deepStrictEqual(labelsOf(out, a.vertices), unionFind(a.vertices, a.edges));
    }),
    { numRuns: 40, file: import.meta.url },
  );
});

test("on 2 workers of the pool: the same components (heads and tails share one worker, the body spreads)", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(graphs, fc.integer({ min: 1, max: 3 }), async (a: ComponentsArgs, parallelism) => {
      const { collected, result } = await components.run(a, { workers: 2, configure: (env) => env.setParallelism(parallelism) });
      assert.strictEqual(result.metrics.workers?.length, 2, "the job ran on the pool");
      assert.deepStrictEqual(labelsOf((collected.labels ?? []) as Label[], a.vertices), unionFind(a.vertices, a.edges));
    }),
    { numRuns: 12, file: import.meta.url },
  );
});

test("maxIterations bounds the supersteps of the step function: a path's labels travel one hop per superstep", async (t) => {
  // path 0-1-2-3-4-5: after k supersteps vertex v knows max(0, v - k)
  const path: ComponentsArgs = { vertices: 6, edges: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]], maxIterations: 2 };
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const labels = labelsOf(await buildComponents(env, path).executeAndCollect(), 6);
  t.deepEqual(labels, [0, 0, 0, 1, 2, 3]);
});

test("a step that does not join the solution set is refused when the job is built", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const labels = env.fromCollection([{ vertex: 0, component: 0 }]);
  t.throws(() => iterateDeltaWithoutJoin(labels), { message: /must join the solution set/ });
});

import { iterateDelta, type DataStream } from "../../../runtime/index.js";
function iterateDeltaWithoutJoin(labels: DataStream<Label>): void {
  iterateDelta<number, Label, Label>(labels, labels, 3, (l) => l.vertex, (_solution, workset) => ({ delta: workset, nextWorkset: workset }));
}

test("a job with an iteration and checkpointing is refused with a message that says what to do", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().enableCheckpointing(1000);
  const out = buildComponents(env, { vertices: 3, edges: [[0, 1]], maxIterations: 5 });
  await t.throwsAsync(() => out.executeAndCollect(), { message: /iterations do not take part in checkpoints yet/ });
});
