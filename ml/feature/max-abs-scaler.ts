// MaxAbsScaler: divides each feature by its largest absolute value in training, so values fall in [-1, 1] and zeros
// stay zeros (Flink ML's MaxAbsScaler; the same as scikit-learn, a feature that is always 0 keeps scale 1).
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
import { hDot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";

export interface MaxAbsScalerModelData {
  readonly maxVector: DenseVector;
}

export class MaxAbsScaler extends Estimator<MaxAbsScalerModel> {
  readonly className = "MaxAbsScaler";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): MaxAbsScalerModel {
    this.expectInputs(inputs, 1);
    const modelData = aggregateBounded(inputs[0]!, maxAbsAggregator(this.getInputCol()), "MaxAbsScaler");
    return new MaxAbsScalerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function maxAbsAggregator(inputCol: string): BoundedAggregator<{ max: Float64Array | null }, MaxAbsScalerModelData> {
  return {
    createAccumulator: () => ({ max: null }),
    add(acc, row) {
      const v = vectorAt(row, inputCol, "MaxAbsScaler");
      const max = (acc.max ??= new Float64Array(v.size()));
      if (max.length !== v.size()) throw new Error(`MaxAbsScaler: vectors in column '${inputCol}' differ in size (${max.length} and ${v.size()})`);
      const values = v.values;
      if (v.kind === "dense") for (let i = 0; i < values.length; i++) max[i] = Math.max(max[i]!, Math.abs(values[i]!));
      else for (let p = 0; p < values.length; p++) max[v.indices[p]!] = Math.max(max[v.indices[p]!]!, Math.abs(values[p]!));
      return acc;
    },
    merge(a, b) {
      if (b.max === null) return a;
      if (a.max === null) return b;
      for (let i = 0; i < a.max.length; i++) a.max[i] = Math.max(a.max[i]!, b.max[i]!);
      return a;
    },
    result({ max }) {
      if (max === null) throw new Error("MaxAbsScaler: the training set is empty — fit needs at least one row");
      return [{ maxVector: new DenseVector(max) }];
    },
  };
}

export class MaxAbsScalerModel extends RowMapModel<MaxAbsScalerModelData> {
  readonly className = "MaxAbsScalerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected mapperFactory(): (modelData: readonly MaxAbsScalerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    return ([data]) => {
      const scale = new DenseVector(Float64Array.from(data!.maxVector.values, (m) => (m === 0 ? 1 : 1 / m)));
      return (row) => {
        const out = vectorAt(row, inputCol, "MaxAbsScalerModel").clone();
        hDot(scale, out);
        return withColumn(row, outputCol, out);
      };
    };
  }
}

registerStage("MaxAbsScaler", () => new MaxAbsScaler());
registerStage("MaxAbsScalerModel", () => new MaxAbsScalerModel());
