// LinearSVC: a linear support vector classifier trained by SGD on the hinge loss (Flink ML's LinearSVC). No intercept,
// labels 0 or 1; the model predicts 1 when coefficient · features ≥ threshold, with rawPrediction [dot, −dot].
import type { DataStream } from "../../runtime/index.js";
import { coefficientOf, type LinearModelData } from "../common/linear-model-data.js";
import { LinearModel } from "../common/linear-model.js";
import { HingeLoss } from "../common/lossfunc/hinge-loss.js";
import { trainLinearModel } from "../common/optimizer/train-linear-model.js";
import { SgdEstimator } from "../common/sgd-estimator.js";
import { RAW_PREDICTION_COL } from "../common/training-params.js";
import { vectorAt, withColumns } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { registerStage } from "../core/stage-registry.js";
import { dot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { LINEAR_SVC_MODEL_PARAMS, LINEAR_SVC_PARAMS, THRESHOLD } from "./linear-svc-params.js";
import { binaryLabel } from "./logistic-regression.js";

export class LinearSVC extends SgdEstimator<LinearSVCModel> {
  readonly className = "LinearSVC";

  constructor() {
    super();
    this.declareParams(...LINEAR_SVC_PARAMS);
  }

  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getThreshold(): number { return this.get(THRESHOLD); }
  setThreshold(value: number): this { return this.set(THRESHOLD, value); }

  fit<T extends Row>(...typed: DataStream<T>[]): LinearSVCModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const coefficient = trainLinearModel("LinearSVC", inputs[0]!, this.trainingColumns(), this.sgdParams(), HingeLoss, binaryLabel("LinearSVC"));
    const modelData = coefficient.map<LinearModelData>((c) => ({ coefficient: c }), "LinearSVC: model data");
    return new LinearSVCModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class LinearSVCModel extends LinearModel {
  readonly className = "LinearSVCModel";

  constructor() {
    super();
    this.declareParams(...LINEAR_SVC_MODEL_PARAMS);
  }

  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getThreshold(): number { return this.get(THRESHOLD); }
  setThreshold(value: number): this { return this.set(THRESHOLD, value); }

  protected mapperFactory(): (modelData: readonly LinearModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const threshold = this.getThreshold();
    const cols = [this.getPredictionCol(), this.getRawPredictionCol()];
    return (modelData) => {
      const coefficient = coefficientOf(modelData, "LinearSVCModel");
      return (row) => {
        const d = dot(vectorAt(row, featuresCol, "LinearSVCModel"), coefficient);
        return withColumns(row, cols, [d >= threshold ? 1 : 0, new DenseVector(Float64Array.of(d, -d))]);
      };
    };
  }
}

registerStage("LinearSVC", () => new LinearSVC());
registerStage("LinearSVCModel", () => new LinearSVCModel());
