// map: one output record per input record, timestamp kept.
import { callableOf, type MapFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class MapOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  private readonly map: (value: IN) => OUT;
  constructor(name: string, private readonly fn: MapFunction<IN, OUT>) {
    super(name);
    this.map = callableOf(fn as any, "map");
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }
  processBatch(batch: RecordBatch<IN>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const out = this.output;
    const map = this.map;
    let i = 0;
    try {
      for (; i < n; i++) out.collect(map(values[i]!), timestamps[i]!);
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
