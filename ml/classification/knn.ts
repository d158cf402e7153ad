// Knn: k-nearest-neighbours classification by brute force (Flink ML's Knn). fit packs the training points into one
// model data record; the model finds each row's k nearest training points by Euclidean distance (the norm expansion,
// as Flink ML) and predicts their most frequent label — the smallest label among equally frequent ones (Flink ML
// leaves that to a hash map's order), and the earlier training point among equally distant ones.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { numberAt, vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { asRowStreams, type Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { FEATURES_COL, LABEL_COL, PREDICTION_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseMatrix } from "../linalg/dense-matrix.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { K, KNN_MODEL_PARAMS, KNN_PARAMS } from "./knn-params.js";

/** Flink ML's KnnModelData: the training points as the columns of a dim × n matrix, their squared norms, their labels. */
export interface KnnModelData {
  readonly packedFeatures: DenseMatrix;
  readonly featureNormSquares: DenseVector;
  readonly labels: DenseVector;
}

interface Points {
  dim: number;
  features: number[];
  labels: number[];
}

export class Knn extends Estimator<KnnModel> {
  readonly className = "Knn";

  constructor() {
    super();
    this.declareParams(...KNN_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }

  fit<T extends Row>(...typed: DataStream<T>[]): KnnModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, packPoints(this.getFeaturesCol(), this.getLabelCol()), "Knn");
    return new KnnModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function packPoints(featuresCol: string, labelCol: string): BoundedAggregator<Points, KnnModelData> {
  const checkDim = (acc: Points, dim: number) => {
    if (acc.dim === -1) acc.dim = dim;
    else if (acc.dim !== dim) throw new Error(`Knn: the training points should all have the same dimension, got ${acc.dim} and ${dim}`);
  };
  return {
    createAccumulator: () => ({ dim: -1, features: [], labels: [] }),
    add(acc, row) {
      const v = vectorAt(row, featuresCol, "Knn").toDense().values;
      checkDim(acc, v.length);
      for (let j = 0; j < v.length; j++) acc.features.push(v[j]!);
      acc.labels.push(numberAt(row, labelCol, "Knn"));
      return acc;
    },
    merge(a, b) {
      if (b.dim === -1) return a;
      checkDim(a, b.dim);
      for (const x of b.features) a.features.push(x);
      for (const l of b.labels) a.labels.push(l);
      return a;
    },
    result({ dim, features, labels }) {
      if (labels.length === 0) throw new Error("Knn: the training set is empty — fit needs at least one row");
      const packed = Float64Array.from(features);
      const norms = new Float64Array(labels.length);
      for (let i = 0; i < labels.length; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += packed[i * dim + j]! * packed[i * dim + j]!;
        norms[i] = s;
      }
      return [{ packedFeatures: new DenseMatrix(dim, labels.length, packed), featureNormSquares: new DenseVector(norms), labels: new DenseVector(Float64Array.from(labels)) }];
    },
  };
}

export class KnnModel extends RowMapModel<KnnModelData> {
  readonly className = "KnnModel";

  constructor() {
    super();
    this.declareParams(...KNN_MODEL_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getK(): number { return this.get(K); }
  setK(value: number): this { return this.set(K, value); }

  protected mapperFactory(): (modelData: readonly KnnModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    const k = this.getK();
    return (modelData) => {
      const { packedFeatures, featureNormSquares, labels } = modelData[modelData.length - 1]!;
      const dim = packedFeatures.numRows;
      const n = packedFeatures.numCols;
      const points = packedFeatures.values;
      const norms = featureNormSquares.values;
      const kk = Math.min(k, n);
      // the k nearest so far, sorted by distance (insertion: k is small)
      const nearDist = new Float64Array(kk);
      const nearIndex = new Int32Array(kk);
      return (row) => {
        const x = vectorAt(row, featuresCol, "KnnModel").toDense().values;
        if (x.length !== dim) throw new Error(`KnnModel: column '${featuresCol}' holds ${x.length} features, the model was trained on ${dim}`);
        let xNorm = 0;
        for (let j = 0; j < dim; j++) xNorm += x[j]! * x[j]!;
        let size = 0;
        for (let i = 0; i < n; i++) {
          let dot = 0;
          const offset = i * dim;
          for (let j = 0; j < dim; j++) dot += points[offset + j]! * x[j]!;
          const d = Math.sqrt(Math.abs(norms[i]! + xNorm - 2 * dot));
          if (size === kk && d >= nearDist[kk - 1]!) continue;
          let p = size < kk ? size++ : kk - 1;
          while (p > 0 && nearDist[p - 1]! > d) {
            nearDist[p] = nearDist[p - 1]!;
            nearIndex[p] = nearIndex[p - 1]!;
            p--;
          }
          nearDist[p] = d;
          nearIndex[p] = i;
        }
        return withColumn(row, predictionCol, majority(nearIndex, size, labels.values));
      };
    };
  }
}

/** The most frequent label among the neighbours; the smallest among equally frequent ones. */
function majority(neighbours: Int32Array, count: number, labels: Float64Array): number {
  const votes = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const l = labels[neighbours[i]!]!;
    votes.set(l, (votes.get(l) ?? 0) + 1);
  }
  let best = Number.NaN;
  let bestVotes = 0;
  for (const [label, v] of votes) if (v > bestVotes || (v === bestVotes && label < best)) [best, bestVotes] = [label, v];
  return best;
}

registerStage("Knn", () => new Knn());
registerStage("KnnModel", () => new KnnModel());
