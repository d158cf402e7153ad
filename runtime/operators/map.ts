// map: one output record per input record, timestamp kept.
import { callableOf, copyForSubtask, type MapFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class MapOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  private readonly map: (value: IN) => OUT;
  private readonly fn: MapFunction<IN, OUT>;
  readonly movable: boolean;

  constructor(name: string, fn: MapFunction<IN, OUT>) {
    super(name);
    this.fn = copyForSubtask(fn);
    // why only a plain function: a function object's fields are the subtask's own, and would stay behind on a move
    this.movable = typeof fn === "function";
    this.map = callableOf(this.fn as any, "map");
  }
  override open(): Promise<void> {
    return this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }
  processBatch(batch: RecordBatch<IN>): void {
    const values = batch.values;
    const n = batch.length;
    const out = this.output;
    // why: on a keyed stream a rich function may use keyed state, so each record sets its key
    const keyOf = this.inputKeySelector;
    const backend = keyOf === null ? null : this.keyedBackend;
    const map = this.map;
    let i = 0;
    try {
      // why: in place — the batch is ours until we return (Output.collectBatch); no copy, no per-record call downstream
      const results = values as unknown as OUT[];
      if (keyOf === null) for (; i < n; i++) results[i] = map(values[i]!);
      else
        for (; i < n; i++) {
          backend!.setCurrentKey(keyOf(values[i]!));
          results[i] = map(values[i]!);
        }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
    out.collectBatch(batch as unknown as RecordBatch<OUT>);
  }
}
