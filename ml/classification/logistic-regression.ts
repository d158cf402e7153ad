// LogisticRegression: binary logistic regression trained by SGD on the binary logistic loss (Flink ML's
// LogisticRegression). As in Flink ML there is no intercept (add a constant feature for one), labels must be 0 or 1,
// and the model predicts 1 when coefficient · features ≥ 0, with rawPrediction [1 − p, p], p = sigmoid(dot).
import type { DataStream } from "../../runtime/index.js";
import { coefficientOf, type LinearModelData } from "../common/linear-model-data.js";
import { LinearModel } from "../common/linear-model.js";
import { BinaryLogisticLoss } from "../common/lossfunc/binary-logistic-loss.js";
import { trainLinearModel } from "../common/optimizer/train-linear-model.js";
import { SgdEstimator } from "../common/sgd-estimator.js";
import { MULTI_CLASS, RAW_PREDICTION_COL } from "../common/training-params.js";
import { vectorAt, withColumns } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { registerStage } from "../core/stage-registry.js";
import { dot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { LOGISTIC_REGRESSION_MODEL_PARAMS, LOGISTIC_REGRESSION_PARAMS } from "./logistic-regression-params.js";

export type LogisticRegressionModelData = Required<LinearModelData>;

export class LogisticRegression extends SgdEstimator<LogisticRegressionModel> {
  readonly className = "LogisticRegression";

  constructor() {
    super();
    this.declareParams(...LOGISTIC_REGRESSION_PARAMS);
  }

  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getMultiClass(): string { return this.get(MULTI_CLASS); }
  setMultiClass(value: string): this { return this.set(MULTI_CLASS, value); }

  fit<T extends Row>(...typed: DataStream<T>[]): LogisticRegressionModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    if (this.getMultiClass() === "multinomial") throw new Error("LogisticRegression: multinomial classification is not supported yet — set multiClass to 'auto' or 'binomial' (as Flink ML)");
    const coefficient = trainLinearModel("LogisticRegression", inputs[0]!, this.trainingColumns(), this.sgdParams(), BinaryLogisticLoss, binaryLabel("LogisticRegression"));
    const modelData = coefficient.map<LogisticRegressionModelData>((c) => ({ coefficient: c, modelVersion: 0 }), "LogisticRegression: model data");
    return new LogisticRegressionModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

/** Refuses labels other than 0 and 1, with Flink ML's message. */
export function binaryLabel(stage: string): (label: number) => void {
  return (label) => {
    if (label !== 0 && label !== 1) throw new Error(`${stage} only supports binary classification (labels 0 and 1), but detected label ${label} — multinomial classification is not supported yet`);
  };
}

export class LogisticRegressionModel extends LinearModel {
  readonly className = "LogisticRegressionModel";

  constructor() {
    super();
    this.declareParams(...LOGISTIC_REGRESSION_MODEL_PARAMS);
  }

  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }

  protected mapperFactory(): (modelData: readonly LinearModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const cols = [this.getPredictionCol(), this.getRawPredictionCol()];
    return (modelData) => {
      const coefficient = coefficientOf(modelData, "LogisticRegressionModel");
      return (row) => {
        const d = dot(vectorAt(row, featuresCol, "LogisticRegressionModel"), coefficient);
        const p = 1 - 1 / (1 + Math.exp(d));
        return withColumns(row, cols, [d >= 0 ? 1 : 0, new DenseVector(Float64Array.of(1 - p, p))]);
      };
    };
  }
}

registerStage("LogisticRegression", () => new LogisticRegression());
registerStage("LogisticRegressionModel", () => new LogisticRegressionModel());
