// The base of generated running aggregates (`keyBy … | aggregate` without a window): one accumulator per key in
// keyed state, updated in place by the generated `processBatch`, which emits the key's aggregate after each record
// (or its changes, for one that emits a changelog or takes rows back).
import { AbstractStreamOperator, ValueStateDescriptor, type RecordBatch } from "../index.js";

interface KeyedValue<V> {
  value(): V | undefined;
  update(value: V): void;
  clear(): void;
}

export abstract class RunningAggregateOperator<IN, ACC extends object, OUT> extends AbstractStreamOperator<OUT> {
  private accumulators!: KeyedValue<ACC>;

  override open(): void {
    this.accumulators = this.keyedBackend.getOrCreateState(new ValueStateDescriptor<ACC>("running-accumulators")) as unknown as KeyedValue<ACC>;
  }

  protected abstract createAccumulator(): ACC;
  abstract override processBatch(batch: RecordBatch<IN>): void;

  /** The accumulator of `key`, created on first use. */
  protected accumulatorFor(key: unknown): ACC {
    this.keyedBackend.setCurrentKey(key);
    let acc = this.accumulators.value();
    if (acc === undefined) {
      acc = this.createAccumulator();
      this.accumulators.update(acc);
    }
    return acc;
  }

  /** Drops the accumulator of the key `accumulatorFor` set (a group whose rows are all taken back is gone). */
  protected clearAccumulator(): void {
    this.accumulators.clear();
  }
}
