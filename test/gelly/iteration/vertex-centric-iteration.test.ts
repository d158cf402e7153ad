// The vertex-centric (Pregel) model against Flink's documented semantics, worked by hand on small graphs: who runs in
// which superstep, when the iteration halts, aggregators and broadcast sets, combiners, getEdges, the misuse errors;
// and properties on random graphs: connected components and walk counts equal independent computations, and no
// result depends on the partition count.
import test from "ava";
import fc from "fast-check";
import { buildCsr, type CsrGraph } from "../../../gelly/graph/csr.js";
import { symmetrize } from "../../../gelly/asm/undirected.js";
import { connectedComponents } from "../../../gelly/library/components/connected-components.js";
import { LongSumAggregator } from "../../../gelly/iteration/aggregator.js";
import type { Edge, Vertex } from "../../../gelly/iteration/iteration-input.js";
import { type MessageCombiner, MessageCombiners } from "../../../gelly/iteration/message-combiner.js";
import type { MessageIterator } from "../../../gelly/iteration/message-iterator.js";
import { ComputeFunction, runVertexCentricIteration } from "../../../gelly/iteration/vertex-centric-iteration.js";
import { assertProperty } from "../../helpers/property.js";
import { csrOf, randomEdges } from "../library/a-fixtures.js";

