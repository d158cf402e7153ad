// filter: keeps the records for which the predicate holds.
import { callableOf, type FilterFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class FilterOperator<T> extends AbstractStreamOperator<T> {
  private readonly test: (value: T) => boolean;
  constructor(name: string, private readonly fn: FilterFunction<T>) {
    super(name);
    this.test = callableOf(fn as any, "filter");
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }
  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const out = this.output;
    const test = this.test;
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        if (test(v)) out.collect(v, timestamps[i]!);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
