// map: one output record per input record, timestamp kept.
import { callableOf, copyForSubtask, type MapFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class MapOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  private readonly map: (value: IN) => OUT;
  private readonly fn: MapFunction<IN, OUT>;

  constructor(name: string, fn: MapFunction<IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.map = callableOf(this.fn as any, "map");
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
    // why: on a keyed stream a rich function may use keyed state, so each record sets its key
    const keyOf = this.inputKeySelector;
    const backend = keyOf === null ? null : this.keyedBackend;
    const map = this.map;
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        if (keyOf !== null) backend!.setCurrentKey(keyOf(v));
        out.collect(map(v), timestamps[i]!);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }
}
