// The parallelism-1 half of OnlineStandardScaler: it merges the subtasks' moments of each window and, once its
// watermark passes the window's end, adds them to the moments of everything seen before and emits the model version
// of that window (Flink ML's ComputeModelDataFunction: the mean and standard deviation of all data so far, versions
// from 0, the window's largest timestamp as the model's timestamp).
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import { DenseVector } from "../../linalg/dense-vector.js";
import { emptyMoments, mergeMoments, type WindowMoments } from "../window-moments.js";

/** A model version of OnlineStandardScaler (Flink ML's StandardScalerModelData with version and timestamp). */
export interface OnlineStandardScalerModelData {
  readonly mean: DenseVector;
  readonly std: DenseVector;
  readonly version: number;
  /** The largest timestamp of the window the version ends (Infinity for the global window). */
  readonly timestamp: number;
}

interface SavedState {
  readonly pending: WindowMoments[][];
  readonly total: WindowMoments | null;
  readonly version: number;
}

export class ScalerModelOperator extends AbstractStreamOperator<OnlineStandardScalerModelData> {
  /** The subtasks' parts of each window not yet passed by the watermark, by the window's largest timestamp. */
  private pending = new Map<number, WindowMoments[]>();
  private total: WindowMoments | null = null;
  private version = 0;

  constructor(
    name: string,
    private readonly stageName: string,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>): void {
    for (let i = 0; i < batch.length; i++) {
      const part = batch.values[i] as WindowMoments;
      const parts = this.pending.get(part.windowMax);
      if (parts === undefined) this.pending.set(part.windowMax, [part]);
      else parts.push(part);
    }
  }

  protected override onWatermark(watermark: number): void {
    const due = [...this.pending.keys()].filter((w) => w <= watermark).sort((a, b) => a - b);
    for (const windowMax of due) {
      // why in subtask order: parts arrive in an order that differs between runs, and so would the rounding of their sum
      const parts = this.pending.get(windowMax)!.sort((a, b) => a.subtask - b.subtask);
      this.pending.delete(windowMax);
      const window = emptyMoments(windowMax, 0, parts[0]!.sum.length);
      for (const part of parts) {
        if (part.sum.length !== window.sum.length) throw new Error(`${this.stageName}: vectors differ in size within a window (${window.sum.length} and ${part.sum.length})`);
        mergeMoments(window, part);
      }
      if (this.total === null) this.total = emptyMoments(windowMax, 0, window.sum.length);
      else if (this.total.sum.length !== window.sum.length) {
        throw new Error(`${this.stageName}: vectors differ in size between windows (${this.total.sum.length} and ${window.sum.length})`);
      }
      mergeMoments(this.total, window);
      this.output.collect(this.modelData(windowMax), Number.isFinite(windowMax) ? windowMax : NO_TIMESTAMP);
    }
  }

  private modelData(windowMax: number): OnlineStandardScalerModelData {
    const { count, sum, squaredSum } = this.total!;
    const mean = new Float64Array(sum.length);
    const std = new Float64Array(sum.length);
    const inverse = 1 / count; // why not sum / count: Flink ML scales the sum by 1/n (BLAS.scal), which rounds differently
    for (let i = 0; i < sum.length; i++) {
      mean[i] = sum[i]! * inverse;
      // Flink ML's one-pass sample deviation; why max(0, …): rounding can make a constant feature's variance a tiny
      // negative number, whose square root would be NaN (as StandardScaler here)
      std[i] = count > 1 ? Math.sqrt(Math.max(0, (squaredSum[i]! - count * mean[i]! * mean[i]!) / (count - 1))) : 0;
    }
    return { mean: new DenseVector(mean), std: new DenseVector(std), version: this.version++, timestamp: windowMax };
  }

  protected override snapshotOperatorState(): unknown[] {
    const state: SavedState = { pending: [...this.pending.values()], total: this.total, version: this.version };
    return [stringifyMl(state)];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    if (state.length === 0) return;
    const s = parseMl(state[0] as string) as SavedState;
    for (const parts of s.pending) this.pending.set(parts[0]!.windowMax, parts);
    this.total = s.total;
    this.version = s.version;
  }
}
