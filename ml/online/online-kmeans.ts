// OnlineKMeans: k-means trained continuously on an unbounded stream by mini-batch updates with decay (Flink ML's
// OnlineKMeans), and the model that labels rows with the nearest centroid of the newest version (OnlineKMeansModel).
import type { DataStream } from "../../runtime/index.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { OnlineEstimator } from "./online-estimator.js";
import type { Row, RowMapper } from "../core/row.js";
import { FEATURES_COL, PREDICTION_COL, SEED } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { norm2 } from "../linalg/blas.js";
import { nearestCentroid } from "./nearest-centroid.js";
import { KMeansLearner, type KMeansModelData } from "./kmeans-learner.js";
import { OnlineModel } from "./online-model.js";
import { BATCH_STRATEGY, DECAY_FACTOR, DISTANCE_MEASURE, GLOBAL_BATCH_SIZE, K } from "./online-params.js";
import { trainOnline } from "./online-training.js";

export class OnlineKMeans extends OnlineEstimator<OnlineKMeansModel> {
  readonly className = "OnlineKMeans";
  protected readonly initialModelShape = "one { centroids, weights } record (a fitted KMeansModel's data, or centroids you choose with weights)";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, PREDICTION_COL, K, DISTANCE_MEASURE, BATCH_STRATEGY, GLOBAL_BATCH_SIZE, DECAY_FACTOR, SEED);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }
  getDistanceMeasure(): string { return this.get(DISTANCE_MEASURE); }
  setDistanceMeasure(value: string): this { return this.set(DISTANCE_MEASURE, value); }
  getBatchStrategy(): string { return this.get(BATCH_STRATEGY); }
  getGlobalBatchSize(): number { return this.get(GLOBAL_BATCH_SIZE); }
  setGlobalBatchSize(value: number): this { return this.set(GLOBAL_BATCH_SIZE, value); }
  getDecayFactor(): number { return this.get(DECAY_FACTOR); }
  setDecayFactor(value: number): this { return this.set(DECAY_FACTOR, value); }
  getSeed(): number | null { return this.get(SEED); }
  setSeed(value: number): this { return this.set(SEED, value); }


  fit<T extends Row>(...inputs: DataStream<T>[]): OnlineKMeansModel {
    this.expectInputs(inputs, 1);
    const initial = this.requireInitialModelData();
    const k = this.getK();
    const decayFactor = this.getDecayFactor();
    const columns = { featuresCol: this.getFeaturesCol(), labelCol: null, weightCol: null };
    const modelData = trainOnline(this.className, inputs[0]! as DataStream<Row>, initial, this.getGlobalBatchSize(), columns, () => new KMeansLearner(this.className, k, decayFactor));
    return new OnlineKMeansModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

export class OnlineKMeansModel extends OnlineModel<KMeansModelData> {
  readonly className = "OnlineKMeansModel";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, PREDICTION_COL, K, DISTANCE_MEASURE);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }
  getDistanceMeasure(): string { return this.get(DISTANCE_MEASURE); }
  setDistanceMeasure(value: string): this { return this.set(DISTANCE_MEASURE, value); }

  /** The index of the nearest centroid (Flink ML's findClosest; the first of equally near ones). No version column: Flink ML has none. */
  protected versionOf(model: KMeansModelData): number {
    return model.modelVersion;
  }

  protected mapperFactory(): (model: KMeansModelData) => RowMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    const k = this.getK();
    const stage = this.className;
    return ({ centroids }) => {
      if (centroids.length > k) throw new Error(`${stage}: the model data has ${centroids.length} centroids, more than k = ${k}`);
      const norms = Float64Array.from(centroids, (c) => norm2(c));
      const dim = centroids[0]?.size() ?? 0;
      return (row) => {
        const point = vectorAt(row, featuresCol, stage);
        if (point.size() !== dim) throw new Error(`${stage}: column '${featuresCol}' holds a vector of ${point.size()} entries, the centroids have ${dim}`);
        const bestIndex = nearestCentroid(point, norm2(point), centroids, norms);
        return withColumn(row, predictionCol, bestIndex);
      };
    };
  }
}

registerStage("OnlineKMeans", () => new OnlineKMeans());
registerStage("OnlineKMeansModel", () => new OnlineKMeansModel());
