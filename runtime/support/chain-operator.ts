// The operator that runs one fused chain: the generated function consumes a whole batch in one loop.
import { AbstractStreamOperator, type Output, type RecordBatch } from "../index.js";
import { failedRecord } from "./udf-failure.js";

/** A generated chain: reads the batch, writes survivors (and dead letters) to `out`. */
export type ChainFunction<IN, OUT> = (batch: RecordBatch<IN>, out: Output<OUT>) => void;

export class FusedChainOperator<IN, OUT> extends AbstractStreamOperator<OUT> {
  /** Generated chains keep no state between batches (aggregates are their own operators), so the subtask may move. */
  readonly movable = true;

  constructor(name: string, private readonly chain: ChainFunction<IN, OUT>) {
    super(name);
  }
  processBatch(batch: RecordBatch<IN>): void {
    try {
      this.chain(batch, this.output);
    } catch (e) {
      // why: the chain attaches the record only to a UDF's failure (see udf-failure.ts); other errors carry none
      throw this.failure(e, failedRecord(e));
    }
  }
}
