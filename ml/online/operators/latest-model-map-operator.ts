// The transform side of an online model: input 0 is the rows to score, input 1 the model data stream broadcast to
// every subtask. Each row is scored with the newest model version received (Flink ML's PredictLabelOperator /
// PredictionOperator); rows wait while there is no model yet — or, with a freshness rule (OnlineStandardScaler's
// maxAllowedModelDelayMs), while the newest model is too old for the row's timestamp.
import { AbstractStreamOperator, type RecordBatch } from "../../../runtime/index.js";
import { parseMl, stringifyMl } from "../../core/ml-json.js";
import type { Row, RowMapper } from "../../core/row.js";

/** True when `model` may score a row of timestamp `timestamp`. */
export type Freshness<MD> = (timestamp: number, model: MD) => boolean;

interface SavedState {
  readonly model: unknown;
  readonly buffered: Row[];
  readonly timestamps: number[];
}

export class LatestModelMapOperator<MD> extends AbstractStreamOperator<Row> {
  private model: MD | null = null;
  private mapper: RowMapper | null = null;
  private buffered: Row[] = [];
  private bufferedTimestamps: number[] = [];

  constructor(
    name: string,
    private readonly stageName: string,
    private readonly createMapper: (model: MD) => RowMapper,
    private readonly freshness: Freshness<MD> | null,
  ) {
    super(name);
  }

  processBatch(batch: RecordBatch<any>, input: number): void {
    const { values, timestamps } = batch;
    const n = batch.length;
    if (input === 1) {
      for (let i = 0; i < n; i++) this.takeModel(values[i] as MD);
      return;
    }
    const mapper = this.mapper;
    const model = this.model;
    const freshness = this.freshness;
    for (let i = 0; i < n; i++) {
      const ts = timestamps[i]!;
      if (mapper !== null && (freshness === null || freshness(ts, model!))) {
        this.output.collect(mapper(values[i]), ts);
      } else {
        this.buffered.push(values[i]);
        this.bufferedTimestamps.push(ts);
      }
    }
  }

  /** A new model version: it scores every later row and the waiting rows it is fresh enough for, in arrival order. */
  private takeModel(model: MD): void {
    this.model = model;
    const mapper = this.createMapper(model);
    this.mapper = mapper;
    if (this.buffered.length === 0) return;
    const rows = this.buffered;
    const timestamps = this.bufferedTimestamps;
    this.buffered = [];
    this.bufferedTimestamps = [];
    for (let i = 0; i < rows.length; i++) {
      const ts = timestamps[i]!;
      if (this.freshness === null || this.freshness(ts, model)) {
        this.output.collect(mapper(rows[i]!), ts);
      } else {
        this.buffered.push(rows[i]!);
        this.bufferedTimestamps.push(ts);
      }
    }
  }

  override finish(): void {
    if (this.model === null && this.buffered.length > 0) {
      throw new Error(`${this.stageName}: the model data stream ended without any model version, so ${this.buffered.length} row(s) were never scored — train on at least globalBatchSize rows, or give setModelData a model`);
    }
    // Rows still waiting for a fresher model than the last one are not scored, as in Flink ML: no model will come.
  }

  protected override snapshotOperatorState(): unknown[] {
    const state: SavedState = { model: this.model, buffered: this.buffered, timestamps: this.bufferedTimestamps };
    return [stringifyMl(state)];
  }

  protected override restoreOperatorState(state: readonly unknown[]): void {
    for (const saved of state) {
      const s = parseMl(saved as string) as SavedState;
      // why any one model: the model stream is broadcast and checkpoint barriers align it, so every subtask held the
      // same newest version; waiting rows all count (after a rescale several subtasks' rows may land here)
      if (this.model === null && s.model !== null) this.model = s.model as MD;
      this.buffered.push(...s.buffered);
      this.bufferedTimestamps.push(...s.timestamps);
    }
  }

  override open(): void {
    if (this.model !== null) this.mapper = this.createMapper(this.model);
  }
}