function graph(n: number, edges: [number, number][]): CsrGraph {
  return buildCsr(n, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

function nulls(g: CsrGraph): null[] {
  return new Array<null>(g.edgeCount).fill(null);
}

/** Pregel's textbook example: every vertex ends with the largest value that can reach it; logs who runs when. */
class MaxValue extends ComputeFunction<number, unknown, number> {
  readonly log: string[] = [];
  compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    this.log.push(`${this.getSuperstepNumber()}:${vertex.id}`);
    if (this.getSuperstepNumber() === 1) {
      this.sendMessageToAllNeighbors(vertex.value);
      return;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (const m of messages) if (m > max) max = m;
    if (max > vertex.value) {
      this.setNewVertexValue(max);
      this.sendMessageToAllNeighbors(max);
    }
  }
}

const path = graph(4, [[0, 1], [1, 2], [2, 3]]);
const pathInput = { csr: path, vertexValues: [3, 6, 2, 1], edgeValues: nulls(path) };

for (const [name, combiner] of [["no combiner", null], ["the max combiner", MessageCombiners.max]] as const) {
  test(`max propagation on 0→1→2→3 (values 3 6 2 1) by hand, ${name}`, (t) => {
    // superstep 1: everyone runs and sends (3 to 1, 6 to 2, 2 to 3); superstep 2: 1, 2 and 3 were sent messages —
    // 1 keeps 6, 2 takes 6 and sends it on, 3 takes 2; superstep 3: only 3 runs, takes 6 and sends nothing: halt
    const fn = new MaxValue();
    const result = runVertexCentricIteration(pathInput, fn, combiner, 10);
    t.deepEqual(result.vertexValues, [3, 6, 6, 6]);
    t.is(result.supersteps, 3);
    t.deepEqual(fn.log, ["1:0", "1:1", "1:2", "1:3", "2:1", "2:2", "2:3", "3:3"]);
    t.deepEqual(pathInput.vertexValues, [3, 6, 2, 1], "the input is not modified");
  });
}

test("maxIterations stops the iteration after that many supersteps", (t) => {
  const result = runVertexCentricIteration(pathInput, new MaxValue(), null, 2);
  t.deepEqual(result.vertexValues, [3, 6, 6, 2]);
  t.is(result.supersteps, 2);
});

test("an iteration in which nobody sends runs exactly one superstep", (t) => {
  class Quiet extends ComputeFunction<number, unknown, number> {
    compute(vertex: Vertex<number>): void { this.setNewVertexValue(vertex.value * 10); }
  }
  const result = runVertexCentricIteration(pathInput, new Quiet(), null, 5);
  t.deepEqual(result.vertexValues, [30, 60, 20, 10]);
  t.is(result.supersteps, 1);
});

test("uncombined messages arrive in sender order, whatever the partition count", (t) => {
  const g = graph(5, []);
  class ToZero extends ComputeFunction<string, unknown, number> {
    compute(vertex: Vertex<string>, messages: MessageIterator<number>): void {
      if (this.getSuperstepNumber() === 1) {
        if (vertex.id !== 0) this.sendMessageTo(0, vertex.id * 10);
        if (vertex.id === 4) this.sendMessageTo(0, 41);
      } else {
        this.setNewVertexValue([...messages].join(","));
      }
    }
  }
  for (let P = 1; P <= 5; P++) {
    const result = runVertexCentricIteration({ csr: g, vertexValues: ["", "", "", "", ""], edgeValues: [] }, new ToZero(), null, 5, { parallelism: P });
    t.is(result.vertexValues[0], "10,20,30,40,41", `P = ${P}`);
    t.is(result.supersteps, 2);
  }
});

test("a custom combiner folds messages pairwise (hasNext/nextMessage see one combined message)", (t) => {
  const g = graph(4, [[1, 0], [2, 0], [3, 0]]);
  class Concat extends ComputeFunction<string, unknown, string> {
    compute(vertex: Vertex<string>, messages: MessageIterator<string>): void {
      if (this.getSuperstepNumber() === 1) { this.sendMessageToAllNeighbors(vertex.value); return; }
      const seen: string[] = [];
      while (messages.hasNext()) seen.push(messages.nextMessage());
      this.setNewVertexValue(seen.join("|"));
    }
  }
  const combiner: MessageCombiner<string> = MessageCombiners.of((a: string, b: string) => a + b);
  for (let P = 1; P <= 4; P++) {
    const result = runVertexCentricIteration({ csr: g, vertexValues: ["", "a", "b", "c"], edgeValues: nulls(g) }, new Concat(), combiner, 5, { parallelism: P });
    t.deepEqual(result.vertexValues, ["abc", "a", "b", "c"], `P = ${P}`);
  }
});

test("getEdges yields the out-edges with their values", (t) => {
  const g = graph(3, [[0, 1], [2, 0], [0, 2]]);
  const seen: string[] = [];
  class Edges extends ComputeFunction<number, string, number> {
    compute(vertex: Vertex<number>): void {
      for (const e of this.getEdges() as Iterable<Edge<string>>) seen.push(`${vertex.id}:${e.source}->${e.target}=${e.value}`);
    }
  }
  runVertexCentricIteration({ csr: g, vertexValues: [0, 0, 0], edgeValues: ["a", "b", "c"] }, new Edges(), null, 3);
  t.deepEqual(seen, ["0:0->1=a", "0:0->2=c", "2:2->0=b"]);
});

test("aggregators: each superstep sees the previous superstep's merged value; the result holds the last one", (t) => {
  class Counting extends MaxValue {
    readonly previous: (number | undefined)[] = [];
    override preSuperstep(): void {
      this.previous.push(this.getPreviousIterationAggregate<number>("active"));
    }
    override compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
      this.getIterationAggregator<LongSumAggregator>("active").aggregate(1);
      super.compute(vertex, messages);
    }
  }
  for (let P = 1; P <= 3; P++) {
    const fn = new Counting();
    const result = runVertexCentricIteration(pathInput, fn, null, 10, { parallelism: P, aggregators: { active: () => new LongSumAggregator() } });
    // preSuperstep runs once per partition per superstep, as Flink's once per parallel instance
    t.deepEqual(fn.previous, [...new Array<undefined>(P).fill(undefined), ...new Array<number>(P).fill(4), ...new Array<number>(P).fill(3)], `P = ${P}`);
    t.deepEqual(result.aggregates, { active: 1 });
  }
});

test("broadcast sets and the number of vertices are visible to compute", (t) => {
  class Offsets extends ComputeFunction<number, unknown, number> {
    compute(vertex: Vertex<number>): void {
      const offsets = this.getBroadcastSet<number>("offsets");
      this.setNewVertexValue(vertex.value + offsets[vertex.id % offsets.length]! + this.getNumberOfVertices());
    }
  }
  const result = runVertexCentricIteration(pathInput, new Offsets(), null, 1, { broadcastSets: { offsets: [100, 200] }, numberOfVertices: true });
  t.deepEqual(result.vertexValues, [107, 210, 106, 205]);
  class NoCount extends ComputeFunction<number, unknown, number> {
    compute(): void { this.setNewVertexValue(this.getNumberOfVertices()); }
  }
  t.deepEqual(runVertexCentricIteration(pathInput, new NoCount(), null, 1).vertexValues, [-1, -1, -1, -1]);
});

test("misuse is reported with the vertex, the superstep and what to do", (t) => {
  class TwiceValue extends ComputeFunction<number, unknown, number> {
    compute(vertex: Vertex<number>): void { this.setNewVertexValue(1); this.setNewVertexValue(vertex.value); }
  }
  t.throws(() => runVertexCentricIteration(pathInput, new TwiceValue(), null, 1), { message: /setNewVertexValue was called twice for vertex 0 in superstep 1/ });
  class EdgesTwice extends ComputeFunction<number, unknown, number> {
    compute(): void { this.sendMessageToAllNeighbors(1); this.getEdges(); }
  }
  t.throws(() => runVertexCentricIteration(pathInput, new EdgesTwice(), null, 1), { message: /getEdges\(\) or sendMessageToAllNeighbors\(\) twice/ });
  class Nowhere extends ComputeFunction<number, unknown, number> {
    compute(): void { this.sendMessageTo(4, 1); }
  }
  t.throws(() => runVertexCentricIteration(pathInput, new Nowhere(), null, 1), { instanceOf: RangeError, message: /sent a message to 4, which is not a vertex/ });
  class Unregistered extends ComputeFunction<number, unknown, number> {
    compute(): void { this.getIterationAggregator("missing"); }
  }
  t.throws(() => runVertexCentricIteration(pathInput, new Unregistered(), null, 1), { message: /no aggregator is registered as "missing"/ });
  t.throws(() => runVertexCentricIteration(pathInput, new MaxValue(), null, 0), { message: /maximum number of iterations must be an integer of at least one/ });
  t.throws(() => runVertexCentricIteration({ ...pathInput, vertexValues: [1] }, new MaxValue(), null, 1), { message: /1 vertex values for 4 vertices/ });
  t.throws(() => new MaxValue().sendMessageTo(0, 1), { message: /only while compute runs/ });
});

/** Connected components as a Pregel user writes them: smallest label, on the graph stored in both directions. */
class MinLabel extends ComputeFunction<number, unknown, number> {
  compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    if (this.getSuperstepNumber() === 1) { this.sendMessageToAllNeighbors(vertex.value); return; }
    let min = vertex.value;
    for (const m of messages) if (m < min) min = m;
    if (min < vertex.value) { this.setNewVertexValue(min); this.sendMessageToAllNeighbors(min); }
  }
}

