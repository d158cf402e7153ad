// The result of a bulk iteration: the records of the step function's last superstep (Flink's partial solution after
// the final iteration). Records of a newer superstep replace the buffer; when the iteration ends, the buffer goes out
// before the final watermark — provided it holds the last completed superstep (a subtask that received nothing then
// has nothing to emit).
import { RecordBatch } from "../core/record-batch.js";
import { MAX_WATERMARK } from "../core/time.js";
import { AbstractStreamOperator } from "../operators/operator.js";

export class LastSuperstepOperator<T> extends AbstractStreamOperator<T> {
  private readonly buffer = new RecordBatch<T>(0);
  private bufferedSuperstep = -1;
  private completedSuperstep = -1;

  processBatch(batch: RecordBatch<T>): void {
    const { values, timestamps } = batch;
    for (let i = 0; i < batch.length; i++) {
      const superstep = timestamps[i]!;
      if (superstep > this.bufferedSuperstep) {
        this.buffer.clear();
        this.bufferedSuperstep = superstep;
      }
      this.buffer.push(values[i]!, superstep);
    }
  }

  protected override onWatermark(timestamp: number): void {
    if (timestamp !== MAX_WATERMARK) {
      this.completedSuperstep = timestamp;
      return;
    }
    if (this.bufferedSuperstep === this.completedSuperstep && this.buffer.length > 0) this.output.collectBatch(this.buffer);
    this.buffer.clear();
  }
}
