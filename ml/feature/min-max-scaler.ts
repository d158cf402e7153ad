// MinMaxScaler: rescales each feature linearly to [min, max] from the minimum and maximum seen in training (Flink ML's
// MinMaxScaler). Unlike scikit-learn, a feature whose training max and min differ by less than 1e-5 maps to the middle
// of the range, (min + max) / 2 (scikit-learn maps a constant feature to min).
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

export const MIN = Params.double("min", "Lower bound of the output feature range.", 0.0, ParamValidators.notNull());
export const MAX = Params.double("max", "Upper bound of the output feature range.", 1.0, ParamValidators.notNull());

export interface MinMaxScalerModelData {
  readonly minVector: DenseVector;
  readonly maxVector: DenseVector;
}

interface Extremes {
  min: Float64Array | null;
  max: Float64Array | null;
}

export class MinMaxScaler extends Estimator<MinMaxScalerModel> {
  readonly className = "MinMaxScaler";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, MIN, MAX);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getMin(): number { return this.get(MIN); }
  setMin(value: number): this { return this.set(MIN, value); }
  getMax(): number { return this.get(MAX); }
  setMax(value: number): this { return this.set(MAX, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): MinMaxScalerModel {
    this.expectInputs(inputs, 1);
    if (this.getMin() >= this.getMax()) throw new Error(`MinMaxScaler: min (${this.getMin()}) must be below max (${this.getMax()})`);
    const modelData = aggregateBounded(inputs[0]!, extremesAggregator(this.getInputCol()), "MinMaxScaler");
    return new MinMaxScalerModel().setModelData(modelData).updateExistingParams(this.getParamMap());
  }
}

function extremesAggregator(inputCol: string): BoundedAggregator<Extremes, MinMaxScalerModelData> {
  return {
    createAccumulator: () => ({ min: null, max: null }),
    add(acc, row) {
      const values = vectorAt(row, inputCol, "MinMaxScaler").toArray();
      if (acc.min === null) {
        acc.min = values.slice();
        acc.max = values.slice();
        return acc;
      }
      if (acc.min.length !== values.length) throw new Error(`MinMaxScaler: vectors in column '${inputCol}' differ in size (${acc.min.length} and ${values.length})`);
      const min = acc.min;
      const max = acc.max!;
      for (let i = 0; i < values.length; i++) {
        const x = values[i]!;
        if (x < min[i]!) min[i] = x;
        if (x > max[i]!) max[i] = x;
      }
      return acc;
    },
    merge(a, b) {
      if (b.min === null) return a;
      if (a.min === null) return b;
      for (let i = 0; i < a.min.length; i++) {
        a.min[i] = Math.min(a.min[i]!, b.min[i]!);
        a.max![i] = Math.max(a.max![i]!, b.max![i]!);
      }
      return a;
    },
    result({ min, max }) {
      if (min === null || max === null) throw new Error("MinMaxScaler: the training set is empty — fit needs at least one row");
      return [{ minVector: new DenseVector(min), maxVector: new DenseVector(max) }];
    },
  };
}

export class MinMaxScalerModel extends RowMapModel<MinMaxScalerModelData> {
  readonly className = "MinMaxScalerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, MIN, MAX);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getMin(): number { return this.get(MIN); }
  setMin(value: number): this { return this.set(MIN, value); }
  getMax(): number { return this.get(MAX); }
  setMax(value: number): this { return this.set(MAX, value); }

  protected mapperFactory(): (modelData: readonly MinMaxScalerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const lower = this.getMin();
    const upper = this.getMax();
    return ([data]) => {
      const dataMin = data!.minVector.values;
      const dataMax = data!.maxVector.values;
      const n = dataMin.length;
      const scale = new Float64Array(n);
      const offset = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (Math.abs(dataMin[i]! - dataMax[i]!) < 1e-5) {
          scale[i] = 0;
          offset[i] = (upper + lower) / 2;
        } else {
          scale[i] = (upper - lower) / (dataMax[i]! - dataMin[i]!);
          offset[i] = lower - dataMin[i]! * scale[i]!;
        }
      }
      return (row) => {
        const x = vectorAt(row, inputCol, "MinMaxScalerModel").toArray();
        if (x.length !== n) throw new Error(`MinMaxScalerModel: column '${inputCol}' holds a vector of size ${x.length}, the model was fitted on size ${n}`);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = x[i]! * scale[i]! + offset[i]!;
        return withColumn(row, outputCol, new DenseVector(out));
      };
    };
  }
}

registerStage("MinMaxScaler", () => new MinMaxScaler());
registerStage("MinMaxScalerModel", () => new MinMaxScalerModel());
