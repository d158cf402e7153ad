// StandardScaler: centres features by their mean and scales them by their standard deviation (Flink ML's
// StandardScaler). As in Flink ML, the deviation is the sample standard deviation (divided by n − 1), where
// scikit-learn uses the population one (n); withMean is off by default.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { axpy, hDot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { WITH_MEAN, WITH_STD } from "./standard-scaler-params.js";

export interface StandardScalerModelData {
  readonly mean: DenseVector;
  readonly std: DenseVector;
}

interface Moments {
  count: number;
  sum: Float64Array | null;
  squaredSum: Float64Array | null;
}

export class StandardScaler extends Estimator<StandardScalerModel> {
  readonly className = "StandardScaler";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, WITH_MEAN, WITH_STD);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getWithMean(): boolean { return this.get(WITH_MEAN); }
  setWithMean(value: boolean): this { return this.set(WITH_MEAN, value); }
  getWithStd(): boolean { return this.get(WITH_STD); }
  setWithStd(value: boolean): this { return this.set(WITH_STD, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): StandardScalerModel {
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, momentsAggregator(this.getInputCol()), "StandardScaler");
    return new StandardScalerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function momentsAggregator(inputCol: string): BoundedAggregator<Moments, StandardScalerModelData> {
  return {
    createAccumulator: () => ({ count: 0, sum: null, squaredSum: null }),
    add(acc, row) {
      const v = vectorAt(row, inputCol, "StandardScaler");
      if (acc.sum === null) {
        acc.sum = new Float64Array(v.size());
        acc.squaredSum = new Float64Array(v.size());
      } else if (acc.sum.length !== v.size()) {
        throw new Error(`StandardScaler: vectors in column '${inputCol}' differ in size (${acc.sum.length} and ${v.size()})`);
      }
      const sum = acc.sum;
      const sq = acc.squaredSum!;
      const values = v.values;
      if (v.kind === "dense") {
        for (let i = 0; i < values.length; i++) {
          const x = values[i]!;
          sum[i]! += x;
          sq[i]! += x * x;
        }
      } else {
        for (let p = 0; p < values.length; p++) {
          const x = values[p]!;
          const i = v.indices[p]!;
          sum[i]! += x;
          sq[i]! += x * x;
        }
      }
      acc.count++;
      return acc;
    },
    merge(a, b) {
      if (b.sum === null) return a;
      if (a.sum === null) return b;
      for (let i = 0; i < a.sum.length; i++) {
        a.sum[i]! += b.sum[i]!;
        a.squaredSum![i]! += b.squaredSum![i]!;
      }
      a.count += b.count;
      return a;
    },
    result({ count, sum, squaredSum }) {
      if (count === 0 || sum === null || squaredSum === null) throw new Error("StandardScaler: the training set is empty — fit needs at least one row");
      const mean = new Float64Array(sum.length);
      const std = new Float64Array(sum.length);
      for (let i = 0; i < sum.length; i++) {
        mean[i] = sum[i]! / count;
        // Flink ML's one-pass formula; why max(0, …): rounding can make a constant column's variance a tiny negative
        // number, whose square root would be NaN (Flink ML has that flaw)
        std[i] = count > 1 ? Math.sqrt(Math.max(0, (squaredSum[i]! - count * mean[i]! * mean[i]!) / (count - 1))) : 0;
      }
      return [{ mean: new DenseVector(mean), std: new DenseVector(std) }];
    },
  };
}

export class StandardScalerModel extends RowMapModel<StandardScalerModelData> {
  readonly className = "StandardScalerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, WITH_MEAN, WITH_STD);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getWithMean(): boolean { return this.get(WITH_MEAN); }
  setWithMean(value: boolean): this { return this.set(WITH_MEAN, value); }
  getWithStd(): boolean { return this.get(WITH_STD); }
  setWithStd(value: boolean): this { return this.set(WITH_STD, value); }

  protected mapperFactory(): (modelData: readonly StandardScalerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const withMean = this.getWithMean();
    const withStd = this.getWithStd();
    return ([data]) => {
      const mean = data!.mean;
      // why 0 for a zero deviation: a constant feature scales to 0, not to ±Infinity (as Flink ML)
      const scale = new DenseVector(Float64Array.from(data!.std.values, (s) => (s === 0 ? 0 : 1 / s)));
      return (row) => {
        let out = vectorAt(row, inputCol, "StandardScalerModel").clone();
        if (withMean) {
          const dense = out.toDense();
          axpy(-1, mean, dense);
          out = dense;
        }
        if (withStd) hDot(scale, out);
        return withColumn(row, outputCol, out);
      };
    };
  }
}

registerStage("StandardScaler", () => new StandardScaler());
registerStage("StandardScalerModel", () => new StandardScalerModel());
