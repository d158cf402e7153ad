// process on a keyed stream: a KeyedProcessFunction with keyed state and per-key timers.
import { copyForSubtask, type Collector, type KeyedProcessFunction, type TimeDomain } from "../api/functions.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import type { InternalTimer, InternalTimerService } from "../time/internal-timer-service.js";
import { AbstractStreamOperator } from "./operator.js";
import { UserFunctionContext } from "./user-function-context.js";

export class KeyedProcessOperator<K, IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private timers!: InternalTimerService<unknown>;
  private keySelector!: (value: IN) => Key;
  private readonly context: UserFunctionContext<K>;
  private readonly fn: KeyedProcessFunction<K, IN, OUT>;

  constructor(name: string, fn: KeyedProcessFunction<K, IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.context = new UserFunctionContext<K>(
      this.contextHost(
        () => this.keyedBackend.currentKey,
        () => this.timers,
      ),
    );
  }

  override async open(): Promise<void> {
    this.keySelector = this.ctx.keySelectors[0]!;
    this.timers = this.getInternalTimerService("user-timers", {
      onEventTime: (t) => this.fire(t, "EVENT_TIME"),
      onProcessingTime: (t) => this.fire(t, "PROCESSING_TIME"),
    });
    await this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }

  collect(value: OUT): void {
    this.output.collect(value, this.context.current);
  }

  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const backend = this.keyedBackend;
    const ctx = this.context;
    ctx.domain = "EVENT_TIME";
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        backend.setCurrentKey(this.keySelector(v));
        ctx.current = timestamps[i]!;
        this.fn.processElement(v, ctx, this);
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
