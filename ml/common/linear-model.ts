// The base of the linear models (LogisticRegressionModel, LinearSVCModel, LinearRegressionModel): rows are scored one
// by one with the coefficient broadcast from the model data, as a job or as a servable.
import { PREDICTION_COL, FEATURES_COL } from "../core/shared-params.js";
import { RowMapModel } from "../core/row-map-model.js";
import type { LinearModelData } from "./linear-model-data.js";

export abstract class LinearModel extends RowMapModel<LinearModelData> {
  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
}
