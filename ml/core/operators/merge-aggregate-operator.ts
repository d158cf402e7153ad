// Merges the subtasks' accumulators and emits the model data at the end of input (the parallelism-1 half of a fit).
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import type { BoundedAggregator } from "../bounded-aggregator.js";
import { parseMl, stringifyMl } from "../ml-json.js";

export class MergeAggregateOperator<ACC, MD> extends AbstractStreamOperator<MD> {
  private acc: ACC;

  constructor(name: string, private readonly aggregator: BoundedAggregator<ACC, MD>) {
    super(name);
    this.acc = aggregator.createAccumulator();
  }

  processBatch(batch: RecordBatch<any>): void {
    for (let i = 0; i < batch.length; i++) this.acc = this.aggregator.merge(this.acc, batch.values[i] as ACC);
  }

  override endInput(): void {
    const records = this.aggregator.result(this.acc);
    for (const record of records) this.output.collect(record, NO_TIMESTAMP);
    this.acc = this.aggregator.createAccumulator();
  }

  protected override snapshotOperatorState(): unknown[] {
    return [stringifyMl(this.acc)];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    let acc = this.aggregator.createAccumulator();
    for (const saved of state) acc = this.aggregator.merge(acc, parseMl(saved as string) as ACC);
    this.acc = acc;
  }
}
