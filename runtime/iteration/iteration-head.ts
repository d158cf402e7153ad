// The head of one variable stream of an iteration, per subtask: it has no input channels — its subtask polls it, as
// it polls a source — and emits superstep after superstep: first the records that entered the loop (superstep 0),
// then, each time the barrier lets the iteration go on, what its tail fed back (superstep e + 1). Each superstep's
// records carry the superstep as their timestamp and are followed by the superstep as a watermark. When the barrier
// stops the iteration, the head ends its input, which ends the loop's body and its outputs (loop-aware end of input).
import type { InputStatus } from "../connectors/source.js";
import { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import { AbstractStreamOperator, type OperatorContext } from "../operators/operator.js";
import type { Output } from "../operators/output.js";
import type { PolledOperator } from "../operators/polled-operator.js";
import { barrierOf, type IterationSpec } from "./iteration-spec.js";
import type { SuperstepBarrier } from "./superstep-barrier.js";

type Phase = "entering" | "waiting" | "feeding";

const NONE: unknown[] = [];

export class IterationHeadOperator<T> extends AbstractStreamOperator<T> implements PolledOperator<T> {
  readonly polled = true as const;
  private barrier!: SuperstepBarrier;
  private phase: Phase = "entering";
  private superstep = 0;
  /** Records of the current superstep still to emit, from `position` on. */
  private pending: unknown[] = NONE;
  private position = 0;
  private readonly batch = new RecordBatch<T>(0);

  constructor(
    name: string,
    private readonly spec: IterationSpec,
    private readonly variable: number,
  ) {
    super(name);
  }

  override setup(ctx: OperatorContext, output: Output<T>): void {
    super.setup(ctx, output);
    this.barrier = barrierOf(ctx, this.spec);
    this.barrier.registerVariable(this.variable, ctx.parallelism);
  }

  processBatch(): void {
    throw new Error(`iteration head '${this.name}' has no inputs`);
  }

  emitNext(max: number): InputStatus {
    const b = this.barrier;
    const subtask = this.ctx.subtaskIndex;
    if (this.position < this.pending.length) return this.emitPending(max);
    switch (this.phase) {
      case "entering": {
        const entered = b.takeEntering(this.variable, subtask);
        if (entered.length > 0) return this.startEmitting(entered, max);
        if (!b.entryEnded(this.variable, subtask)) return "NOTHING_AVAILABLE";
        return this.endSuperstep();
      }
      case "feeding":
        return this.endSuperstep();
      case "waiting": {
        const decision = b.decisionFor(this.superstep);
        if (decision === undefined) return "NOTHING_AVAILABLE";
        if (decision.terminate) return "END_OF_INPUT";
        this.superstep++;
        this.phase = "feeding";
        const fedBack = b.takeFedBack(this.variable, subtask);
        return fedBack.length > 0 ? this.startEmitting(fedBack, max) : this.endSuperstep();
      }
    }
  }

  isAvailable(): Promise<void> {
    return this.barrier.changed(this.variable, this.ctx.subtaskIndex);
  }

  emitFinalWatermark(): void {
    this.output.emitWatermark(MAX_WATERMARK);
  }

  override currentWatermark(): number {
    return this.phase === "entering" ? super.currentWatermark() : this.superstep;
  }

  private startEmitting(records: unknown[], max: number): InputStatus {
    this.pending = records;
    this.position = 0;
    return this.emitPending(max);
  }

  private emitPending(max: number): InputStatus {
    const batch = this.batch;
    const end = Math.min(this.pending.length, this.position + max);
    const ts = this.superstep;
    for (let i = this.position; i < end; i++) batch.push(this.pending[i] as T, ts);
    this.position = end;
    this.output.collectBatch(batch);
    batch.clear();
    if (end === this.pending.length) {
      this.pending = NONE;
      this.position = 0;
    }
    return "MORE_AVAILABLE";
  }

  /** All of this superstep's records are out: the watermark says so, and the head waits for the barrier. */
  private endSuperstep(): InputStatus {
    this.output.emitWatermark(this.superstep);
    this.phase = "waiting";
    return "MORE_AVAILABLE";
  }
}
