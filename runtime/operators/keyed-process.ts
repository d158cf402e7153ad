// process on a keyed stream: a KeyedProcessFunction with keyed state and per-key timers.
import { copyForSubtask, type Collector, type KeyedProcessFunction, type OnTimerContext, type TimeDomain, type TimerService } from "../api/functions.js";
import type { Key } from "../core/key-groups.js";
import type { OutputTag } from "../core/output-tag.js";
import type { RecordBatch } from "../core/record-batch.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { VOID_NAMESPACE } from "../state/state-table.js";
import type { InternalTimer, InternalTimerService } from "../time/internal-timer-service.js";
import { AbstractStreamOperator } from "./operator.js";

export class KeyedProcessOperator<K, IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private current = NO_TIMESTAMP;
  private domain: TimeDomain = "EVENT_TIME";
  private timers!: InternalTimerService<unknown>;
  private keySelector!: (value: IN) => Key;
  private readonly timerService: TimerService;
  private readonly context: OnTimerContext<K>;

  private readonly fn: KeyedProcessFunction<K, IN, OUT>;

  constructor(name: string, fn: KeyedProcessFunction<K, IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.timerService = {
      currentProcessingTime: () => this.ctx.clock.now(),
      currentWatermark: () => this.currentWatermark(),
      registerEventTimeTimer: (t) => this.timers.registerEventTimeTimer(VOID_NAMESPACE, t),
      registerProcessingTimeTimer: (t) => this.timers.registerProcessingTimeTimer(VOID_NAMESPACE, t),
      deleteEventTimeTimer: (t) => this.timers.deleteEventTimeTimer(VOID_NAMESPACE, t),
      deleteProcessingTimeTimer: (t) => this.timers.deleteProcessingTimeTimer(VOID_NAMESPACE, t),
    };
    this.context = {
      timestamp: () => (this.current === NO_TIMESTAMP ? null : this.current),
      timerService: () => this.timerService,
      output: <X>(tag: OutputTag<X>, value: X) => this.output.collectSide(tag as OutputTag<unknown>, value, this.current),
      getCurrentKey: () => this.keyedBackend.currentKey as K,
      timeDomain: () => this.domain,
    };
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
    this.output.collect(value, this.current);
  }

  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const backend = this.keyedBackend;
    const ctx = this.context;
    this.domain = "EVENT_TIME";
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        backend.setCurrentKey(this.keySelector(v));
        this.current = timestamps[i]!;
        this.fn.processElement(v, ctx, this);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  private fire(timer: InternalTimer<unknown>, domain: TimeDomain): void {
    if (this.fn.onTimer === undefined) return;
    this.domain = domain;
    // why: output of an event-time timer carries the timer's time; processing-time output has none (as Flink)
    this.current = domain === "EVENT_TIME" ? timer.timestamp : NO_TIMESTAMP;
    try {
      this.fn.onTimer(timer.timestamp, this.context, this);
    } catch (e) {
      throw this.failure(e, { timer: timer.timestamp, key: timer.key });
    }
    this.current = NO_TIMESTAMP;
  }
}
