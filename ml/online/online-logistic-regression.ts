// OnlineLogisticRegression: logistic regression trained by FTRL-Proximal on an unbounded stream of labelled rows, one
// model version per global mini-batch (Flink ML's OnlineLogisticRegression), and the model that scores rows with the
// newest version (OnlineLogisticRegressionModel). As in Flink ML there is no intercept: add a constant feature.
import type { DataStream } from "../../runtime/index.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { OnlineEstimator } from "./online-estimator.js";
import type { Row, RowMapper } from "../core/row.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { dot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { FtrlLearner, type LogisticRegressionModelData } from "./ftrl-learner.js";
import { OnlineModel } from "./online-model.js";
import { ALPHA, BATCH_STRATEGY, BETA, ELASTIC_NET, GLOBAL_BATCH_SIZE, LR_MODEL_VERSION_COL, RAW_PREDICTION_COL, REG, WEIGHT_COL } from "./online-params.js";
import { trainOnline } from "./online-training.js";

export class OnlineLogisticRegression extends OnlineEstimator<OnlineLogisticRegressionModel> {
  readonly className = "OnlineLogisticRegression";
  protected readonly initialModelShape = "one { coefficient: DenseVector } record";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, LABEL_COL, WEIGHT_COL, BATCH_STRATEGY, GLOBAL_BATCH_SIZE, REG, ELASTIC_NET, ALPHA, BETA, PREDICTION_COL, RAW_PREDICTION_COL, LR_MODEL_VERSION_COL);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getWeightCol(): string | null { return this.get(WEIGHT_COL); }
  setWeightCol(value: string | null): this { return this.set(WEIGHT_COL, value as string); }
  getBatchStrategy(): string { return this.get(BATCH_STRATEGY); }
  getGlobalBatchSize(): number { return this.get(GLOBAL_BATCH_SIZE); }
  setGlobalBatchSize(value: number): this { return this.set(GLOBAL_BATCH_SIZE, value); }
  getReg(): number { return this.get(REG); }
  setReg(value: number): this { return this.set(REG, value); }
  getElasticNet(): number { return this.get(ELASTIC_NET); }
  setElasticNet(value: number): this { return this.set(ELASTIC_NET, value); }
  getAlpha(): number { return this.get(ALPHA); }
  setAlpha(value: number): this { return this.set(ALPHA, value); }
  getBeta(): number { return this.get(BETA); }
  setBeta(value: number): this { return this.set(BETA, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getModelVersionCol(): string { return this.get(LR_MODEL_VERSION_COL); }
  setModelVersionCol(value: string): this { return this.set(LR_MODEL_VERSION_COL, value); }


  fit<T extends Row>(...inputs: DataStream<T>[]): OnlineLogisticRegressionModel {
    this.expectInputs(inputs, 1);
    const initial = this.requireInitialModelData();
    const reg = this.getReg();
    const elasticNet = this.getElasticNet();
    const settings = { alpha: this.getAlpha(), beta: this.getBeta(), l1: elasticNet * reg, l2: (1 - elasticNet) * reg };
    const columns = { featuresCol: this.getFeaturesCol(), labelCol: this.getLabelCol(), weightCol: this.getWeightCol() };
    const modelData = trainOnline(this.className, inputs[0]! as DataStream<Row>, initial, this.getGlobalBatchSize(), columns, () => new FtrlLearner(this.className, settings));
    return new OnlineLogisticRegressionModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class OnlineLogisticRegressionModel extends OnlineModel<LogisticRegressionModelData> {
  readonly className = "OnlineLogisticRegressionModel";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, PREDICTION_COL, RAW_PREDICTION_COL, LR_MODEL_VERSION_COL);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getRawPredictionCol(): string { return this.get(RAW_PREDICTION_COL); }
  setRawPredictionCol(value: string): this { return this.set(RAW_PREDICTION_COL, value); }
  getModelVersionCol(): string { return this.get(LR_MODEL_VERSION_COL); }
  setModelVersionCol(value: string): this { return this.set(LR_MODEL_VERSION_COL, value); }

  /** Flink ML's LogisticRegressionModelServable: prediction 1 when coefficient · x ≥ 0, raw prediction [1 − p, p]. */
  protected versionOf(model: LogisticRegressionModelData): number {
    return model.modelVersion;
  }

  protected mapperFactory(): (model: LogisticRegressionModelData) => RowMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    const rawPredictionCol = this.getRawPredictionCol();
    const versionCol = this.getModelVersionCol();
    const stage = this.className;
    return ({ coefficient, modelVersion }) => (row) => {
      const margin = dot(vectorAt(row, featuresCol, stage), coefficient);
      const prob = 1 - 1 / (1 + Math.exp(margin));
      const scored = withColumn(row, predictionCol, margin >= 0 ? 1 : 0) as Record<string, unknown>;
      scored[rawPredictionCol] = new DenseVector(Float64Array.of(1 - prob, prob));
      scored[versionCol] = modelVersion;
      return scored as Row;
    };
  }
}

registerStage("OnlineLogisticRegression", () => new OnlineLogisticRegression());
registerStage("OnlineLogisticRegressionModel", () => new OnlineLogisticRegressionModel());
