// Flink Gelly's gather-sum-apply iteration (gsa.GatherSumApplyIteration; after PowerGraph, Gonzalez et al. 2012).
// Every superstep, each vertex updated in the superstep before (every vertex in superstep 1) offers itself as a
// Neighbor (its value and the edge's value) along each edge in the configured direction: with "out" (default) to the
// target of each of its out-edges, with "in" to the source of each in-edge, with "all" both. For every receiving
// vertex the GatherFunction turns each Neighbor into a partial value and the SumFunction folds them into one (as the
// partitions run, so sum must be associative); then the ApplyFunction sees that sum and the vertex's value and may
// set a new value, which makes the vertex offer itself in the next superstep. The iteration stops after a superstep
// in which no vertex was updated, or after maxIterations supersteps. The sums are one slot per vertex.
import type { CsrGraph } from "../graph/csr.js";
import { type AggregatorFactories, PartitionedAggregators } from "./aggregator.js";
import { checkInput, type EdgeDirection, type IterationInput, type IterationResult } from "./iteration-input.js";
import { SlotBlock } from "./message-blocks.js";
import { type BroadcastSets, CONTEXT, IterationFunction, SuperstepContext } from "./superstep-context.js";
import { partitionVertices, type VertexPartitions } from "./vertex-partitions.js";

const MODEL = "GatherSumApplyIteration";

/** Flink's GSAConfiguration. */
export interface GSAConfiguration {
  /** Vertex-range partitions per superstep (default 1). */
  readonly parallelism?: number;
  readonly aggregators?: AggregatorFactories;
  readonly gatherBroadcastSets?: BroadcastSets;
  readonly sumBroadcastSets?: BroadcastSets;
  readonly applyBroadcastSets?: BroadcastSets;
  /** Which neighbours a vertex gathers from: "out" (default: the sources of its in-edges offer themselves along their out-edges), "in", or "all". */
  readonly direction?: EdgeDirection;
  /** Give getNumberOfVertices() the vertex count (Flink's setOptNumVertices); default false (-1). */
  readonly numberOfVertices?: boolean;
  /** The gathered values are numbers: keep the sums in a Float64Array (default false: an array). */
  readonly numeric?: boolean;
}

/** What a gather sees of one neighbour (Flink's Neighbor). Reused between calls. */
export interface Neighbor<VV, EV> {
  neighborValue: VV;
  edgeValue: EV;
}

/** Flink's gsa.GatherFunction: the partial value one neighbour contributes. */
export abstract class GatherFunction<VV, EV, M> extends IterationFunction {
  abstract gather(neighbor: Neighbor<VV, EV>): M;
}

/** Flink's SumFunction: folds two partial values (associative). */
export abstract class SumFunction<VV, EV, M> extends IterationFunction {
  abstract sum(a: M, b: M): M;
}

const RESULT: unique symbol = Symbol("apply result");

/** Flink's ApplyFunction: updates a vertex from the sum of its neighbours' partial values. */
export abstract class ApplyFunction<VV, M> extends IterationFunction {
  [RESULT]: ((value: VV) => void) | undefined;

  /** Runs once per superstep for every vertex that gathered something. */
  abstract apply(newValue: M, currentValue: VV): void;

  /** Sets the vertex's new value and makes it offer itself in the next superstep. */
  setResult(value: VV): void {
    const set = this[RESULT];
    if (set === undefined) throw new Error(`${MODEL}: setResult works only while apply runs`);
    set(value);
  }
}

/** Runs a gather-sum-apply iteration (Flink's graph.runGatherSumApplyIteration(gather, sum, apply, maxIterations, parameters)). */
export function runGatherSumApplyIteration<VV, EV, M>(
  input: IterationInput<VV, EV>,
  gatherFunction: GatherFunction<VV, EV, M>,
  sumFunction: SumFunction<VV, EV, M>,
  applyFunction: ApplyFunction<VV, M>,
  maxIterations: number,
  parameters: GSAConfiguration = {},
): IterationResult<VV> {
  const parallelism = parameters.parallelism ?? 1;
  checkInput(MODEL, input, maxIterations, parallelism);
  const engine = new GatherSumApplyEngine<VV, EV, M>(input, gatherFunction, sumFunction, applyFunction, parallelism, parameters);
  gatherFunction[CONTEXT] = engine.gatherContext;
  sumFunction[CONTEXT] = engine.sumContext;
  applyFunction[CONTEXT] = engine.applyContext;
  applyFunction[RESULT] = (value) => engine.setResult(value);
  try {
    const supersteps = engine.run(maxIterations);
    return { vertexValues: engine.values, supersteps, aggregates: engine.aggregators.last() };
  } finally {
    gatherFunction[CONTEXT] = sumFunction[CONTEXT] = applyFunction[CONTEXT] = undefined;
    applyFunction[RESULT] = undefined;
  }
}

class GatherSumApplyEngine<VV, EV, M> {
  readonly values: VV[];
  readonly aggregators: PartitionedAggregators;
  readonly gatherContext: SuperstepContext;
  readonly sumContext: SuperstepContext;
  readonly applyContext: SuperstepContext;
  private readonly csr: CsrGraph;
  private readonly edgeValues: readonly EV[];
  private readonly direction: EdgeDirection;
  private readonly parts: VertexPartitions;
  private readonly updated: Uint8Array;
  /** sumIn[q]: partition q's sums; sumOut[p][q]: what partition p gathered for q's vertices this superstep. */
  private readonly sumIn: SlotBlock<M>[] = [];
  private readonly sumOut: SlotBlock<M>[][] = [];
  private readonly neighbor: Neighbor<VV, EV> = { neighborValue: undefined as VV, edgeValue: undefined as EV };
  private current = 0;
  private updates = 0;

