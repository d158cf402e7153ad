// PageRank written as a Flink user writes it with the vertex-centric model: a ComputeFunction and the sum
// MessageCombiner. It follows the library kernel (gelly/library/link-analysis/page-rank.ts) and Flink's PageRank:
// each vertex splits its score over its out-edges; the mass of sink vertices is collected by an aggregator and spread
// evenly one superstep later together with the random jump, so the scores sum to 1. Superstep 1 only distributes the
// initial 1/n, so k power iterations take k + 1 supersteps. A vertex with no in-edges would get no message and stop
// running, so every vertex also sends itself a 0 each superstep. The out-degrees come in as a broadcast set.
import { outDegrees, type CsrGraph } from "../../graph/csr.js";
import { DoubleSumAggregator } from "../aggregator.js";
import type { Vertex } from "../iteration-input.js";
import { MessageCombiners } from "../message-combiner.js";
import type { MessageIterator } from "../message-iterator.js";
import { ComputeFunction, runVertexCentricIteration } from "../vertex-centric-iteration.js";

export class PageRankCompute extends ComputeFunction<number, unknown, number> {
  private degrees: ArrayLike<number> = [];
  private dangling: DoubleSumAggregator = new DoubleSumAggregator();
  private lostMass = 0;
  private vertexCount = 0;

  constructor(private readonly dampingFactor: number, private readonly iterations: number) {
    super();
  }

  override preSuperstep(): void {
    this.degrees = this.getBroadcastSet<number>("outDegrees");
    this.dangling = this.getIterationAggregator<DoubleSumAggregator>("dangling");
    this.lostMass = this.getPreviousIterationAggregate<number>("dangling") ?? 0;
    this.vertexCount = this.getNumberOfVertices();
  }

  compute(vertex: Vertex<number>, messages: MessageIterator<number>): void {
    const d = this.dampingFactor;
    const superstep = this.getSuperstepNumber();
    let score = vertex.value;
    if (superstep > 1) {
      let received = 0;
      for (const m of messages) received += m;
      score = (1 - d + d * this.lostMass) / this.vertexCount + d * received;
      this.setNewVertexValue(score);
    }
    if (superstep <= this.iterations) {
      const degree = this.degrees[vertex.id]!;
      if (degree === 0) this.dangling.aggregate(score);
      else this.sendMessageToAllNeighbors(score / degree);
      this.sendMessageTo(vertex.id, 0);
    }
  }
}

export interface PregelPageRankOptions {
  readonly dampingFactor?: number;
  /** Power iterations (default 10, as the kernel); iterations + 1 supersteps run. */
  readonly iterations?: number;
  readonly parallelism?: number;
  /** Use the sum combiner (default true); without it every message is kept and summed by compute. */
  readonly combine?: boolean;
}

/** The PageRank scores of every dense vertex after `iterations` power iterations, from 1/n everywhere. */
export function pregelPageRank(g: CsrGraph, options: PregelPageRankOptions = {}): number[] {
  const n = g.vertexCount;
  const iterations = options.iterations ?? 10;
  const input = { csr: g, vertexValues: new Array<number>(n).fill(1 / n), edgeValues: new Array<unknown>(g.edgeCount).fill(null) };
  const combiner = options.combine === false ? null : MessageCombiners.sum;
  const result = runVertexCentricIteration(input, new PageRankCompute(options.dampingFactor ?? 0.85, iterations), combiner, iterations + 1, {
    aggregators: { dangling: () => new DoubleSumAggregator() },
    broadcastSets: { outDegrees: outDegrees(g) },
    numberOfVertices: true,
    parallelism: options.parallelism ?? 1,
  });
  return result.vertexValues;
}
