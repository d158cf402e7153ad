// OnlineStandardScaler: a standard scaler whose model follows an unbounded stream — one model version per window,
// each from all data seen so far (Flink ML's OnlineStandardScaler) — and the model that scales rows with the newest
// version fresh enough for the row's timestamp (OnlineStandardScalerModel, maxAllowedModelDelayMs).
import type { DataStream } from "../../runtime/index.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { Row, RowMapper } from "../core/row.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { axpy, hDot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { vectorBatchCodec } from "../linalg/vector-batch-codec.js";
import { WITH_MEAN, WITH_STD } from "../feature/standard-scaler-params.js";
import { OnlineModel } from "./online-model.js";
import { MAX_ALLOWED_MODEL_DELAY_MS, SCALER_MODEL_VERSION_COL, WINDOWS } from "./online-params.js";
import { type OnlineWindows, parseOnlineWindows } from "./online-windows.js";
import type { Freshness } from "./operators/latest-model-map-operator.js";
import { type OnlineStandardScalerModelData, ScalerModelOperator } from "./operators/scaler-model-operator.js";
import { WindowMomentsOperator } from "./operators/window-moments-operator.js";
import type { WindowMoments } from "./window-moments.js";

export type { OnlineStandardScalerModelData } from "./operators/scaler-model-operator.js";

export class OnlineStandardScaler extends Estimator<OnlineStandardScalerModel> {
  readonly className = "OnlineStandardScaler";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, WITH_MEAN, WITH_STD, SCALER_MODEL_VERSION_COL, MAX_ALLOWED_MODEL_DELAY_MS, WINDOWS);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getWithMean(): boolean { return this.get(WITH_MEAN); }
  setWithMean(value: boolean): this { return this.set(WITH_MEAN, value); }
  getWithStd(): boolean { return this.get(WITH_STD); }
  setWithStd(value: boolean): this { return this.set(WITH_STD, value); }
  getModelVersionCol(): string | null { return this.get(SCALER_MODEL_VERSION_COL); }
  setModelVersionCol(value: string | null): this { return this.set(SCALER_MODEL_VERSION_COL, value as string); }
  getMaxAllowedModelDelayMs(): number { return this.get(MAX_ALLOWED_MODEL_DELAY_MS); }
  setMaxAllowedModelDelayMs(value: number): this { return this.set(MAX_ALLOWED_MODEL_DELAY_MS, value); }
  getWindows(): OnlineWindows { return parseOnlineWindows(this.get(WINDOWS))!; }
  setWindows(value: OnlineWindows): this { return this.set(WINDOWS, JSON.stringify(value)); }

  fit<T extends Row>(...inputs: DataStream<T>[]): OnlineStandardScalerModel {
    this.expectInputs(inputs, 1);
    const stage = this.className;
    const inputCol = this.getInputCol();
    const windows = this.getWindows();
    const partialName = `${stage}: window moments`;
    const modelName = `${stage}: model`;
    const modelData = inputs[0]!
      .transform<WindowMoments>(partialName, () => new WindowMomentsOperator(partialName, stage, inputCol, windows))
      .global()
      .transform<OnlineStandardScalerModelData>(modelName, () => new ScalerModelOperator(modelName, stage))
      .setParallelism(1)
      .withBatchCodec(vectorBatchCodec);
    return new OnlineStandardScalerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class OnlineStandardScalerModel extends OnlineModel<OnlineStandardScalerModelData> {
  readonly className = "OnlineStandardScalerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, WITH_MEAN, WITH_STD, SCALER_MODEL_VERSION_COL, MAX_ALLOWED_MODEL_DELAY_MS);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getWithMean(): boolean { return this.get(WITH_MEAN); }
  setWithMean(value: boolean): this { return this.set(WITH_MEAN, value); }
  getWithStd(): boolean { return this.get(WITH_STD); }
  setWithStd(value: boolean): this { return this.set(WITH_STD, value); }
  getModelVersionCol(): string | null { return this.get(SCALER_MODEL_VERSION_COL); }
  setModelVersionCol(value: string | null): this { return this.set(SCALER_MODEL_VERSION_COL, value as string); }
  getMaxAllowedModelDelayMs(): number { return this.get(MAX_ALLOWED_MODEL_DELAY_MS); }
  setMaxAllowedModelDelayMs(value: number): this { return this.set(MAX_ALLOWED_MODEL_DELAY_MS, value); }

  protected versionOf(model: OnlineStandardScalerModelData): number {
    return model.version;
  }

  /**
   * Flink ML's rule: a row of timestamp t waits until the newest model's timestamp is at least
   * t − maxAllowedModelDelayMs. A row without a timestamp, and every row under the global window's model (timestamp
   * Infinity), is scaled by the newest model at once.
   */
  protected override freshness(): Freshness<OnlineStandardScalerModelData> {
    const delay = this.getMaxAllowedModelDelayMs();
    return (timestamp, model) => timestamp - delay <= model.timestamp;
  }

  protected mapperFactory(): (model: OnlineStandardScalerModelData) => RowMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const versionCol = this.getModelVersionCol();
    const withMean = this.getWithMean();
    const withStd = this.getWithStd();
    const stage = this.className;
    return (model) => {
      // why 0 for a zero deviation: a constant feature scales to 0, not to ±Infinity (as Flink ML)
      const scale = new DenseVector(Float64Array.from(model.std.values, (s) => (s === 0 ? 0 : 1 / s)));
      return (row) => {
        let out = vectorAt(row, inputCol, stage).clone();
        if (withMean) {
          const dense = out.toDense();
          axpy(-1, model.mean, dense);
          out = dense;
        }
        if (withStd) hDot(scale, out);
        const scaled = withColumn(row, outputCol, out);
        if (versionCol !== null) (scaled as Record<string, unknown>)[versionCol] = model.version;
        return scaled;
      };
    };
  }
}

registerStage("OnlineStandardScaler", () => new OnlineStandardScaler());
registerStage("OnlineStandardScalerModel", () => new OnlineStandardScalerModel());
