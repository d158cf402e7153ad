// The model data of Flink ML's linear models (LogisticRegressionModelData, LinearSVCModelData,
// LinearRegressionModelData): the coefficient, without an intercept; LogisticRegression's also has a model version.
import type { DenseVector } from "../linalg/dense-vector.js";

export interface LinearModelData {
  readonly coefficient: DenseVector;
  /** LogisticRegression: 0 from a batch fit (Flink ML's modelVersion, counted by OnlineLogisticRegression). */
  readonly modelVersion?: number;
}

/** The one record of a linear model's data, checked (the error names the model). */
export function coefficientOf(modelData: readonly LinearModelData[], stage: string): DenseVector {
  const data = modelData[modelData.length - 1];
  if (data === undefined || data.coefficient === undefined) throw new Error(`${stage}: the model data holds no coefficient`);
  return data.coefficient;
}
