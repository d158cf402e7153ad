// The iteration models through the Graph API: graph.runVertexCentricIteration / runScatterGatherIteration /
// runGatherSumApplyIteration return the graph with the final vertex values under the user's keys, and the GSA
// library algorithms (GSAConnectedComponents, GSASingleSourceShortestPaths) answer as the kernel-backed
// ConnectedComponents and SingleSourceShortestPaths do — on string keys whose order differs from the vertex order.
import assert from "node:assert/strict";
import test from "ava";
import fc from "fast-check";
import {
  ApplyFunction, ComputeFunction, ConnectedComponents, GatherFunction, Graph, GSAConnectedComponents, GSAGatherFunction, GSASingleSourceShortestPaths,
  MessageCombiners, type MessageIterator, ScatterFunction, SingleSourceShortestPaths, SumFunction,
  type GSANeighbor as Neighbor, type IterationVertex as Vertex,
} from "../../../gelly/index.js";
import { assertProperty } from "../../helpers/property.js";

/** Pregel min-label propagation along out-edges and back (the graph is given both directions). */
class MinLabel extends ComputeFunction<number, number, number> {
  compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    let min = vertex.value;
    for (const m of messages) if (m < min) min = m;
    if (min < vertex.value || this.getSuperstepNumber() === 1) {
      if (min < vertex.value) this.setNewVertexValue(min);
      this.sendMessageToAllNeighbors(min);
    }
  }
}

class OfferLabel extends ScatterFunction<number, number, number> {
  sendMessages(vertex: Vertex<number>): void {
    this.sendMessageToAllNeighbors(vertex.value);
  }
}

class TakeSmaller extends GatherFunction<number, number, number> {
  updateVertex(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    let min = vertex.value;
    for (const m of messages) if (m < min) min = m;
    if (min < vertex.value) this.setNewVertexValue(min);
  }
}

class NeighborLabel extends GSAGatherFunction<number, number, number> {
  gather(neighbor: Neighbor<number, number>): number {
    return neighbor.neighborValue;
  }
}
class Smallest extends SumFunction<number, number, number> {
  sum(a: number, b: number): number {
    return Math.min(a, b);
  }
}
class Adopt extends ApplyFunction<number, number> {
  apply(summed: number, current: number): void {
    if (summed < current) this.setResult(summed);
  }
}

const graphs = fc.integer({ min: 1, max: 20 }).chain((n) =>
  fc.record({ n: fc.constant(n), edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 9 })), { maxLength: 40 }) }),
);

/** Keys "v<i>" given in reverse order, each valued by its number, both directions of every link. */
function keyed(n: number, edges: readonly (readonly [number, number, number])[]): Graph<string, number, number> {
  const vertices = Array.from({ length: n }, (_, i) => ({ id: `v${n - 1 - i}`, value: n - 1 - i }));
  return Graph.fromCollection(vertices, edges.flatMap(([s, t, w]) => [{ source: `v${s}`, target: `v${t}`, value: w }, { source: `v${t}`, target: `v${s}`, value: w }]));
}

const byId = (vs: readonly { id: string; value: unknown }[]) => Object.fromEntries(vs.map((v) => [v.id, v.value]));

test("the three models, run through the Graph, give ConnectedComponents' labels under the user's keys", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(graphs, async ({ n, edges }) => {
      const g = keyed(n, edges);
      const expected = byId(await g.run(new ConnectedComponents()).collect());
      const pregel = byId(await g.runVertexCentricIteration(new MinLabel(), MessageCombiners.min, n + 2).getVertices().collect());
      const scatterGather = byId(await g.runScatterGatherIteration(new OfferLabel(), new TakeSmaller(), n + 2).getVertices().collect());
      const gsa = byId(await g.runGatherSumApplyIteration(new NeighborLabel(), new Smallest(), new Adopt(), n + 2).getVertices().collect());
      assert.deepStrictEqual(pregel, expected);
      assert.deepStrictEqual(scatterGather, expected);
      assert.deepStrictEqual(gsa, expected);
      const same = await keyed(n, edges).getVertices().collect();
      assert.deepStrictEqual(byId(same), Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, i])), "the input graph is unchanged");
    }),
    { numRuns: 60, file: import.meta.url },
  );
});

test("GSAConnectedComponents and GSASingleSourceShortestPaths answer as the kernel-backed algorithms, converged and capped", async (t) => {
  await assertProperty(
    t,
    fc.asyncProperty(graphs, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), async ({ n, edges }, cap, parallelism) => {
      const g = keyed(n, edges);
      assert.deepStrictEqual(byId(await g.run(new GSAConnectedComponents(undefined, parallelism)).collect()), byId(await g.run(new ConnectedComponents()).collect()));
      assert.deepStrictEqual(byId(await g.run(new GSAConnectedComponents(cap)).collect()), byId(await g.run(new ConnectedComponents(cap)).collect()));
      assert.deepStrictEqual(byId(await g.run(new GSASingleSourceShortestPaths("v0", undefined, parallelism)).collect()), byId(await g.run(new SingleSourceShortestPaths("v0")).collect()));
      assert.deepStrictEqual(byId(await g.run(new GSASingleSourceShortestPaths("v0", cap)).collect()), byId(await g.run(new SingleSourceShortestPaths("v0", cap)).collect()));
    }),
    { numRuns: 60, file: import.meta.url },
  );
});

test("a GSA source that is not a vertex is named in the error", (t) => {
  const g = keyed(3, [[0, 1, 1]]);
  t.throws(() => g.run(new GSASingleSourceShortestPaths("nope")), { message: /the source nope is not a vertex/ });
});
