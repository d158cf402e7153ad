// The solution set of a delta iteration (Flink's DataSet delta iterations), kept by key in the subtask that owns the
// key. Input 0 carries solution records: the initial solution in superstep 0, then the delta of superstep e - 1 in
// superstep e; each replaces the entry of its key when it arrives. Input 1 carries probes (the step function's join
// with the solution set); they wait for the end of their superstep, when every delta of the previous superstep has
// been applied, and are then joined with the entry of their key (undefined when there is none) — so a probe always
// sees the solution as it was at the start of its superstep. When the iteration ends, the solution set goes out on a
// side output: the iteration's result.
import type { Key } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import type { Collector } from "../api/functions.js";
import { AbstractStreamOperator } from "../operators/operator.js";

export type SolutionSetJoinFunction<P, S, R> = (probe: P, solution: S | undefined, out: Collector<R>) => void;

export class SolutionSetOperator<S, P, R> extends AbstractStreamOperator<R> implements Collector<R> {
  private readonly entries = new Map<Key, S>();
  private probes: P[] = [];
  private superstep = 0;

  constructor(
    name: string,
    private readonly join: SolutionSetJoinFunction<P, S, R>,
    /** Probes of this superstep and later are not joined: Flink's step function runs this many times. */
    private readonly maxIterations: number,
    private readonly resultTag: OutputTag<S>,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<unknown>, input: number): void {
    const values = batch.values;
    if (input === 1) {
      for (let i = 0; i < batch.length; i++) this.probes.push(values[i] as P);
      return;
    }
    const key = this.ctx.keySelectors[0]!;
    for (let i = 0; i < batch.length; i++) this.entries.set(key(values[i]), values[i] as S);
  }

  collect(value: R): void {
    this.output.collect(value, this.superstep);
  }

  protected override onWatermark(timestamp: number): void {
    if (timestamp === MAX_WATERMARK) {
      for (const s of this.entries.values()) this.output.collectSide(this.resultTag as OutputTag<unknown>, s, this.superstep);
      return;
    }
    this.superstep = timestamp;
    const probes = this.probes;
    this.probes = [];
    if (timestamp >= this.maxIterations) return;
    const key = this.ctx.keySelectors[1]!;
    let i = 0;
    try {
      for (; i < probes.length; i++) this.join(probes[i]!, this.entries.get(key(probes[i])), this);
    } catch (e) {
      throw this.failure(e, probes[i]);
    }
  }
}
