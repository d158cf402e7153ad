// The base of the estimators trained by SGD (LogisticRegression, LinearSVC, LinearRegression): Flink ML's getters and
// setters of the columns and of the optimizer's params, and the SgdParams they make.
import { Estimator } from "../core/estimator.js";
import type { Model } from "../core/model.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import type { SgdParams } from "./optimizer/sgd.js";
import type { LinearTrainingColumns } from "./optimizer/train-linear-model.js";
import { ELASTIC_NET, GLOBAL_BATCH_SIZE, LEARNING_RATE, MAX_ITER, REG, TOL, WEIGHT_COL } from "./training-params.js";

export abstract class SgdEstimator<M extends Model> extends Estimator<M> {
  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getWeightCol(): string | null { return this.get(WEIGHT_COL); }
  setWeightCol(value: string | null): this { return this.set(WEIGHT_COL, value as string); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getMaxIter(): number { return this.get(MAX_ITER); }
  setMaxIter(value: number): this { return this.set(MAX_ITER, value); }
  getReg(): number { return this.get(REG); }
  setReg(value: number): this { return this.set(REG, value); }
  getElasticNet(): number { return this.get(ELASTIC_NET); }
  setElasticNet(value: number): this { return this.set(ELASTIC_NET, value); }
  getLearningRate(): number { return this.get(LEARNING_RATE); }
  setLearningRate(value: number): this { return this.set(LEARNING_RATE, value); }
  getGlobalBatchSize(): number { return this.get(GLOBAL_BATCH_SIZE); }
  setGlobalBatchSize(value: number): this { return this.set(GLOBAL_BATCH_SIZE, value); }
  getTol(): number { return this.get(TOL); }
  setTol(value: number): this { return this.set(TOL, value); }

  protected sgdParams(): SgdParams {
    return { maxIter: this.getMaxIter(), learningRate: this.getLearningRate(), globalBatchSize: this.getGlobalBatchSize(), tol: this.getTol(), reg: this.getReg(), elasticNet: this.getElasticNet() };
  }

  protected trainingColumns(): LinearTrainingColumns {
    return { featuresCol: this.getFeaturesCol(), labelCol: this.getLabelCol(), weightCol: this.getWeightCol() };
  }
}
