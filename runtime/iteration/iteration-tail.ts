// The end of the loop, per subtask. A feedback tail queues each record for the head of its variable stream and
// subtask (they share a thread), where it becomes part of the next superstep; a criteria tail only counts records
// (Flink ML's termination criteria: the iteration stops after a superstep in which that stream stayed empty). Both
// report to the barrier when their watermark says a superstep is complete.
import type { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import { AbstractStreamOperator, type OperatorContext } from "../operators/operator.js";
import type { Output } from "../operators/output.js";
import { barrierOf, type IterationSpec } from "./iteration-spec.js";
import type { SuperstepBarrier, TailRole } from "./superstep-barrier.js";

export class IterationTailOperator extends AbstractStreamOperator<never> {
  private barrier!: SuperstepBarrier;

  constructor(
    name: string,
    private readonly spec: IterationSpec,
    private readonly role: TailRole,
  ) {
    super(name);
  }

  override setup(ctx: OperatorContext, output: Output<never>): void {
    super.setup(ctx, output);
    this.barrier = barrierOf(ctx, this.spec);
    this.barrier.registerTail(this.role, ctx.parallelism);
  }

  processBatch(batch: RecordBatch<unknown>): void {
    if (this.role.kind === "feedback") this.barrier.feedBack(this.role.variable, this.ctx.subtaskIndex, batch.values, batch.length);
    else this.barrier.countCriteria(batch.length);
  }

  protected override onWatermark(superstep: number): void {
    // why: the final watermark follows the barrier's decision to stop; there is nothing left to report
    if (superstep === MAX_WATERMARK) return;
    this.barrier.reachedEnd(superstep);
  }
}
