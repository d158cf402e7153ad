// Imputer: replaces missing values (null, NaN, and missingValue) of numeric columns by each column's mean, median or
// most frequent value (Flink ML's Imputer). Differences from scikit-learn's SimpleImputer: the median is the value at
// rank ⌈n/2⌉ (Flink ML's quantile summary), not the mean of the two middle values; the most frequent value breaks
// ties to the smallest, as scikit-learn does. Flink ML's model reads the row's i-th field instead of the i-th input
// column; here the named column is read.
import type { DataStream } from "../../runtime/index.js";
import { aggregateBounded } from "../core/aggregate-bounded.js";
import type { BoundedAggregator } from "../core/bounded-aggregator.js";
import { describeValue, withColumns } from "../core/columns.js";
import { Estimator } from "../core/estimator.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import type { Row } from "../core/row.js";
import { RowMapModel } from "../core/row-map-model.js";
import { INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { quantileOfSorted, sortedCopy } from "../common/quantile.js";

export const MEAN = "mean";
export const MEDIAN = "median";
export const MOST_FREQUENT = "most_frequent";
export const STRATEGY = Params.string("strategy", "The imputation strategy.", MEAN, ParamValidators.inArray([MEAN, MEDIAN, MOST_FREQUENT]));
export const MISSING_VALUE = Params.double("missingValue", "The placeholder for the missing values. All occurrences of missing values will be imputed.", NaN);
export const RELATIVE_ERROR = Params.double("relativeError", "The relative target precision for the approximate quantile algorithm.", 0.001, ParamValidators.inRange(0, 1));

/** Per input column, the value missing entries become. */
export interface ImputerModelData {
  readonly surrogates: Record<string, number>;
}

function isMissing(value: unknown, missingValue: number): boolean {
  return value === null || value === undefined || Number.isNaN(value) || value === missingValue;
}

export class Imputer extends Estimator<ImputerModel> {
  readonly className = "Imputer";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, STRATEGY, MISSING_VALUE, RELATIVE_ERROR);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getStrategy(): string { return this.get(STRATEGY); }
  setStrategy(value: string): this { return this.set(STRATEGY, value); }
  getMissingValue(): number { return this.get(MISSING_VALUE); }
  setMissingValue(value: number): this { return this.set(MISSING_VALUE, value); }
  getRelativeError(): number { return this.get(RELATIVE_ERROR); }
  setRelativeError(value: number): this { return this.set(RELATIVE_ERROR, value); }

  fit<T extends Row>(...inputs: DataStream<T>[]): ImputerModel {
    this.expectInputs(inputs, 1);
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    if (inputCols === null || outputCols === null || inputCols.length !== outputCols.length) throw new Error("Imputer: set inputCols and as many outputCols before fit");
    const missingValue = this.getMissingValue();
    const strategy = this.getStrategy();
    const relativeError = this.getRelativeError();
    // every non-missing value per column (the median needs them; the mean and mode could do with less, one shape keeps it simple)
    const aggregator: BoundedAggregator<{ values: number[][] }, ImputerModelData> = {
      createAccumulator: () => ({ values: inputCols.map(() => []) }),
      add(acc, row) {
        for (let i = 0; i < inputCols.length; i++) {
          const value = row[inputCols[i]!];
          if (isMissing(value, missingValue)) continue;
          if (typeof value !== "number") throw new Error(`Imputer: column '${inputCols[i]}' must hold numbers, got ${describeValue(value)}`);
          acc.values[i]!.push(value);
        }
        return acc;
      },
      merge(a, b) {
        b.values.forEach((vs, i) => {
          for (const v of vs) a.values[i]!.push(v);
        });
        return a;
      },
      result({ values }) {
        const surrogates: Record<string, number> = {};
        values.forEach((vs, i) => {
          if (vs.length === 0) throw new Error(`Imputer: a surrogate cannot be computed — every value of column '${inputCols[i]}' is null, NaN or missingValue`);
          surrogates[inputCols[i]!] = surrogate(vs, strategy, relativeError);
        });
        return [{ surrogates }];
      },
    };
    return new ImputerModel().setModelData(aggregateBounded(inputs[0]!, aggregator, "Imputer")).updateExistingParams(this.getParamMap());
  }
}

function surrogate(values: number[], strategy: string, relativeError: number): number {
  if (strategy === MEDIAN) return quantileOfSorted(sortedCopy(values), 0.5, relativeError);
  if (strategy === MOST_FREQUENT) {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    let best = NaN;
    let bestCount = -1;
    for (const [v, n] of counts) {
      if (n > bestCount || (n === bestCount && v < best)) {
        best = v;
        bestCount = n;
      }
    }
    return best;
  }
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export class ImputerModel extends RowMapModel<ImputerModelData> {
  readonly className = "ImputerModel";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, MISSING_VALUE);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getMissingValue(): number { return this.get(MISSING_VALUE); }
  setMissingValue(value: number): this { return this.set(MISSING_VALUE, value); }

  protected mapperFactory(): (modelData: readonly ImputerModelData[]) => RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    const missingValue = this.getMissingValue();
    return ([data]) => {
      const surrogates = inputCols.map((col) => {
        const s = data!.surrogates[col];
        if (s === undefined) throw new Error(`ImputerModel: column '${col}' has no surrogate in the model (it was fitted on ${Object.keys(data!.surrogates).join(", ")})`);
        return s;
      });
      return (row) =>
        withColumns(
          row,
          outputCols,
          inputCols.map((col, i) => (isMissing(row[col], missingValue) ? surrogates[i] : row[col])),
        );
    };
  }
}

registerStage("Imputer", () => new Imputer());
registerStage("ImputerModel", () => new ImputerModel());
