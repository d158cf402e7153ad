// flatMap: zero or more output records per input, through a collector or a returned iterable.
import { type Collector, callableOf, copyForSubtask, type FlatMapFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class FlatMapOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements Collector<OUT> {
  private readonly flatMap: (value: IN, out: Collector<OUT>) => Iterable<OUT> | void;
  private timestamp = 0;

  private readonly fn: FlatMapFunction<IN, OUT>;
  readonly movable: boolean;

  constructor(name: string, fn: FlatMapFunction<IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    // why only a plain function: a function object's fields are the subtask's own, and would stay behind on a move
    this.movable = typeof fn === "function";
    this.flatMap = callableOf(this.fn as any, "flatMap");
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }
  collect(value: OUT): void {
    this.output.collect(value, this.timestamp);
  }
  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const out = this.output;
    // why: on a keyed stream a rich function may use keyed state, so each record sets its key
    const keyOf = this.inputKeySelector;
    const backend = keyOf === null ? null : this.keyedBackend;
    let i = 0;
    try {
      for (; i < n; i++) {
        const ts = timestamps[i]!;
        this.timestamp = ts;
        if (keyOf !== null) backend!.setCurrentKey(keyOf(values[i]!));
        const result = this.flatMap(values[i]!, this);
        if (result != null) for (const r of result) out.collect(r, ts);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
