// The scatter-gather model against Flink's documented semantics, worked by hand: who scatters (updated vertices) and
// who gathers (vertices sent messages) in each superstep, halting when nobody is updated, the three edge directions,
// the degrees and vertex-count options, per-function broadcast sets, aggregators, misuse; and results independent of
// the partition count.
import test from "ava";
import fc from "fast-check";
import { buildCsr, type CsrGraph } from "../../../gelly/graph/csr.js";
import { assertProperty } from "../../helpers/property.js";
import { csrOf, randomEdges } from "../library/a-fixtures.js";
import { LongSumAggregator } from "../../../gelly/iteration/aggregator.js";
import type { EdgeDirection, Vertex } from "../../../gelly/iteration/iteration-input.js";
import type { MessageIterator } from "../../../gelly/iteration/message-iterator.js";
import { GatherFunction, runScatterGatherIteration, ScatterFunction } from "../../../gelly/iteration/scatter-gather-iteration.js";

function graph(n: number, edges: [number, number][]): CsrGraph {
  return buildCsr(n, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

const log: string[] = [];

class SendValue extends ScatterFunction<number, string, number> {
  sendMessages(vertex: Vertex<number>): void {
    log.push(`s${this.getSuperstepNumber()}:${vertex.id}`);
    this.sendMessageToAllNeighbors(vertex.value);
  }
}

class TakeMax extends GatherFunction<number, string, number> {
  updateVertex(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    log.push(`g${this.getSuperstepNumber()}:${vertex.id}`);
    let max = Number.NEGATIVE_INFINITY;
    for (const m of messages) if (m > max) max = m;
    if (max > vertex.value) this.setNewVertexValue(max);
  }
}

const chain = graph(3, [[0, 1], [1, 2]]);
const chainInput = { csr: chain, vertexValues: [1, 2, 3], edgeValues: ["a", "b"] };

const byDirection: [EdgeDirection, number[], number, string[]][] = [
  // out: 0 sends 1 to 1, 1 sends 2 to 2; neither is larger: nobody is updated after superstep 1
  ["out", [1, 2, 3], 1, ["s1:0", "s1:1", "s1:2", "g1:1", "g1:2"]],
  // in: 1 sends 2 to 0, 2 sends 3 to 1: both take it; superstep 2: 0 has no in-neighbour, 1 sends 3 to 0, which
  // takes it; superstep 3: 0 scatters to nobody, so nobody gathers or is updated
  ["in", [3, 3, 3], 3, ["s1:0", "s1:1", "s1:2", "g1:0", "g1:1", "s2:0", "s2:1", "g2:0", "s3:0"]],
  // all: superstep 1: 0 takes 2, 1 takes 3; superstep 2: 0 takes 3 from 1; superstep 3: 0's 3 changes nobody
  ["all", [3, 3, 3], 3, ["s1:0", "s1:1", "s1:2", "g1:0", "g1:1", "g1:2", "s2:0", "s2:1", "g2:0", "g2:1", "g2:2", "s3:0", "g3:1"]],
];

for (const [direction, values, supersteps, trace] of byDirection) {
  test(`max propagation on 0→1→2 (values 1 2 3) along "${direction}" edges, by hand`, (t) => {
    for (let P = 1; P <= 3; P++) {
      log.length = 0;
      const result = runScatterGatherIteration(chainInput, new SendValue(), new TakeMax(), 10, { direction, parallelism: P });
      t.deepEqual(result.vertexValues, values, `P = ${P}`);
      t.is(result.supersteps, supersteps);
      // within a phase partitions run in order, so the trace is the same for every P
      t.deepEqual(log, trace, `P = ${P}`);
    }
  });
}

test("getEdges follows the direction: out-edges, in-edges, or out-edges then in-edges", (t) => {
  const seen: string[] = [];
  class Edges extends ScatterFunction<number, string, number> {
    sendMessages(vertex: Vertex<number>): void {
      if (vertex.id === 1) for (const e of this.getEdges()) seen.push(`${this.getDirection()} ${e.source}->${e.target}=${e.value}`);
    }
  }
  class Never extends GatherFunction<number, string, number> {
    updateVertex(): void {}
  }
  for (const direction of ["out", "in", "all"] as const) runScatterGatherIteration(chainInput, new Edges(), new Never(), 1, { direction });
  t.deepEqual(seen, ["out 1->2=b", "in 0->1=a", "all 1->2=b", "all 0->1=a"]);
});

test("degrees and the number of vertices are -1 unless asked for", (t) => {
  const g = graph(3, [[0, 1], [0, 2], [1, 2]]);
  const seen: string[] = [];
  class Degrees extends ScatterFunction<number, null, number> {
    sendMessages(vertex: Vertex<number>): void {
      seen.push(`${vertex.id}: in ${this.getInDegree()} out ${this.getOutDegree()} n ${this.getNumberOfVertices()}`);
      this.sendMessageTo(vertex.id, 0);
    }
  }
  class GatherDegrees extends GatherFunction<number, null, number> {
    updateVertex(vertex: Vertex<number>): void {
      seen.push(`gather ${vertex.id}: in ${this.getInDegree()} out ${this.getOutDegree()}`);
    }
  }
  const input = { csr: g, vertexValues: [0, 0, 0], edgeValues: [null, null, null] };
  runScatterGatherIteration(input, new Degrees(), new GatherDegrees(), 1, { degrees: true, numberOfVertices: true });
  t.deepEqual(seen.splice(0), ["0: in 0 out 2 n 3", "1: in 1 out 1 n 3", "2: in 2 out 0 n 3", "gather 0: in 0 out 2", "gather 1: in 1 out 1", "gather 2: in 2 out 0"]);
  runScatterGatherIteration(input, new Degrees(), new GatherDegrees(), 1);
  t.deepEqual(seen, ["0: in -1 out -1 n -1", "1: in -1 out -1 n -1", "2: in -1 out -1 n -1", "gather 0: in -1 out -1", "gather 1: in -1 out -1", "gather 2: in -1 out -1"]);
});

test("each function sees its own broadcast sets; aggregators span both phases", (t) => {
  class Scatter extends ScatterFunction<number, string, number> {
    sendMessages(vertex: Vertex<number>): void {
      this.getIterationAggregator<LongSumAggregator>("calls").aggregate(1);
      this.sendMessageToAllNeighbors(vertex.value + this.getBroadcastSet<number>("bonus")[0]!);
    }
  }
  class Gather extends GatherFunction<number, string, number> {
    updateVertex(vertex: Vertex<number>, messages: MessageIterator<number>): void {
      this.getIterationAggregator<LongSumAggregator>("calls").aggregate(1);
      t.throws(() => this.getBroadcastSet("bonus"), { message: /no broadcast set "bonus" is registered for this function \(registered: scale\)/ });
      if (this.getSuperstepNumber() === 1) this.setNewVertexValue(messages.nextMessage() * this.getBroadcastSet<number>("scale")[0]!);
    }
  }
  const result = runScatterGatherIteration(chainInput, new Scatter(), new Gather(), 5, {
    scatterBroadcastSets: { bonus: [10] },
    gatherBroadcastSets: { scale: [2] },
    aggregators: { calls: () => new LongSumAggregator() },
  });
  // superstep 1: 3 scatters + 2 gathers (1 gets (1+10)·2 = 22, 2 gets (2+10)·2 = 24); superstep 2: 1 and 2
  // scatter, 2 gathers without an update: 2 + 1 calls
  t.deepEqual(result.vertexValues, [1, 22, 24]);
  t.is(result.supersteps, 2);
  t.deepEqual(result.aggregates, { calls: 3 });
});

test("misuse is reported with the vertex and what to do", (t) => {
  class Twice extends GatherFunction<number, string, number> {
    updateVertex(): void { this.setNewVertexValue(1); this.setNewVertexValue(2); }
  }
  t.throws(() => runScatterGatherIteration(chainInput, new SendValue(), new Twice(), 3), { message: /setNewVertexValue was called twice for vertex 1 in superstep 1/ });
  class EdgesTwice extends ScatterFunction<number, string, number> {
    sendMessages(): void { this.getEdges(); this.sendMessageToAllNeighbors(1); }
  }
  t.throws(() => runScatterGatherIteration(chainInput, new EdgesTwice(), new TakeMax(), 3), { message: /getEdges\(\) or sendMessageToAllNeighbors\(\) twice/ });
  t.throws(() => runScatterGatherIteration(chainInput, new SendValue(), new TakeMax(), 3, { direction: "both" as EdgeDirection }), { message: /direction must be "out", "in" or "all"/ });
});

test("an order-sensitive iteration gives the same strings for every partition count and direction", async (t) => {
  class Send extends ScatterFunction<string, number, string> {
    sendMessages(vertex: Vertex<string>): void {
      for (const e of this.getEdges()) this.sendMessageTo(e.source === vertex.id ? e.target : e.source, `${vertex.id}${e.value}`);
    }
  }
  class Append extends GatherFunction<string, number, string> {
    updateVertex(vertex: Vertex<string>, messages: MessageIterator<string>): void {
      this.setNewVertexValue(`${vertex.value}(${[...messages].join(",")})`);
    }
  }
  await assertProperty(t, fc.property(randomEdges(12, 30), fc.constantFrom<EdgeDirection>("out", "in", "all"), fc.integer({ min: 2, max: 5 }), (e, direction, P) => {
    const g = csrOf(e);
    const input = { csr: g, vertexValues: Array.from({ length: g.vertexCount }, (_, v) => String(v)), edgeValues: e.sources.map((_, i) => i % 3) };
    const one = runScatterGatherIteration(input, new Send(), new Append(), 3, { direction });
    const many = runScatterGatherIteration(input, new Send(), new Append(), 3, { direction, parallelism: P });
    return one.supersteps === many.supersteps && one.vertexValues.every((s, v) => s === many.vertexValues[v]);
  }), { file: import.meta.url, numRuns: 200 });
});

test("an empty graph runs one superstep", (t) => {
  const result = runScatterGatherIteration({ csr: graph(0, []), vertexValues: [], edgeValues: [] }, new SendValue(), new TakeMax(), 5, { parallelism: 3 });
  t.deepEqual(result, { vertexValues: [], supersteps: 1, aggregates: {} });
});
