// Accumulates the rows one subtask sees and emits its accumulator when its input ends (the parallel half of a fit).
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import type { BoundedAggregator } from "../bounded-aggregator.js";
import { parseMl, stringifyMl } from "../ml-json.js";

export class PartialAggregateOperator<ACC> extends AbstractStreamOperator<ACC> {
  private acc: ACC;

  constructor(name: string, private readonly aggregator: BoundedAggregator<ACC, unknown>) {
    super(name);
    this.acc = aggregator.createAccumulator();
  }

  processBatch(batch: RecordBatch<any>): void {
    const { values } = batch;
    const aggregator = this.aggregator;
    let acc = this.acc;
    for (let i = 0; i < batch.length; i++) acc = aggregator.add(acc, values[i]);
    this.acc = acc;
  }

  override endInput(): void {
    this.output.collect(this.acc, NO_TIMESTAMP);
    // why: what went downstream is the merger's from now on; a checkpoint after this point must not hold it twice
    this.acc = this.aggregator.createAccumulator();
  }

  protected override snapshotOperatorState(): unknown[] {
    return [stringifyMl(this.acc)];
  }

  /** Accumulators merge, so any share of the saved ones (after a rescale) restores correctly. */
  protected override restoreOperatorState(state: readonly unknown[]): void {
    let acc = this.aggregator.createAccumulator();
    for (const saved of state) acc = this.aggregator.merge(acc, parseMl(saved as string) as ACC);
    this.acc = acc;
  }
}
