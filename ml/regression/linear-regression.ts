// LinearRegression: least squares trained by SGD (Flink ML's LinearRegression), with optional elastic-net
// regularization. No intercept (add a constant feature for one); the model predicts coefficient · features.
import type { DataStream } from "../../runtime/index.js";
import { coefficientOf, type LinearModelData } from "../common/linear-model-data.js";
import { LinearModel } from "../common/linear-model.js";
import { LeastSquareLoss } from "../common/lossfunc/least-square-loss.js";
import { trainLinearModel } from "../common/optimizer/train-linear-model.js";
import { SgdEstimator } from "../common/sgd-estimator.js";
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { registerStage } from "../core/stage-registry.js";
import { dot } from "../linalg/blas.js";
import { LINEAR_REGRESSION_MODEL_PARAMS, LINEAR_REGRESSION_PARAMS } from "./linear-regression-params.js";

export class LinearRegression extends SgdEstimator<LinearRegressionModel> {
  readonly className = "LinearRegression";

  constructor() {
    super();
    this.declareParams(...LINEAR_REGRESSION_PARAMS);
  }

  fit<T extends Row>(...typed: DataStream<T>[]): LinearRegressionModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const coefficient = trainLinearModel("LinearRegression", inputs[0]!, this.trainingColumns(), this.sgdParams(), LeastSquareLoss);
    const modelData = coefficient.map<LinearModelData>((c) => ({ coefficient: c }), "LinearRegression: model data");
    return new LinearRegressionModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class LinearRegressionModel extends LinearModel {
  readonly className = "LinearRegressionModel";

  constructor() {
    super();
    this.declareParams(...LINEAR_REGRESSION_MODEL_PARAMS);
  }

  protected mapperFactory(): (modelData: readonly LinearModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    return (modelData) => {
      const coefficient = coefficientOf(modelData, "LinearRegressionModel");
      return (row) => withColumn(row, predictionCol, dot(vectorAt(row, featuresCol, "LinearRegressionModel"), coefficient));
    };
  }
}

registerStage("LinearRegression", () => new LinearRegression());
registerStage("LinearRegressionModel", () => new LinearRegressionModel());
