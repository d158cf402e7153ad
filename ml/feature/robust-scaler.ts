// RobustScaler: centres by the median and scales by a quantile range (the interquartile range by default), so
// outliers weigh little (Flink ML's RobustScaler). Quantiles are Flink ML's (the value at rank ⌈p·n⌉, see
// common/quantile.ts), not scikit-learn's linear interpolation; withCentering is off by default; NaN is ignored in
// training; a zero range scales to 0.
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
import { axpy, hDot } from "../linalg/blas.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { quantileOfSorted, sortedCopy } from "../common/quantile.js";
import { RELATIVE_ERROR } from "./imputer.js";

export const LOWER = Params.double("lower", "Lower quantile to calculate quantile range.", 0.25, ParamValidators.inRange(0, 1, false, false));
export const UPPER = Params.double("upper", "Upper quantile to calculate quantile range.", 0.75, ParamValidators.inRange(0, 1, false, false));
export const WITH_CENTERING = Params.boolean("withCentering", "Whether to center the data with median before scaling.", false);
export const WITH_SCALING = Params.boolean("withScaling", "Whether to scale the data to quantile range.", true);

export interface RobustScalerModelData {
  readonly medians: DenseVector;
  readonly ranges: DenseVector;
}

export class RobustScaler extends Estimator<RobustScalerModel> {
  readonly className = "RobustScaler";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, LOWER, UPPER, WITH_CENTERING, WITH_SCALING, RELATIVE_ERROR);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getLower(): number { return this.get(LOWER); }
  setLower(value: number): this { return this.set(LOWER, value); }
  getUpper(): number { return this.get(UPPER); }
  setUpper(value: number): this { return this.set(UPPER, value); }
  getWithCentering(): boolean { return this.get(WITH_CENTERING); }
  setWithCentering(value: boolean): this { return this.set(WITH_CENTERING, value); }
  getWithScaling(): boolean { return this.get(WITH_SCALING); }
  setWithScaling(value: boolean): this { return this.set(WITH_SCALING, value); }
  getRelativeError(): number { return this.get(RELATIVE_ERROR); }
  setRelativeError(value: number): this { return this.set(RELATIVE_ERROR, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): RobustScalerModel {
    this.expectInputs(inputs, 1);
    const inputCol = this.getInputCol();
    const lower = this.getLower();
    const upper = this.getUpper();
    const relativeError = this.getRelativeError();
    if (lower >= upper) throw new Error(`RobustScaler: lower (${lower}) must be below upper (${upper})`);
    const aggregator: BoundedAggregator<{ columns: number[][] | null }, RobustScalerModelData> = {
      createAccumulator: () => ({ columns: null }),
      add(acc, row) {
        const x = vectorAt(row, inputCol, "RobustScaler").toArray();
        const columns = (acc.columns ??= Array.from({ length: x.length }, () => []));
        if (columns.length !== x.length) throw new Error(`RobustScaler: vectors in column '${inputCol}' differ in size (${columns.length} and ${x.length})`);
        for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) columns[i]!.push(x[i]!);
        return acc;
      },
      merge(a, b) {
        if (b.columns === null) return a;
        if (a.columns === null) return b;
        b.columns.forEach((vs, i) => {
          for (const v of vs) a.columns![i]!.push(v);
        });
        return a;
      },
      result({ columns }) {
        if (columns === null) throw new Error("RobustScaler: the training set is empty — fit needs at least one row");
        const medians = new Float64Array(columns.length);
        const ranges = new Float64Array(columns.length);
        columns.forEach((vs, i) => {
          if (vs.length === 0) throw new Error(`RobustScaler: feature ${i} of column '${inputCol}' is NaN in every row`);
          const sorted = sortedCopy(vs);
          medians[i] = quantileOfSorted(sorted, 0.5, relativeError);
          ranges[i] = quantileOfSorted(sorted, upper, relativeError) - quantileOfSorted(sorted, lower, relativeError);
        });
        return [{ medians: new DenseVector(medians), ranges: new DenseVector(ranges) }];
      },
    };
    return new RobustScalerModel().setModelData(aggregateBounded(inputs[0]!, aggregator, "RobustScaler")).updateExistingParams(this.getParamMap());
  }
}

export class RobustScalerModel extends RowMapModel<RobustScalerModelData> {
  readonly className = "RobustScalerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, WITH_CENTERING, WITH_SCALING);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getWithCentering(): boolean { return this.get(WITH_CENTERING); }
  setWithCentering(value: boolean): this { return this.set(WITH_CENTERING, value); }
  getWithScaling(): boolean { return this.get(WITH_SCALING); }
  setWithScaling(value: boolean): this { return this.set(WITH_SCALING, value); }

  protected mapperFactory(): (modelData: readonly RobustScalerModelData[]) => RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const withCentering = this.getWithCentering();
    const withScaling = this.getWithScaling();
    return ([data]) => {
      const medians = data!.medians;
      const scales = new DenseVector(Float64Array.from(data!.ranges.values, (r) => (r === 0 ? 0 : 1 / r)));
      return (row) => {
        const out = vectorAt(row, inputCol, "RobustScalerModel").toDense().clone();
        if (out.size() !== medians.size()) throw new Error(`RobustScalerModel: column '${inputCol}' has ${out.size()} features, the model ${medians.size()}`);
        if (withCentering) axpy(-1, medians, out);
        if (withScaling) hDot(scales, out);
        return withColumn(row, outputCol, out);
      };
    };
  }
}

registerStage("RobustScaler", () => new RobustScaler());
registerStage("RobustScalerModel", () => new RobustScalerModel());
