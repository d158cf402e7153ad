// filter: keeps the records for which the predicate holds.
import { callableOf, copyForSubtask, type FilterFunction } from "../api/functions.js";
import type { RecordBatch } from "../core/record-batch.js";
import { AbstractStreamOperator } from "./operator.js";

export class FilterOperator<T> extends AbstractStreamOperator<T> {
  private readonly test: (value: T) => boolean;
  private readonly fn: FilterFunction<T>;
  readonly movable: boolean;

  constructor(name: string, fn: FilterFunction<T>) {
    super(name);
    this.fn = copyForSubtask(fn);
    // why only a plain function: a function object's fields are the subtask's own, and would stay behind on a move
    this.movable = typeof fn === "function";
    this.test = callableOf(this.fn as any, "filter");
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
    // why: on a keyed stream a rich function may use keyed state, so each record sets its key
    const keyOf = this.inputKeySelector;
    const backend = keyOf === null ? null : this.keyedBackend;
    const test = this.test;
    let i = 0;
    let kept = 0;
    try {
      // why: compact the batch in place and hand it on whole (see Output.collectBatch)
      for (; i < n; i++) {
        const v = values[i]!;
        if (keyOf !== null) backend!.setCurrentKey(keyOf(v));
        if (test(v)) {
          values[kept] = v;
          timestamps[kept] = timestamps[i]!;
          kept++;
        }
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
    batch.length = kept;
    out.collectBatch(batch);
  }
}
