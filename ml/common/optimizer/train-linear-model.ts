// What LogisticRegression, LinearSVC and LinearRegression share: rows to weighted labelled points, a zero initial
// coefficient of the features' dimension, and SGD with the estimator's loss. No intercept, as in Flink ML.
import type { DataStream } from "../../../runtime/index.js";
import { aggregateBounded } from "../../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../../core/bounded-aggregator.js";
import { numberAt, vectorAt } from "../../core/columns.js";
import type { Row } from "../../core/row.js";
import { DenseVector } from "../../linalg/dense-vector.js";
import type { LossFunc } from "../lossfunc/loss-func.js";
import type { LabeledPoint } from "./labeled-point.js";
import { SGD, type SgdParams } from "./sgd.js";

export interface LinearTrainingColumns {
  readonly featuresCol: string;
  readonly labelCol: string;
  /** Null: every point weighs 1. */
  readonly weightCol: string | null;
}

/** The trained coefficient. `checkLabel` refuses labels the model cannot learn (binary classifiers: 0 and 1 only). */
export function trainLinearModel(
  stage: string,
  input: DataStream<Row>,
  cols: LinearTrainingColumns,
  params: SgdParams,
  loss: LossFunc,
  checkLabel: (label: number) => void = () => {},
): DataStream<DenseVector> {
  const { featuresCol, labelCol, weightCol } = cols;
  const points = input.map<LabeledPoint>((row) => {
    const label = numberAt(row, labelCol, stage);
    checkLabel(label);
    return { features: vectorAt(row, featuresCol, stage), label, weight: weightCol === null ? 1 : numberAt(row, weightCol, stage) };
  }, `${stage}: labelled points`);
  const init = aggregateBounded(input, zeroCoefficient(featuresCol, stage), `${stage}: initial model`);
  return new SGD(params).optimize(init, points, loss, stage);
}

/** A zero coefficient of the features' dimension (Flink ML reduces the dimensions, checking they agree). */
function zeroCoefficient(featuresCol: string, stage: string): BoundedAggregator<{ dim: number }, DenseVector> {
  const merge = (a: { dim: number }, b: { dim: number }) => {
    if (a.dim !== -1 && b.dim !== -1 && a.dim !== b.dim) throw new Error(`${stage}: the training data should all have the same dimension, got ${a.dim} and ${b.dim}`);
    return a.dim === -1 ? b : a;
  };
  return {
    createAccumulator: () => ({ dim: -1 }),
    // why not merge(acc, { dim }): no object per training row
    add(acc, row) {
      const dim = vectorAt(row, featuresCol, stage).size();
      if (acc.dim === -1) acc.dim = dim;
      else if (acc.dim !== dim) throw new Error(`${stage}: the training data should all have the same dimension, got ${acc.dim} and ${dim}`);
      return acc;
    },
    merge,
    result(acc) {
      if (acc.dim === -1) throw new Error(`${stage}: the training set is empty — fit needs at least one row`);
      return [new DenseVector(acc.dim)];
    },
  };
}
