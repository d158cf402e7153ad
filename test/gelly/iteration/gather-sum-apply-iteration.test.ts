// The gather-sum-apply model against Flink's semantics, worked by hand: updated vertices offer themselves along the
// configured direction, receivers gather, sum and apply, the iteration halts when nobody is updated; edge values reach
// gather through Neighbor; the vertex-count option, per-function broadcast sets and aggregators; partition counts.
import test from "ava";
import fc from "fast-check";
import { buildCsr, type CsrGraph } from "../../../gelly/graph/csr.js";
import { assertProperty } from "../../helpers/property.js";
import { csrOf, randomEdges } from "../library/a-fixtures.js";
import { LongSumAggregator } from "../../../gelly/iteration/aggregator.js";
import { ApplyFunction, GatherFunction, type Neighbor, runGatherSumApplyIteration, SumFunction } from "../../../gelly/iteration/gather-sum-apply-iteration.js";
import type { EdgeDirection } from "../../../gelly/iteration/iteration-input.js";

function graph(n: number, edges: [number, number][]): CsrGraph {
  return buildCsr(n, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

const applied: string[] = [];

class NeighborValue extends GatherFunction<number, number, number> {
  gather(neighbor: Neighbor<number, number>): number { return neighbor.neighborValue; }
}
class Max extends SumFunction<number, number, number> {
  sum(a: number, b: number): number { return Math.max(a, b); }
}
class KeepLarger extends ApplyFunction<number, number> {
  apply(gathered: number, current: number): void {
    applied.push(`${this.getSuperstepNumber()}:${gathered}/${current}`);
    if (gathered > current) this.setResult(gathered);
  }
}

const chain = graph(3, [[0, 1], [1, 2]]);
const chainInput = { csr: chain, vertexValues: [1, 2, 3], edgeValues: [0, 0] };

const byDirection: [EdgeDirection, number[], number, string[]][] = [
  // out: 0 offers 1 to 1, 1 offers 2 to 2; both smaller: nobody is updated after superstep 1
  ["out", [1, 2, 3], 1, ["1:1/2", "1:2/3"]],
  // in: 1 offers 2 to 0, 2 offers 3 to 1 (both taken); superstep 2: 1 offers 3 to 0 (taken); superstep 3: 0 offers
  // to nobody, so nobody applies
  ["in", [3, 3, 3], 3, ["1:2/1", "1:3/2", "2:3/2"]],
  // all: superstep 1: 0 gets 2, 1 gets max(1, 3), 2 gets 2; superstep 2: 0 gets 3, 1 gets 2, 2 gets 3; superstep 3:
  // 0 offers 3 to 1, which keeps its 3
  ["all", [3, 3, 3], 3, ["1:2/1", "1:3/2", "1:2/3", "2:3/2", "2:2/3", "2:3/3", "3:3/3"]],
];

for (const [direction, values, supersteps, trace] of byDirection) {
  test(`max propagation on 0→1→2 (values 1 2 3) gathering along "${direction}", by hand`, (t) => {
    for (let P = 1; P <= 3; P++) {
      applied.length = 0;
      const result = runGatherSumApplyIteration(chainInput, new NeighborValue(), new Max(), new KeepLarger(), 10, { direction, parallelism: P });
      t.deepEqual(result.vertexValues, values, `P = ${P}`);
      t.is(result.supersteps, supersteps);
      t.deepEqual(applied, trace, `P = ${P}`);
    }
  });
}

test("shortest paths by hand: gather sees the edge value, sum keeps the minimum, one superstep per hop", (t) => {
  // 0 →(4) 2, 0 →(1) 1, 1 →(1) 2: superstep 1 gives 1 → 1 and 2 → 4; superstep 2 gives 2 → 2; superstep 3 offers
  // 2 to nobody new
  const g = graph(3, [[0, 2], [0, 1], [1, 2]]);
  class Distance extends GatherFunction<number, number, number> {
    gather(n: Neighbor<number, number>): number { return n.neighborValue + n.edgeValue; }
  }
  class Min extends SumFunction<number, number, number> {
    sum(a: number, b: number): number { return Math.min(a, b); }
  }
  class Shorter extends ApplyFunction<number, number> {
    apply(d: number, current: number): void { if (d < current) this.setResult(d); }
  }
  for (const numeric of [false, true]) {
    const result = runGatherSumApplyIteration({ csr: g, vertexValues: [0, Infinity, Infinity], edgeValues: [4, 1, 1] }, new Distance(), new Min(), new Shorter(), 10, { numeric });
    t.deepEqual(result.vertexValues, [0, 1, 2]);
    t.is(result.supersteps, 3);
  }
});

test("the vertex count, each function's broadcast sets and a shared aggregator", (t) => {
  class Gather extends GatherFunction<number, number, number> {
    gather(n: Neighbor<number, number>): number {
      this.getIterationAggregator<LongSumAggregator>("calls").aggregate(1);
      return n.neighborValue * this.getBroadcastSet<number>("g")[0]!;
    }
  }
  class Sum extends SumFunction<number, number, number> {
    sum(a: number, b: number): number { return a + b + this.getBroadcastSet<number>("s")[0]!; }
  }
  class Apply extends ApplyFunction<number, number> {
    apply(sum: number): void {
      this.getIterationAggregator<LongSumAggregator>("calls").aggregate(1);
      if (this.getSuperstepNumber() === 1) this.setResult(sum + this.getBroadcastSet<number>("a")[0]! + this.getNumberOfVertices());
    }
  }
  // star into 0: 1, 2 and 3 offer 10·value; sum adds 1000 per fold (two folds); apply adds 5 and n = 4
  const g = graph(4, [[1, 0], [2, 0], [3, 0]]);
  for (let P = 1; P <= 4; P++) {
    const result = runGatherSumApplyIteration({ csr: g, vertexValues: [0, 1, 2, 3], edgeValues: [0, 0, 0] }, new Gather(), new Sum(), new Apply(), 5, {
      parallelism: P,
      gatherBroadcastSets: { g: [10] },
      sumBroadcastSets: { s: [1000] },
      applyBroadcastSets: { a: [5] },
      numberOfVertices: true,
      aggregators: { calls: () => new LongSumAggregator() },
    });
    t.deepEqual(result.vertexValues, [60 + 2000 + 5 + 4, 1, 2, 3], `P = ${P}`);
    // superstep 2: only 0 was updated and it has no out-edges: nobody gathers or applies
    t.is(result.supersteps, 2);
    t.deepEqual(result.aggregates, { calls: 0 });
  }
});

test("an order-sensitive (associative, not commutative) sum gives the same strings for every partition count and direction", async (t) => {
  class Tag extends GatherFunction<string, number, string> {
    gather(n: Neighbor<string, number>): string { return `${n.neighborValue.slice(0, 2)}${n.edgeValue};`; }
  }
  class Concat extends SumFunction<string, number, string> {
    sum(a: string, b: string): string { return a + b; }
  }
  class Append extends ApplyFunction<string, string> {
    apply(sum: string, current: string): void { this.setResult(`${current}[${sum}]`); }
  }
  await assertProperty(t, fc.property(randomEdges(12, 30), fc.constantFrom<EdgeDirection>("out", "in", "all"), fc.integer({ min: 2, max: 5 }), (e, direction, P) => {
    const g = csrOf(e);
    const input = { csr: g, vertexValues: Array.from({ length: g.vertexCount }, (_, v) => String(v)), edgeValues: e.sources.map((_, i) => i % 3) };
    const one = runGatherSumApplyIteration(input, new Tag(), new Concat(), new Append(), 3, { direction });
    const many = runGatherSumApplyIteration(input, new Tag(), new Concat(), new Append(), 3, { direction, parallelism: P });
    return one.supersteps === many.supersteps && one.vertexValues.every((s, v) => s === many.vertexValues[v]);
  }), { file: import.meta.url, numRuns: 200 });
});

test("an empty graph runs one superstep", (t) => {
  const result = runGatherSumApplyIteration({ csr: graph(0, []), vertexValues: [], edgeValues: [] }, new NeighborValue(), new Max(), new KeepLarger(), 5, { parallelism: 2 });
  t.deepEqual(result, { vertexValues: [], supersteps: 1, aggregates: {} });
});
