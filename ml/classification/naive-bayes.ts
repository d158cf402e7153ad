// NaiveBayes (Flink ML's NaiveBayes, modelType 'multinomial'): every feature is categorical — each distinct value of
// feature j is a category — and, with smoothing s, label l having n_l rows, C_j categories seen for feature j, F
// features, N rows and L labels:
//   theta[l][j][v] = log(count(l, j, v) + s) − log(n_l + s·C_j)          (scikit-learn's CategoricalNB, alpha = s)
//   pi[l]          = log(n_l·F + s) − log(N·F + L·s)                    (Flink ML's smoothed prior; sklearn's is n_l/N)
// The model predicts the label maximising pi[l] + Σ_j theta[l][j][x_j] (the first, in ascending label order, among
// equals). A feature value never seen in training cannot be scored (Flink ML fails the same way).
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
import { DenseVector } from "../linalg/dense-vector.js";
import { MODEL_TYPE, NAIVE_BAYES_MODEL_PARAMS, NAIVE_BAYES_PARAMS, SMOOTHING } from "./naive-bayes-params.js";

/**
 * Flink ML's NaiveBayesModelData with its maps unrolled: `categories[j]` are feature j's values in ascending order and
 * `theta[l][j][c]` the log-probability of categories[j][c] for labels[l].
 */
export interface NaiveBayesModelData {
  readonly theta: Float64Array[][];
  readonly categories: Float64Array[];
  readonly piArray: DenseVector;
  readonly labels: DenseVector;
}

/** Per label (by String(label), exact for every double): its row count and, per feature, counts by String(value). */
interface Counts {
  dim: number;
  labels: Record<string, { rows: number; features: Record<string, number>[] }>;
}

export class NaiveBayes extends Estimator<NaiveBayesModel> {
  readonly className = "NaiveBayes";

  constructor() {
    super();
    this.declareParams(...NAIVE_BAYES_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getModelType(): string { return this.get(MODEL_TYPE); }
  setModelType(value: string): this { return this.set(MODEL_TYPE, value); }
  getSmoothing(): number { return this.get(SMOOTHING); }
  setSmoothing(value: number): this { return this.set(SMOOTHING, value); }

  fit<T extends Row>(...typed: DataStream<T>[]): NaiveBayesModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, countCategories(this.getFeaturesCol(), this.getLabelCol(), this.getSmoothing()), "NaiveBayes");
    return new NaiveBayesModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function countCategories(featuresCol: string, labelCol: string, smoothing: number): BoundedAggregator<Counts, NaiveBayesModelData> {
  const checkDim = (acc: Counts, dim: number) => {
    if (acc.dim === -1) acc.dim = dim;
    else if (acc.dim !== dim) throw new Error(`NaiveBayes: feature vectors should be of equal length, got ${acc.dim} and ${dim}`);
  };
  return {
    createAccumulator: () => ({ dim: -1, labels: {} }),
    add(acc, row) {
      const label = numberAt(row, labelCol, "NaiveBayes");
      if (!Number.isInteger(label)) throw new Error(`NaiveBayes: label value should be an indexed number (an integer), got ${label} in column '${labelCol}' — index labels with StringIndexer`);
      const v = vectorAt(row, featuresCol, "NaiveBayes").toDense().values;
      checkDim(acc, v.length);
      const entry = (acc.labels[String(label)] ??= { rows: 0, features: Array.from({ length: v.length }, () => ({})) });
      entry.rows++;
      for (let j = 0; j < v.length; j++) {
        const f = entry.features[j]!;
        const key = String(v[j]);
        f[key] = (f[key] ?? 0) + 1;
      }
      return acc;
    },
    merge(a, b) {
      if (b.dim === -1) return a;
      checkDim(a, b.dim);
      for (const [label, e] of Object.entries(b.labels)) {
        const into = a.labels[label];
        if (into === undefined) {
          a.labels[label] = e;
          continue;
        }
        into.rows += e.rows;
        e.features.forEach((counts, j) => {
          const f = into.features[j]!;
          for (const [value, n] of Object.entries(counts)) f[value] = (f[value] ?? 0) + n;
        });
      }
      return a;
    },
    result(acc) {
      const labelKeys = Object.keys(acc.labels).sort((x, y) => Number(x) - Number(y));
      if (labelKeys.length === 0) throw new Error("NaiveBayes: the training set is empty — fit needs at least one row");
      const dim = acc.dim;
      const categories: Float64Array[] = [];
      for (let j = 0; j < dim; j++) {
        const seen = new Set<string>();
        for (const l of labelKeys) for (const value of Object.keys(acc.labels[l]!.features[j]!)) seen.add(value);
        categories.push(Float64Array.from([...seen].map(Number)).sort());
      }
      const totalRows = labelKeys.reduce((s, l) => s + acc.labels[l]!.rows, 0);
      const piLog = Math.log(totalRows * dim + labelKeys.length * smoothing);
      const theta = labelKeys.map((l) => {
        const { rows, features } = acc.labels[l]!;
        return categories.map((cats, j) => {
          const thetaLog = Math.log(rows + smoothing * cats.length);
          return Float64Array.from(cats, (value) => Math.log((features[j]![String(value)] ?? 0) + smoothing) - thetaLog);
        });
      });
      const piArray = Float64Array.from(labelKeys, (l) => Math.log(acc.labels[l]!.rows * dim + smoothing) - piLog);
      return [{ theta, categories, piArray: new DenseVector(piArray), labels: new DenseVector(Float64Array.from(labelKeys.map(Number))) }];
    },
  };
}

export class NaiveBayesModel extends RowMapModel<NaiveBayesModelData> {
  readonly className = "NaiveBayesModel";

  constructor() {
    super();
    this.declareParams(...NAIVE_BAYES_MODEL_PARAMS);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getPredictionCol(): string { return this.get(PREDICTION_COL); }
  setPredictionCol(value: string): this { return this.set(PREDICTION_COL, value); }
  getModelType(): string { return this.get(MODEL_TYPE); }
  setModelType(value: string): this { return this.set(MODEL_TYPE, value); }

  protected mapperFactory(): (modelData: readonly NaiveBayesModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const predictionCol = this.getPredictionCol();
    return (modelData) => {
      const { theta, categories, piArray, labels } = modelData[modelData.length - 1]!;
      // per feature: category value → its column in theta[l][j]
      const index = categories.map((cats) => new Map(Array.from(cats, (value, c) => [value, c] as const)));
      const scores = new Float64Array(labels.size());
      return (row) => {
        const x = vectorAt(row, featuresCol, "NaiveBayesModel").toDense().values;
        if (x.length !== categories.length) throw new Error(`NaiveBayesModel: column '${featuresCol}' holds ${x.length} features, the model was trained on ${categories.length}`);
        scores.set(piArray.values);
        for (let j = 0; j < x.length; j++) {
          const c = index[j]!.get(x[j]!);
          if (c === undefined) throw new Error(`NaiveBayesModel: feature ${j} has the value ${x[j]}, which no training row had — the model cannot score it`);
          for (let l = 0; l < scores.length; l++) scores[l]! += theta[l]![j]![c]!;
        }
        let best = 0;
        for (let l = 1; l < scores.length; l++) if (scores[l]! > scores[best]!) best = l;
        return withColumn(row, predictionCol, labels.values[best]);
      };
    };
  }
}

registerStage("NaiveBayes", () => new NaiveBayes());
registerStage("NaiveBayesModel", () => new NaiveBayesModel());
