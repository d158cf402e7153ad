// Where an initial variable stream enters the loop: its records wait, in this thread, for the head of the same
// variable stream and subtask, which emits them as superstep 0. Watermarks stop here: inside the loop time is the
// superstep.
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator, type OperatorContext } from "../operators/operator.js";
import type { Output } from "../operators/output.js";
import { barrierOf, type IterationSpec } from "./iteration-spec.js";
import type { SuperstepBarrier } from "./superstep-barrier.js";

export class IterationEntryOperator extends AbstractStreamOperator<never> {
  private barrier!: SuperstepBarrier;

  constructor(
    name: string,
    private readonly spec: IterationSpec,
    private readonly variable: number,
  ) {
    super(name);
  }

  override setup(ctx: OperatorContext, output: Output<never>): void {
    super.setup(ctx, output);
    this.barrier = barrierOf(ctx, this.spec);
    this.barrier.registerVariable(this.variable, ctx.parallelism);
  }

  processBatch(batch: RecordBatch<unknown>): void {
    this.barrier.enter(this.variable, this.ctx.subtaskIndex, batch.values, batch.length);
  }

  override processWatermark(): void {}
  override processWatermarkStatus(): void {}

  override endInput(): void {
    this.barrier.endEntry(this.variable, this.ctx.subtaskIndex);
  }
}
