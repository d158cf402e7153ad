// UnivariateFeatureSelector: keeps the features that a univariate test against the label finds most significant
// (Flink ML's UnivariateFeatureSelector). featureType × labelType picks the test — categorical × categorical: ChiSqTest,
// continuous × categorical: ANOVATest (f_classif), continuous × continuous: FValueTest (f_regression) — and
// selectionMode turns the p-values into indices: the numTopFeatures or the percentile smallest p-values (ties by
// index), or those below a false positive rate (fpr), a Benjamini–Hochberg false discovery rate (fdr) or a
// family-wise error rate (fwe, the threshold over the number of features).
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator, ParamValidators } from "../core/param.js";
import { asRowStreams, type Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { FEATURES_COL, LABEL_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";
import type { Vector } from "../linalg/vector.js";
import { ANOVATest } from "../stats/anova-test.js";
import { ChiSqTest } from "../stats/chi-sq-test.js";
import { FValueTest } from "../stats/f-value-test.js";

export const CATEGORICAL = "categorical";
export const CONTINUOUS = "continuous";
export type VariableType = typeof CATEGORICAL | typeof CONTINUOUS;
export type SelectionMode = "numTopFeatures" | "percentile" | "fpr" | "fdr" | "fwe";

/** Null (not set yet, the default) or one of the types: null passes as in Flink ML, so an unfitted selector saves and loads. */
const variableType: ParamValidator<string> = { demand: `one of "${CATEGORICAL}", "${CONTINUOUS}"`, validate: (v) => v === null || v === CATEGORICAL || v === CONTINUOUS };
export const FEATURE_TYPE = Params.string("featureType", "The feature type.", null, variableType);
export const LABEL_TYPE = Params.string("labelType", "The label type.", null, variableType);
export const SELECTION_MODE = Params.string("selectionMode", "The feature selection mode.", "numTopFeatures", ParamValidators.inArray(["numTopFeatures", "percentile", "fpr", "fdr", "fwe"]));
export const SELECTION_THRESHOLD = Params.double(
  "selectionThreshold",
  "The upper bound of the features that selector will select. If not set, it will be replaced with a meaningful value according to different selection modes at runtime. When the mode is numTopFeatures, it will be replaced with 50; when the mode is percentile, it will be replaced with 0.1; otherwise, it will be replaced with 0.05.",
  null,
);

/** Flink ML's model data: the indices of the selected features (in the order selected). */
export interface UnivariateFeatureSelectorModelData {
  readonly indices: number[];
}

interface Ranked {
  readonly pValue: number;
  readonly featureIndex: number;
}

export class UnivariateFeatureSelector extends Estimator<UnivariateFeatureSelectorModel> {
  readonly className = "UnivariateFeatureSelector";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, LABEL_COL, OUTPUT_COL, FEATURE_TYPE, LABEL_TYPE, SELECTION_MODE, SELECTION_THRESHOLD);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getLabelCol(): string { return this.get(LABEL_COL); }
  setLabelCol(value: string): this { return this.set(LABEL_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getFeatureType(): VariableType | null { return this.get(FEATURE_TYPE) as VariableType | null; }
  setFeatureType(value: VariableType): this { return this.set(FEATURE_TYPE, value); }
  getLabelType(): VariableType | null { return this.get(LABEL_TYPE) as VariableType | null; }
  setLabelType(value: VariableType): this { return this.set(LABEL_TYPE, value); }
  getSelectionMode(): SelectionMode { return this.get(SELECTION_MODE) as SelectionMode; }
  setSelectionMode(value: SelectionMode): this { return this.set(SELECTION_MODE, value); }
  getSelectionThreshold(): number | null { return this.get(SELECTION_THRESHOLD); }
  setSelectionThreshold(value: number): this { return this.set(SELECTION_THRESHOLD, value); }

  fit<T extends Row>(...typed: DataStream<T>[]): UnivariateFeatureSelectorModel {
    const inputs = asRowStreams(typed);
    this.expectInputs(inputs, 1);
    const mode = this.getSelectionMode();
    const threshold = this.actualSelectionThreshold();
    const test = this.statisticalTest().setFeaturesCol(this.getFeaturesCol()).setLabelCol(this.getLabelCol()).setFlatten(true);
    const pValues = test.transform(inputs[0]!)[0]!;
    const modelData = aggregateBounded<Ranked[], UnivariateFeatureSelectorModelData>(pValues, {
      createAccumulator: () => [],
      add(acc, row) {
        acc.push({ pValue: row["pValue"] as number, featureIndex: row["featureIndex"] as number });
        return acc;
      },
      merge(a, b) {
        for (const r of b) a.push(r);
        return a;
      },
      result: (acc) => [{ indices: selectIndices(acc, mode, threshold) }],
    }, "UnivariateFeatureSelector: select");
    return new UnivariateFeatureSelectorModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }

  private statisticalTest(): ChiSqTest | ANOVATest | FValueTest {
    const featureType = this.getFeatureType();
    const labelType = this.getLabelType();
    if (featureType === CATEGORICAL && labelType === CATEGORICAL) return new ChiSqTest();
    if (featureType === CONTINUOUS && labelType === CATEGORICAL) return new ANOVATest();
    if (featureType === CONTINUOUS && labelType === CONTINUOUS) return new FValueTest();
    throw new Error(
      `UnivariateFeatureSelector: unsupported combination featureType=${featureType}, labelType=${labelType} — set both: ` +
        "categorical × categorical (chi-squared), continuous × categorical (ANOVA F) or continuous × continuous (F-value)",
    );
  }

  /** The threshold, or Flink ML's default for the mode (50, 0.1 or 0.05); checked against the mode as Flink ML does. */
  private actualSelectionThreshold(): number {
    const mode = this.getSelectionMode();
    const threshold = this.getSelectionThreshold();
    if (threshold === null) return mode === "numTopFeatures" ? 50 : mode === "percentile" ? 0.1 : 0.05;
    if (mode === "numTopFeatures") {
      if (!(threshold >= 1 && Number.isInteger(threshold))) {
        throw new Error(`UnivariateFeatureSelector: selectionThreshold needs to be a positive integer for selection mode numTopFeatures, but got ${threshold}`);
      }
    } else if (!(threshold >= 0 && threshold <= 1)) {
      throw new Error(`UnivariateFeatureSelector: selectionThreshold needs to be in the range [0, 1] for selection mode ${mode}, but got ${threshold}`);
    }
    return threshold;
  }
}

/** Flink ML's SelectIndicesFromPValuesOperator: indices by the selection mode, ranking by p-value then index. */
export function selectIndices(ranked: Ranked[], mode: SelectionMode, threshold: number): number[] {
  const m = ranked.length;
  const sorted = () => [...ranked].sort((a, b) => a.pValue - b.pValue || a.featureIndex - b.featureIndex);
  switch (mode) {
    case "numTopFeatures":
      return sorted().slice(0, Math.min(m, Math.trunc(threshold))).map((r) => r.featureIndex);
    case "percentile":
      return sorted().slice(0, Math.min(m, Math.trunc(m * threshold))).map((r) => r.featureIndex);
    case "fpr":
      return ranked.filter((r) => r.pValue < threshold).map((r) => r.featureIndex);
    case "fwe":
      return ranked.filter((r) => r.pValue < threshold / m).map((r) => r.featureIndex);
    case "fdr": {
      // Benjamini–Hochberg: the largest rank i (from 0) whose p-value is below threshold / m · (i + 1), and all before it
      const order = sorted();
      let last = -1;
      for (let i = 0; i < m; i++) if (order[i]!.pValue < (threshold / m) * (i + 1)) last = i;
      return order.slice(0, last + 1).map((r) => r.featureIndex);
    }
  }
}

export class UnivariateFeatureSelectorModel extends RowMapModel<UnivariateFeatureSelectorModelData> {
  readonly className = "UnivariateFeatureSelectorModel";

  constructor() {
    super();
    this.declareParams(FEATURES_COL, OUTPUT_COL);
  }

  getFeaturesCol(): string { return this.get(FEATURES_COL); }
  setFeaturesCol(value: string): this { return this.set(FEATURES_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected mapperFactory(): (modelData: readonly UnivariateFeatureSelectorModelData[]) => RowFilterMapper {
    const featuresCol = this.getFeaturesCol();
    const outputCol = this.getOutputCol();
    return ([data]) => {
      // the output keeps the features in their input order, as Flink ML sorts the indices
      const indices = Int32Array.from(data!.indices).sort();
      const needed = indices.length === 0 ? 0 : indices[indices.length - 1]! + 1;
      return (row) => {
        if (indices.length === 0) return withColumn(row, outputCol, new DenseVector(0));
        const x = vectorAt(row, featuresCol, "UnivariateFeatureSelectorModel");
        if (x.size() < needed) throw new Error(`UnivariateFeatureSelectorModel: column '${featuresCol}' has ${x.size()} features, but the selector expects at least ${needed}`);
        return withColumn(row, outputCol, selectByIndices(x, indices));
      };
    };
  }
}

/** The entries at sorted `indices` (Flink ML's VectorUtils.selectByIndices): dense stays dense, sparse sparse. */
function selectByIndices(x: Vector, indices: Int32Array): Vector {
  if (x.kind === "dense") return new DenseVector(Float64Array.from(indices, (i) => x.values[i]!));
  const outIndices: number[] = [];
  const outValues: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    const v = x.get(indices[k]!);
    if (v !== 0) {
      outIndices.push(k);
      outValues.push(v);
    }
  }
  return new SparseVector(indices.length, outIndices, outValues);
}

registerStage("UnivariateFeatureSelector", () => new UnivariateFeatureSelector());
registerStage("UnivariateFeatureSelectorModel", () => new UnivariateFeatureSelectorModel());
