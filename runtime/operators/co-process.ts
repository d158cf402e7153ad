// Two-input processing for connected streams: CoProcessFunction, and KeyedCoProcessFunction with
// keyed state and timers when both inputs are keyed. coMap / coFlatMap are expressed through it.
import { copyForSubtask, type Collector, type KeyedCoProcessFunction, type TimeDomain } from "../api/functions.js";
import { EddyError } from "../core/errors.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { InternalTimer, InternalTimerService } from "../time/internal-timer-service.js";
import { AbstractStreamOperator } from "./operator.js";
import { UserFunctionContext } from "./user-function-context.js";

/** The function both variants run; for non-keyed streams `getCurrentKey` and timers are refused. */
export type CoProcessLike<IN1, IN2, OUT> = KeyedCoProcessFunction<unknown, IN1, IN2, OUT>;

export class CoProcessOperator<IN1, IN2, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private timers: InternalTimerService<unknown> | null = null;
  private keySelectors: readonly (((v: any) => Key) | null)[] = [];
  private readonly context: UserFunctionContext<unknown>;
  private readonly fn: CoProcessLike<IN1, IN2, OUT>;

  constructor(name: string, fn: CoProcessLike<IN1, IN2, OUT>, private readonly keyed: boolean) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.context = new UserFunctionContext<unknown>(
      this.contextHost(
        () => this.keyedBackend.currentKey,
        () => {
          if (this.timers === null) throw new EddyError("user", "timers need keyed connected streams: keyBy both inputs before connect/process", this.errorContext());
          return this.timers;
        },
      ),
    );
  }

  override async open(): Promise<void> {
    if (this.keyed) {
      this.keySelectors = this.ctx.keySelectors;
      this.timers = this.getInternalTimerService("user-timers", {
        onEventTime: (t) => this.fire(t, "EVENT_TIME"),
        onProcessingTime: (t) => this.fire(t, "PROCESSING_TIME"),
      });
    }
    await this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }

  collect(value: OUT): void {
    this.output.collect(value, this.context.current);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const keySelector = this.keyed ? this.keySelectors[input]! : null;
    const backend = this.keyed ? this.keyedBackend : null;
    const ctx = this.context;
    ctx.domain = "EVENT_TIME";
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i];
        if (keySelector !== null) backend!.setCurrentKey(keySelector(v));
        ctx.current = timestamps[i]!;
        if (input === 0) this.fn.processElement1(v, ctx, this);
        else this.fn.processElement2(v, ctx, this);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private readonly fail = (cause: unknown, record: unknown): Error => this.failure(cause, record);

  private fire(timer: InternalTimer<unknown>, domain: TimeDomain): void {
    this.context.fireTimer(timer, domain, this.fn, this, this.fail);
  }

}
