// process on a non-keyed stream: a ProcessFunction with access to timestamps and side outputs
// (timers need a keyed stream, as in Flink).
import { copyForSubtask, type Collector, type ProcessContext, type ProcessFunction, type TimerService } from "../api/functions.js";
import { EddyError } from "../core/errors.js";
import type { OutputTag } from "../core/output-tag.js";
import type { RecordBatch } from "../core/record-batch.js";
import { NO_TIMESTAMP } from "../core/time.js";
import { AbstractStreamOperator } from "./operator.js";

export class ProcessOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private current = NO_TIMESTAMP;
  private readonly timers: TimerService;

  private readonly fn: ProcessFunction<IN, OUT>;

  constructor(name: string, fn: ProcessFunction<IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    const refuse = () => {
      throw new EddyError("user", "timers need a keyed stream: use keyBy(...).process(...)", this.errorContext());
    };
    this.timers = {
      currentProcessingTime: () => this.ctx.clock.now(),
      currentWatermark: () => this.currentWatermark(),
      registerEventTimeTimer: refuse,
      registerProcessingTimeTimer: refuse,
      deleteEventTimeTimer: refuse,
      deleteProcessingTimeTimer: refuse,
    };
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
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
    const ctx = this.contextView;
    let i = 0;
    try {
      for (; i < n; i++) {
        this.current = timestamps[i]!;
        this.fn.processElement(values[i]!, ctx, this);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
  private readonly contextView: ProcessContext = {
    timestamp: () => (this.current === NO_TIMESTAMP ? null : this.current),
    timerService: () => this.timers,
    output: <X>(tag: OutputTag<X>, value: X) => this.output.collectSide(tag as OutputTag<unknown>, value, this.current),
  };
}
