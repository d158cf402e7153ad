// PageRank's supersteps on the worker pool: the job behind pageRankOnPool. The graph and the score vectors live in
// shared memory (SharedArrayBuffers handed to every worker with the job's arguments); each subtask of the partition
// operator owns one vertex range and writes only that range of the vectors, and the runtime's iteration separates the
// passes that read what others wrote. One PageRank iteration is two supersteps, as in Flink's (scatter, then
// AdjustScores after a global sum): a pull pass (projected[v] = Σ share[u] over in-edges, summed per range) and an
// adjust pass (the random jump and the mass that did not flow, spread evenly; new scores and shares; the change).
// A parallelism-1 barrier operator sums the ranges' partial results when a superstep ends and sends the next step —
// or nothing, which ends the iteration.
import { defineJob, Iterations, OutputTag, type RecordBatch } from "../../runtime/index.js";
import { AbstractStreamOperator } from "../../runtime/spi.js";
import { adjustRange, pullRange } from "../library/link-analysis/page-rank.js";

export interface PageRankJobArgs {
  readonly vertexCount: number;
  /** Range starts of the partitions (balancedVertexRanges), as Int32. */
  readonly bounds: SharedArrayBuffer;
  readonly inOffsets: SharedArrayBuffer;
  readonly inSources: SharedArrayBuffer;
  /** Float64 per vertex: 1 / out-degree, 0 for sinks. */
  readonly inverseOutDegree: SharedArrayBuffer;
  /** Float64 per vertex: score / out-degree, the amount each out-edge carries; set for the starting scores. */
  readonly share: SharedArrayBuffer;
  /** Float64 per vertex: scratch for the pull pass. */
  readonly projected: SharedArrayBuffer;
  /** Float64 per vertex: the scores, starting at 1/n; the result. */
  readonly scores: SharedArrayBuffer;
  readonly dampingFactor: number;
  readonly maxIterations: number;
  readonly convergenceThreshold: number;
}

/** What the barrier sends every partition for a superstep. */
type Step = { readonly pass: "pull" } | { readonly pass: "adjust"; readonly uniform: number };
/** A partition's share of a superstep's global sum: projected mass (pull) or L1 change (adjust). */
interface Partial {
  readonly pass: Step["pass"];
  readonly value: number;
}
export interface PageRankSummary {
  readonly iterations: number;
}

const SUMMARY = new OutputTag<PageRankSummary>("page-rank-summary");

export const pageRankJob = defineJob(import.meta.url, (env, a: PageRankJobArgs, ctx) => {
  const partitions = new Int32Array(a.bounds).length - 1;
  const start = env.fromCollection<Step>([{ pass: "pull" }]);
  const [summary] = Iterations.iterateBoundedStreamsUntilTermination<[Step], []>([start], [], { name: "PageRank" }, ([steps]) => {
    const partials = steps
      .broadcast()
      .transform<Partial>("PageRank Range", () => new RangeOperator(a))
      .setParallelism(partitions);
    const next = partials.global().transform<Step>("PageRank Barrier", () => new BarrierOperator(a)).setParallelism(1);
    return { feedbackVariableStreams: [next], outputStreams: [next.getSideOutput(SUMMARY)] };
  });
  summary!.sinkTo(ctx.collect<PageRankSummary>("summary"));
});

/** One vertex range's passes, on the shared vectors. */
class RangeOperator extends AbstractStreamOperator<Partial> {
  private from = 0;
  private to = 0;
  private readonly inOffsets: Int32Array;
  private readonly inSources: Int32Array;
  private readonly inverseOutDegree: Float64Array;
  private readonly share: Float64Array;
  private readonly projected: Float64Array;
  private readonly scores: Float64Array;

  constructor(private readonly a: PageRankJobArgs) {
    super("PageRank Range");
    this.inOffsets = new Int32Array(a.inOffsets);
    this.inSources = new Int32Array(a.inSources);
    this.inverseOutDegree = new Float64Array(a.inverseOutDegree);
    this.share = new Float64Array(a.share);
    this.projected = new Float64Array(a.projected);
    this.scores = new Float64Array(a.scores);
  }

  override open(): void {
    const bounds = new Int32Array(this.a.bounds);
    this.from = bounds[this.ctx.subtaskIndex]!;
    this.to = bounds[this.ctx.subtaskIndex + 1]!;
  }

  processBatch(batch: RecordBatch<Step>): void {
    for (let k = 0; k < batch.length; k++) {
      const step = batch.values[k]!;
      const value = step.pass === "pull" ? this.pull() : this.adjust(step.uniform);
      this.output.collect({ pass: step.pass, value }, batch.timestamps[k]!);
    }
  }

  private pull(): number {
    return pullRange(this.inOffsets, this.inSources, this.share, this.projected, this.from, this.to);
  }

  private adjust(uniform: number): number {
    return adjustRange(this.projected, this.scores, this.share, this.inverseOutDegree, this.a.dampingFactor, uniform, this.from, this.to);
  }
}

/** Sums the partitions' partials when a superstep ends and decides the next step (none: converged or at the limit). */
class BarrierOperator extends AbstractStreamOperator<Step> {
  private sum = 0;
  private pass: Step["pass"] | null = null;
  private iterations = 0;

  constructor(private readonly a: PageRankJobArgs) {
    super("PageRank Barrier");
  }

  processBatch(batch: RecordBatch<Partial>): void {
    for (let k = 0; k < batch.length; k++) {
      this.sum += batch.values[k]!.value;
      this.pass = batch.values[k]!.pass;
    }
  }

  protected override onWatermark(superstep: number): void {
    if (!Number.isFinite(superstep)) {
      this.output.collectSide(SUMMARY as OutputTag<unknown>, { iterations: this.iterations } satisfies PageRankSummary, 0);
      return;
    }
    const { dampingFactor: d, vertexCount: n } = this.a;
    const sum = this.sum;
    this.sum = 0;
    if (this.pass === "pull") {
      // why: Flink's AdjustScores — the random jump and the mass that did not flow (sinks, rounding) spread evenly
      this.output.collect({ pass: "adjust", uniform: (1 - d + d * (1 - sum)) / n }, superstep);
      return;
    }
    this.iterations++;
    if (sum > this.a.convergenceThreshold && this.iterations < this.a.maxIterations) this.output.collect({ pass: "pull" }, superstep);
  }
}