test("connected components with a min combiner, a custom one or none equal the union-find kernel, for every partition count", async (t) => {
  const combiners: (MessageCombiner<number> | null)[] = [null, MessageCombiners.min, MessageCombiners.of((a: number, b: number) => Math.min(a, b), { numeric: true }), MessageCombiners.of((a: number, b: number) => Math.min(a, b))];
  await assertProperty(t, fc.property(randomEdges(30, 60), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 6 }), (e, c, P) => {
    const g = csrOf(e);
    const both = symmetrize(g);
    const want = connectedComponents(g);
    const got = runVertexCentricIteration({ csr: both, vertexValues: Array.from({ length: g.vertexCount }, (_, v) => v), edgeValues: nulls(both) }, new MinLabel(), combiners[c]!, 1000, { parallelism: P });
    return got.vertexValues.every((l, v) => l === want[v]);
  }), { file: import.meta.url, numRuns: 200 });
});

/** Walks of length exactly k from vertex 0, summed by the sum combiner: sparse supersteps push, dense ones pull. */
class WalkCount extends ComputeFunction<number, unknown, number> {
  constructor(private readonly length: number) { super(); }
  compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    const step = this.getSuperstepNumber();
    let walks = 0;
    if (step === 1) walks = vertex.id === 0 ? 1 : 0;
    else for (const m of messages) walks += m;
    this.setNewVertexValue(walks);
    // every vertex stays active by messaging itself; only vertices that some walk reached send along their edges
    if (step <= this.length) {
      if (walks > 0) this.sendMessageToAllNeighbors(walks);
      this.sendMessageTo(vertex.id, 0);
    }
  }
}

function walkCounts(e: { vertexCount: number; sources: number[]; targets: number[] }, length: number): number[] {
  let counts = new Array<number>(e.vertexCount).fill(0);
  counts[0] = 1;
  for (let k = 0; k < length; k++) {
    const next = new Array<number>(e.vertexCount).fill(0);
    e.sources.forEach((s, i) => { next[e.targets[i]!]! += counts[s]!; });
    counts = next;
  }
  return counts;
}

test("walk counts with the sum combiner equal matrix powers, on every partition count, both with and without the combiner", async (t) => {
  await assertProperty(t, fc.property(randomEdges(25, 80), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (e, length, P, combine) => {
    const g = csrOf(e);
    const got = runVertexCentricIteration({ csr: g, vertexValues: new Array<number>(g.vertexCount).fill(0), edgeValues: nulls(g) }, new WalkCount(length), combine ? MessageCombiners.sum : null, length + 1, { parallelism: P });
    const want = walkCounts(e, length);
    return got.supersteps === length + 1 && got.vertexValues.every((w, v) => w === want[v]);
  }), { file: import.meta.url, numRuns: 300 });
});

test("a vertex sent only -0 under the sum combiner still runs, and sees +0", (t) => {
  const g = graph(2, [[0, 1]]);
  class NegativeZero extends ComputeFunction<number, unknown, number> {
    compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
      if (this.getSuperstepNumber() === 1) { if (vertex.id === 0) this.sendMessageToAllNeighbors(-0); return; }
      const all = [...messages];
      this.setNewVertexValue(all.length === 1 && Object.is(all[0], 0) ? 42 : -1);
    }
  }
  for (const P of [1, 2]) t.deepEqual(runVertexCentricIteration({ csr: g, vertexValues: [0, 0], edgeValues: [null] }, new NegativeZero(), MessageCombiners.sum, 5, { parallelism: P }).vertexValues, [0, 42]);
});

test("an empty graph runs one superstep", (t) => {
  for (const combiner of [null, MessageCombiners.sum]) {
    const result = runVertexCentricIteration({ csr: graph(0, []), vertexValues: [], edgeValues: [] }, new MaxValue(), combiner, 5, { parallelism: 2 });
    t.deepEqual(result, { vertexValues: [], supersteps: 1, aggregates: {} });
  }
});
