// Maps rows with a mapper built from the whole model data stream (Flink ML's BroadcastUtils.withBroadcastStream):
// input 0 is the rows, input 1 the model data broadcast to every subtask. Rows that arrive before the model data
// has ended are buffered, then mapped in order.
import { AbstractStreamOperator, type RecordBatch } from "../../../runtime/index.js";
import { parseMl, stringifyMl } from "../ml-json.js";
import type { Row, RowMapper } from "../row.js";

/** A mapper from all model data records, or null to drop the row (handleInvalid = 'skip'). */
export type RowFilterMapper = (row: Row) => Row | null;

interface SavedState {
  readonly modelData: unknown[];
  readonly ready: boolean;
  readonly buffered: Row[];
  readonly timestamps: number[];
}

export class BroadcastMapOperator extends AbstractStreamOperator<Row> {
  private modelData: unknown[] = [];
  private mapper: RowFilterMapper | null = null;
  private buffered: Row[] = [];
  private bufferedTimestamps: number[] = [];
  private restoredReady = false;

  constructor(
    name: string,
    private readonly stageName: string,
    private readonly createMapper: (modelData: readonly unknown[]) => RowMapper | RowFilterMapper,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    if (input === 1) {
      for (let i = 0; i < n; i++) this.modelData.push(values[i]);
      return;
    }
    const mapper = this.mapper;
    if (mapper === null) {
      for (let i = 0; i < n; i++) {
        this.buffered.push(values[i]);
        this.bufferedTimestamps.push(timestamps[i]!);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const out = mapper(values[i]);
      if (out !== null) this.output.collect(out, timestamps[i]!);
    }
  }

  override endInput(input: number): void {
    if (input !== 1) return;
    if (this.modelData.length === 0) {
      throw new Error(`${this.stageName}: the model data stream ended without any record — fit on a non-empty table, or give setModelData the data of a fitted model`);
    }
    this.becomeReady();
  }

  private becomeReady(): void {
    const mapper = this.createMapper(this.modelData);
    this.mapper = mapper;
    const rows = this.buffered;
    const timestamps = this.bufferedTimestamps;
    this.buffered = [];
    this.bufferedTimestamps = [];
    for (let i = 0; i < rows.length; i++) {
      const out = mapper(rows[i]!);
      if (out !== null) this.output.collect(out, timestamps[i]!);
    }
  }

  protected override snapshotOperatorState(): unknown[] {
    const state: SavedState = { modelData: this.modelData, ready: this.mapper !== null, buffered: this.buffered, timestamps: this.bufferedTimestamps };
    return [stringifyMl(state)];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    let ready = false;
    for (const saved of state) {
      const s = parseMl(saved as string) as SavedState;
      // why: every subtask saw the whole (broadcast) model data, so one copy is the model; buffered rows all count
      if (this.modelData.length === 0) this.modelData = s.modelData;
      ready ||= s.ready;
      this.buffered.push(...s.buffered);
      this.bufferedTimestamps.push(...s.timestamps);
    }
    this.restoredReady = ready;
  }

  /** why here: a restored operator that had its model maps its restored rows once it runs, not while restoring */
  override open(): void {
    if (this.restoredReady) this.becomeReady();
  }
}
