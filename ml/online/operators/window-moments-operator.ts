// The parallel half of OnlineStandardScaler: each subtask sums the vectors of each window it sees and, once its
// watermark passes the window's end, sends the window's moments on (before the watermark, so the model operator
// has every subtask's part of a window when its own watermark passes it). Records of a window already passed are
// late and dropped, as Flink's window operators drop them without allowed lateness.
import { AbstractStreamOperator, NO_TIMESTAMP, type RecordBatch } from "../../../runtime/index.js";
import { vectorAt } from "../../core/columns.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import type { Row } from "../../core/row.js";
import { type OnlineWindows, windowMaxTimestamp } from "../online-windows.js";
import { addVector, emptyMoments, mergeMoments, type WindowMoments } from "../window-moments.js";

export class WindowMomentsOperator extends AbstractStreamOperator<WindowMoments> {
  /** Open windows by their largest timestamp. */
  private windows = new Map<number, WindowMoments>();

  constructor(
    name: string,
    private readonly stageName: string,
    private readonly inputCol: string,
    private readonly windowing: OnlineWindows,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>): void {
    const { values, timestamps } = batch;
    const eventTime = this.windowing.kind !== "global";
    const watermark = this.currentWatermark();
    for (let i = 0; i < batch.length; i++) {
      const ts = timestamps[i]!;
      if (eventTime && ts === NO_TIMESTAMP) {
        throw new Error(`${this.stageName}: event-time windows need timestamps, but a row has none — assign timestamps and watermarks to the training stream (assignTimestampsAndWatermarks)`);
      }
      const windowMax = windowMaxTimestamp(this.windowing, ts);
      if (eventTime && windowMax <= watermark) continue; // late
      const v = vectorAt(values[i] as Row, this.inputCol, this.stageName);
      let m = this.windows.get(windowMax);
      if (m === undefined) {
        m = emptyMoments(windowMax, this.ctx.subtaskIndex, v.size());
        this.windows.set(windowMax, m);
      } else if (m.sum.length !== v.size()) {
        throw new Error(`${this.stageName}: vectors in column '${this.inputCol}' differ in size (${m.sum.length} and ${v.size()})`);
      }
      addVector(m, v);
    }
  }

  protected override onWatermark(watermark: number): void {
    const due = [...this.windows.keys()].filter((w) => w <= watermark).sort((a, b) => a - b);
    for (const windowMax of due) {
      this.output.collect(this.windows.get(windowMax)!, Number.isFinite(windowMax) ? windowMax : NO_TIMESTAMP);
      this.windows.delete(windowMax);
    }
  }

  protected override snapshotOperatorState(): unknown[] {
    return [stringifyMl([...this.windows.values()])];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    for (const saved of state) {
      for (const m of parseMl(saved as string) as WindowMoments[]) {
        // why merge: after a rescale, several subtasks' parts of one window may land in this subtask
        const open = this.windows.get(m.windowMax);
        if (open === undefined) this.windows.set(m.windowMax, m);
        else mergeMoments(open, m);
      }
    }
  }
}
