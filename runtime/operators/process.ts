// process on a non-keyed stream: a ProcessFunction with access to timestamps and side outputs
// (timers need a keyed stream, as in Flink).
import { copyForSubtask, type Collector, type ProcessFunction } from "../api/functions.js";
import { EddyError } from "../core/errors.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";
import { UserFunctionContext } from "./user-function-context.js";

export class ProcessOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private readonly context: UserFunctionContext<never>;
  private readonly fn: ProcessFunction<IN, OUT>;

  constructor(name: string, fn: ProcessFunction<IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.context = new UserFunctionContext<never>(
      this.contextHost(
        () => {
          throw new EddyError("user", "a non-keyed stream has no current key: use keyBy(...).process(...)", this.errorContext());
        },
        () => {
          throw new EddyError("user", "timers need a keyed stream: use keyBy(...).process(...)", this.errorContext());
        },
      ),
    );
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
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
    const ctx = this.context;
    let i = 0;
    try {
      for (; i < n; i++) {
        ctx.current = timestamps[i]!;
        this.fn.processElement(values[i]!, ctx, this);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