  constructor(input: IterationInput<VV, EV>, private readonly gather: GatherFunction<VV, EV, M>, private readonly sum: SumFunction<VV, EV, M>, private readonly apply: ApplyFunction<VV, M>, parallelism: number, parameters: GSAConfiguration) {
    this.csr = input.csr;
    this.edgeValues = input.edgeValues;
    this.values = input.vertexValues.slice();
    this.direction = parameters.direction ?? "out";
    if (this.direction !== "out" && this.direction !== "in" && this.direction !== "all") throw new RangeError(`${MODEL}: direction must be "out", "in" or "all", got ${String(this.direction)}`);
    const n = this.csr.vertexCount;
    this.parts = partitionVertices(n, parallelism);
    this.aggregators = new PartitionedAggregators(MODEL, parameters.aggregators ?? {}, parallelism);
    const count = parameters.numberOfVertices === true ? n : -1;
    this.gatherContext = new SuperstepContext(MODEL, this.aggregators, parameters.gatherBroadcastSets ?? {}, count);
    this.sumContext = new SuperstepContext(MODEL, this.aggregators, parameters.sumBroadcastSets ?? {}, count);
    this.applyContext = new SuperstepContext(MODEL, this.aggregators, parameters.applyBroadcastSets ?? {}, count);
    this.updated = new Uint8Array(n).fill(1);
    const numeric = parameters.numeric === true;
    const { bounds } = this.parts;
    for (let p = 0; p < parallelism; p++) {
      this.sumIn.push(new SlotBlock<M>(bounds[p + 1]! - bounds[p]!, numeric, 0));
      this.sumOut.push(Array.from({ length: parallelism }, (_, q) => new SlotBlock<M>(bounds[q + 1]! - bounds[q]!, numeric, 0)));
    }
  }

  run(maxIterations: number): number {
    let superstep = 0;
    const P = this.parts.count;
    while (superstep < maxIterations) {
      superstep++;
      this.gatherContext.superstep = this.sumContext.superstep = this.applyContext.superstep = superstep;
      for (let p = 0; p < P; p++) this.gatherPartition(p);
      // barrier 1: partial sums reach their vertex's partition, folded in partition order
      for (let q = 0; q < P; q++) {
        const into = this.sumIn[q]!;
        for (let p = 0; p < P; p++) this.fold(q, into, this.sumOut[p]![q]!);
      }
      this.updates = 0;
      for (let p = 0; p < P; p++) this.applyPartition(p);
      // barrier 2: the superstep's aggregates
      this.aggregators.merge();
      if (this.updates === 0) break;
    }
    return superstep;
  }

  private gatherPartition(p: number): void {
    const g = this.csr;
    const { gather, sum, neighbor, values, edgeValues, updated } = this;
    this.gatherContext.partition = this.sumContext.partition = p;
    gather.preSuperstep();
    sum.preSuperstep();
    const out = this.sumOut[p]!;
    const useOut = this.direction !== "in";
    const useIn = this.direction !== "out";
    for (let u = this.parts.bounds[p]!, end = this.parts.bounds[p + 1]!; u < end; u++) {
      if (updated[u] === 0) continue;
      // offered once: only a new value in this superstep's apply offers it again
      updated[u] = 0;
      neighbor.neighborValue = values[u]!;
      if (useOut) {
        for (let i = g.outOffsets[u]!, e = g.outOffsets[u + 1]!; i < e; i++) {
          neighbor.edgeValue = edgeValues[g.outEdges[i]!]!;
          this.add(out, g.outTargets[i]!, gather.gather(neighbor));
        }
      }
      if (useIn) {
        for (let i = g.inOffsets[u]!, e = g.inOffsets[u + 1]!; i < e; i++) {
          neighbor.edgeValue = edgeValues[g.inEdges[i]!]!;
          this.add(out, g.inSources[i]!, gather.gather(neighbor));
        }
      }
    }
    sum.postSuperstep();
    gather.postSuperstep();
  }

  private add(out: SlotBlock<M>[], t: number, m: M): void {
    const parts = this.parts;
    const q = parts.count === 1 ? 0 : parts.owner[t]!;
    const l = t - parts.bounds[q]!;
    const block = out[q]!;
    const values = block.values as M[];
    values[l] = block.present[l] === 0 ? m : this.sum.sum(values[l]!, m);
    block.present[l] = 1;
  }

  /** Folds partition p's partial sums for q into q's inbox and empties them. */
  private fold(q: number, into: SlotBlock<M>, from: SlotBlock<M>): void {
    this.sumContext.partition = q;
    const present = from.present;
    const fromValues = from.values as M[];
    const intoValues = into.values as M[];
    for (let l = 0; l < present.length; l++) {
      if (present[l] === 0) continue;
      intoValues[l] = into.present[l] === 0 ? fromValues[l]! : this.sum.sum(intoValues[l]!, fromValues[l]!);
      into.present[l] = 1;
      present[l] = 0;
    }
  }

  private applyPartition(p: number): void {
    const { apply, values } = this;
    this.applyContext.partition = p;
    apply.preSuperstep();
    const start = this.parts.bounds[p]!;
    const inbox = this.sumIn[p]!;
    const present = inbox.present;
    const sums = inbox.values as M[];
    for (let v = start, end = this.parts.bounds[p + 1]!; v < end; v++) {
      const l = v - start;
      if (present[l] === 0) continue;
      present[l] = 0;
      this.current = v;
      apply.apply(sums[l]!, values[v]!);
    }
    apply.postSuperstep();
  }

  setResult(value: VV): void {
    this.values[this.current] = value;
    if (this.updated[this.current] === 0) {
      this.updated[this.current] = 1;
      this.updates++;
    }
  }
}
