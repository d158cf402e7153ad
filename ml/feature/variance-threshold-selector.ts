// VarianceThresholdSelector: keeps the features whose variance in training is above a threshold (Flink ML's
// VarianceThresholdSelector; the population variance, as scikit-learn's VarianceThreshold).
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { vectorAt, withColumn } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";

export const VARIANCE_THRESHOLD = Params.double("varianceThreshold", "Features with a variance not greater than this threshold will be removed.", 0.0, ParamValidators.gtEq(0));

export interface VarianceThresholdSelectorModelData {
  readonly numOfFeatures: number;
  readonly indices: number[];
}

interface Sums {
  count: number;
  sum: Float64Array | null;
  squaredSum: Float64Array | null;
}

export class VarianceThresholdSelector extends Estimator<VarianceThresholdSelectorModel> {
  readonly className = "VarianceThresholdSelector";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, VARIANCE_THRESHOLD);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getVarianceThreshold(): number { return this.get(VARIANCE_THRESHOLD); }
  setVarianceThreshold(value: number): this { return this.set(VARIANCE_THRESHOLD, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): VarianceThresholdSelectorModel {
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, varianceAggregator(this.getInputCol(), this.getVarianceThreshold()), "VarianceThresholdSelector");
    return new VarianceThresholdSelectorModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function varianceAggregator(inputCol: string, threshold: number): BoundedAggregator<Sums, VarianceThresholdSelectorModelData> {
  return {
    createAccumulator: () => ({ count: 0, sum: null, squaredSum: null }),
    add(acc, row) {
      const x = vectorAt(row, inputCol, "VarianceThresholdSelector").toArray();
      const sum = (acc.sum ??= new Float64Array(x.length));
      const sq = (acc.squaredSum ??= new Float64Array(x.length));
      if (sum.length !== x.length) throw new Error(`VarianceThresholdSelector: vectors in column '${inputCol}' differ in size (${sum.length} and ${x.length})`);
      for (let i = 0; i < x.length; i++) {
        sum[i]! += x[i]!;
        sq[i]! += x[i]! * x[i]!;
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
      if (count === 0 || sum === null || squaredSum === null) throw new Error("VarianceThresholdSelector: the training set is empty — fit needs at least one row");
      const indices: number[] = [];
      for (let i = 0; i < sum.length; i++) {
        const mean = sum[i]! / count;
        if (squaredSum[i]! / count - mean * mean > threshold) indices.push(i);
      }
      return [{ numOfFeatures: sum.length, indices }];
    },
  };
}

export class VarianceThresholdSelectorModel extends RowMapModel<VarianceThresholdSelectorModelData> {
  readonly className = "VarianceThresholdSelectorModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected mapperFactory(): (modelData: readonly VarianceThresholdSelectorModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return ([data]) => {
      const { numOfFeatures } = data!;
      const indices = [...data!.indices].sort((a, b) => a - b);
      return (row) => {
        const v = vectorAt(row, inputCol, "VarianceThresholdSelectorModel");
        if (v.size() !== numOfFeatures) {
          throw new Error(`VarianceThresholdSelectorModel: column '${inputCol}' has ${v.size()} features, but the selector was fitted on ${numOfFeatures}`);
        }
        if (v.kind === "dense") return withColumn(row, outputCol, new DenseVector(Float64Array.from(indices, (i) => v.values[i]!)));
        const outIndices: number[] = [];
        const outValues: number[] = [];
        indices.forEach((i, k) => {
          const x = v.get(i);
          if (x !== 0) {
            outIndices.push(k);
            outValues.push(x);
          }
        });
        return withColumn(row, outputCol, new SparseVector(indices.length, outIndices, outValues));
      };
    };
  }
}

registerStage("VarianceThresholdSelector", () => new VarianceThresholdSelector());
registerStage("VarianceThresholdSelectorModel", () => new VarianceThresholdSelectorModel());
