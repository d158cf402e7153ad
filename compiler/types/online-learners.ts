// The ml/ online learners a `.flow` pipeline can `train`: their params (with Flink ML's defaults and ranges), the
// record type of their model-data stream, and the columns `predict latest(…)` adds. The compiler reads this table
// only; the generated job calls ml/ (runtime/support/train-function.ts).
import { arrayOf, FLOAT, INT, record, type RecordField, type RecordType } from "./type.js";

export type LearnerName = "OnlineLogisticRegression" | "OnlineKMeans";

/** A numeric setting of a learner: its `.flow` name, Flink ML's default, and the values it accepts. */
export interface NumericParam {
  readonly name: string;
  readonly integer: boolean;
  readonly defaultValue: number;
  /** Inclusive bounds, unless `lowerOpen` (a value must be above `min`). */
  readonly min: number;
  readonly max: number;
  readonly lowerOpen?: boolean;
}

export interface LearnerInfo {
  readonly name: LearnerName;
  /** Trains on a label column (supervised). */
  readonly labelled: boolean;
  readonly numeric: readonly NumericParam[];
  /** What `initial` holds, for messages. */
  readonly initialShape: string;
  /** Whether training needs `initial` whatever the features (Flink ML's k-means has no default centroids). */
  readonly initialRequired: boolean;
  readonly modelData: RecordType;
  /** Columns `predict latest(m)` adds to each scored record (Flink ML's default column names). */
  readonly predictionColumns: readonly RecordField[];
}

const BATCH: NumericParam = { name: "batch", integer: true, defaultValue: 32, min: 1, max: Number.MAX_SAFE_INTEGER };

export const LEARNERS: ReadonlyMap<LearnerName, LearnerInfo> = new Map<LearnerName, LearnerInfo>([
  ["OnlineLogisticRegression", {
    name: "OnlineLogisticRegression",
    labelled: true,
    numeric: [
      BATCH,
      { name: "alpha", integer: false, defaultValue: 0.1, min: 0, max: Infinity, lowerOpen: true },
      { name: "beta", integer: false, defaultValue: 0.1, min: 0, max: Infinity },
      { name: "reg", integer: false, defaultValue: 0, min: 0, max: Infinity },
      { name: "elasticNet", integer: false, defaultValue: 0, min: 0, max: 1 },
    ],
    initialShape: "the initial coefficients, one number per feature (`[0.0, 0.0]`)",
    initialRequired: false,
    modelData: record([{ name: "coefficient", type: arrayOf(FLOAT) }, { name: "modelVersion", type: INT }]),
    predictionColumns: [{ name: "prediction", type: FLOAT }, { name: "rawPrediction", type: arrayOf(FLOAT) }, { name: "modelVersion", type: INT }],
  }],
  ["OnlineKMeans", {
    name: "OnlineKMeans",
    labelled: false,
    numeric: [BATCH, { name: "decayFactor", integer: false, defaultValue: 0, min: 0, max: 1 }],
    initialShape: "the initial centroids, one array of numbers per cluster (`[[0.0, 0.0], [1.0, 1.0]]`)",
    initialRequired: true,
    modelData: record([{ name: "centroids", type: arrayOf(arrayOf(FLOAT)) }, { name: "weights", type: arrayOf(FLOAT) }, { name: "modelVersion", type: INT }]),
    predictionColumns: [{ name: "prediction", type: INT }],
  }],
]);

/** Every param name of a learner, in the order the docs list them. */
export function paramNames(info: LearnerInfo): string[] {
  return ["features", ...(info.labelled ? ["label", "weight"] : []), ...info.numeric.map((p) => p.name), "initial", ...(info.name === "OnlineKMeans" ? ["weights"] : [])];
}

/** Where the features come from: numeric fields assembled in order into a vector, or one `[float]` field. */
export type FeatureSource =
  | { readonly kind: "fields"; readonly names: readonly string[] }
  | { readonly kind: "vector"; readonly name: string };

/** A checked `train …(…)`: everything the generated job needs to build the learner. */
export interface TrainingSpec {
  readonly learner: LearnerName;
  readonly features: FeatureSource;
  readonly label: string | null;
  readonly weight: string | null;
  /** Every numeric param, defaults filled in (`batch`, `alpha`, …). */
  readonly settings: Readonly<Record<string, number>>;
  /** Logistic regression: the initial coefficients (null: zeros, one per feature field). */
  readonly coefficients: readonly number[] | null;
  /** K-means: the initial centroids and their weights (null: zeros). */
  readonly centroids: readonly (readonly number[])[] | null;
  readonly weights: readonly number[] | null;
  /** The features' span in the `train`, for notes that point back at it. */
  readonly featuresSpan: { readonly start: number; readonly end: number };
}
