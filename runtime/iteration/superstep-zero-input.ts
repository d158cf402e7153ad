// A data stream read by an iteration's body (Flink ML's non-variable data streams: the points of KMeans, the edges of
// a graph): its records belong to superstep 0 and its watermark stays below superstep 0 until the stream ends — so an
// operator of the body that reads it sees superstep 0 complete only once it has all of the data. Bounded streams
// only: an unbounded one would hold the iteration at superstep 0 for ever.
import type { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import { AbstractStreamOperator } from "../operators/operator.js";

export class SuperstepZeroInputOperator<T> extends AbstractStreamOperator<T> {
  processBatch(batch: RecordBatch<T>): void {
    const ts = batch.timestamps;
    for (let i = 0; i < batch.length; i++) ts[i] = 0;
    this.output.collectBatch(batch);
  }

  override processWatermark(timestamp: number): void {
    if (timestamp === MAX_WATERMARK) this.output.emitWatermark(MAX_WATERMARK);
  }

  override processWatermarkStatus(): void {}
}
