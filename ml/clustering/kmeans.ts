// KMeans: Lloyd's k-means on the runtime's iterations (Flink ML's KMeans). initMode 'random' picks k training points
// by the seed; maxIter Lloyd steps run (Flink ML has no tolerance); distanceMeasure 'euclidean', 'cosine' or
// 'manhattan' decides the assignment while centroids are always means, as in Flink ML. The model predicts the index of
// the closest centroid. Eddy's addition: setInitialModelData fixes the initial centroids (as Flink ML's OnlineKMeans).
import type { DataStream } from "../../runtime/index.js";
import { distanceMeasure, rowNorms } from "../common/distance/distance-measure.js";
import { DISTANCE_MEASURE, MAX_ITER, type DistanceMeasureName } from "../common/training-params.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { FEATURES_COL, javaStringHash, PREDICTION_COL, SEED } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import type { DenseVector } from "../linalg/dense-vector.js";
import type { Vector } from "../linalg/vector.js";
import { INIT_MODE, K, KMEANS_MODEL_PARAMS, KMEANS_PARAMS } from "./kmeans-params.js";
import type { Centroids } from "./kmeans/kmeans-messages.js";
import { lloydIteration } from "./kmeans/lloyd-iteration.js";
import { selectRandomCentroids } from "./kmeans/select-random-centroids.js";

export interface KMeansModelData {
  readonly centroids: DenseVector[];
  /** How many training points each centroid had in the last step (Flink ML's weights). */
  readonly weights: DenseVector;
}

/** Flink ML's default seed: the hash of the stage's Java class name. */
const DEFAULT_SEED = javaStringHash("org.apache.flink.ml.clustering.kmeans.KMeans");

export class KMeans extends Estimator<KMeansModel> {
  readonly className = "KMeans";
  private initialModelData: DataStream<KMeansModelData> | null = null;

  constructor() {
    super();
    this.declareParams(...KMEANS_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getDistanceMeasure(): DistanceMeasureName { return this.get(DISTANCE_MEASURE) as DistanceMeasureName; }
  setDistanceMeasure(value: DistanceMeasureName): this { return this.set(DISTANCE_MEASURE, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }
  getInitMode(): string { return this.get(INIT_MODE); }
  setInitMode(value: string): this { return this.set(INIT_MODE, value); }
  getSeed(): number { return this.get(SEED) ?? DEFAULT_SEED; }
  setSeed(value: number): this { return this.set(SEED, value); }
  getMaxIter(): number { return this.get(MAX_ITER); }
  setMaxIter(value: number): this { return this.set(MAX_ITER, value); }

  /**
   * Starts from these centroids instead of random training points (one record; `k` is then its number of
   * centroids). Not saved with the estimator: it is data, like a model's.
   */
  setInitialModelData(modelData: DataStream<KMeansModelData>): this {
    this.initialModelData = modelData;
    return this;
  }

  fit<T extends Row>(...typed: DataStream<T>[]): KMeansModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const input = inputs[0]!;
    const featuresCol = this.getFeaturesCol();
    const points = input.map<Vector>((row) => vectorAt(row, featuresCol, "KMeans"), "KMeans: points");
    const initial =
      this.initialModelData === null
        ? aggregateBounded(input, selectRandomCentroids(this.getK(), this.getSeed(), featuresCol), "KMeans: random centroids")
        : this.initialModelData.map<Centroids>(toCentroids, "KMeans: initial centroids").setParallelism(1);
    const modelData = lloydIteration(initial, points, this.getMaxIter(), distanceMeasure(this.getDistanceMeasure()));
    return new KMeansModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function toCentroids(data: KMeansModelData): Centroids {
  const k = data.centroids.length;
  if (k === 0) throw new Error("KMeans: the initial model data has no centroids");
  const dim = data.centroids[0]!.size();
  const values = new Float64Array(k * dim);
  data.centroids.forEach((c, i) => {
    if (c.size() !== dim) throw new Error(`KMeans: the initial centroids differ in dimension (${dim} and ${c.size()})`);
    values.set(c.values, i * dim);
  });
  return { values, k, dim, weights: new Float64Array(k), epoch: -1 };
}

export class KMeansModel extends RowMapModel<KMeansModelData> {
  readonly className = "KMeansModel";

  constructor() {
    super();
    this.declareParams(...KMEANS_MODEL_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getDistanceMeasure(): DistanceMeasureName { return this.get(DISTANCE_MEASURE) as DistanceMeasureName; }
  setDistanceMeasure(value: DistanceMeasureName): this { return this.set(DISTANCE_MEASURE, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }

  protected mapperFactory(): (modelData: readonly KMeansModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    const distance = distanceMeasure(this.getDistanceMeasure());
    return (modelData) => {
      const { values, k, dim } = toCentroids(modelData[modelData.length - 1]!);
      const norms = rowNorms(values, k, dim);
      return (row) => {
        const point = vectorAt(row, featuresCol, "KMeansModel").toDense().values;
        if (point.length !== dim) throw new Error(`KMeansModel: column '${featuresCol}' holds a vector of ${point.length} dimensions, the centroids have ${dim}`);
        const norm = rowNorms(point, 1, dim)[0]!;
        return withColumn(row, predictionCol, distance.findClosest(values, norms, k, point, 0, norm, dim));
      };
    };
  }
}

registerStage("KMeans", () => new KMeans());
registerStage("KMeansModel", () => new KMeansModel());
