// reduce on a keyed stream: a rolling reduce per key. STREAMING emits every updated value;
// BATCH emits only the final value per key at the end of input (as Flink's batch execution).
import { callableOf, copyForSubtask, type ReduceFunction } from "../api/functions.js";
import type { Key } from "../core/key-groups.js";
import type { RecordBatch } from "../core/record-batch.js";
import { ValueStateDescriptor } from "../state/descriptors.js";
import type { HeapValueState } from "../state/heap-states.js";
import { VOID_NAMESPACE } from "../state/state-table.js";
import { AbstractStreamOperator } from "./operator.js";

interface Reduced<T> {
  value: T;
  timestamp: number;
}

export class KeyedReduceOperator<T> extends AbstractStreamOperator<T> {
  private readonly reduce: (a: T, b: T) => T;
  private state!: HeapValueState<Reduced<T>>;
  private keySelector!: (value: T) => Key;
  private batchMode = false;

  private readonly fn: ReduceFunction<T>;

  constructor(name: string, fn: ReduceFunction<T>) {
    super(name);
    this.fn = copyForSubtask(fn);
    this.reduce = callableOf(this.fn as any, "reduce");
  }

  override async open(): Promise<void> {
    this.keySelector = this.ctx.keySelectors[0]!;
    this.state = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<Reduced<T>>("reduce").withCopy(copyReduced)) as HeapValueState<Reduced<T>>;
    this.batchMode = this.ctx.executionMode === "BATCH";
    await this.openFunction(this.fn);
  }
  override close(): Promise<void> {
    return this.closeFunction(this.fn);
  }

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    const backend = this.keyedBackend;
    const state = this.state;
    let i = 0;
    try {
      for (; i < n; i++) {
        const v = values[i]!;
        backend.setCurrentKey(this.keySelector(v));
        const previous = state.value();
        const ts = timestamps[i]!;
        const reduced = previous === undefined ? v : this.reduce(previous.value, v);
        if (previous === undefined) state.update({ value: reduced, timestamp: ts });
        else {
          previous.value = reduced;
          previous.timestamp = ts;
        }
        if (!this.batchMode) this.output.collect(reduced, ts);
      }
    } catch (e) {
      throw this.failure(e, values[i]);
    }
  }

  override endInput(): void {
    if (!this.batchMode) return;
    for (const [, reduced] of this.state.table.entriesIn(VOID_NAMESPACE)) {
      const r = reduced as Reduced<T>;
      this.output.collect(r.value, r.timestamp);
    }
  }
}

/** Only the wrapper changes in place; the reduced value itself is replaced, never changed. */
function copyReduced<T>(r: Reduced<T>): Reduced<T> {
  return { value: r.value, timestamp: r.timestamp };
}
