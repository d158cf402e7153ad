// Binarizer: per input column, 1 where a value is above the column's threshold, else 0 (Flink ML's Binarizer; the
// rule of scikit-learn's). Numbers give numbers; dense vectors dense, sparse vectors sparse vectors of the ones.
import { describeValue, withColumns } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COLS, OUTPUT_COLS } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";

export const THRESHOLDS = Params.doubleArray(
  "thresholds",
  "The thresholds used to binarize continuous features, one per input column: above the threshold gives 1.0, else 0.0.",
  null,
  ParamValidators.nonEmptyArray(),
);

export class Binarizer extends RowMapTransformer {
  readonly className = "Binarizer";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COLS, THRESHOLDS);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCols(): string[] { return this.get(OUTPUT_COLS); }
  setOutputCols(...value: string[]): this { return this.set(OUTPUT_COLS, value); }
  getThresholds(): number[] { return this.get(THRESHOLDS); }
  setThresholds(...value: number[]): this { return this.set(THRESHOLDS, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    const outputCols = this.getOutputCols();
    const thresholds = this.getThresholds();
    if (inputCols === null || outputCols === null || thresholds === null) throw new Error("Binarizer: set inputCols, outputCols and thresholds before transform");
    if (inputCols.length !== thresholds.length || inputCols.length !== outputCols.length) {
      throw new Error(`Binarizer: ${inputCols.length} inputCols, ${outputCols.length} outputCols and ${thresholds.length} thresholds — give one output column and one threshold per input column`);
    }
    return (row) => withColumns(row, outputCols, inputCols.map((col, i) => binarize(row[col], thresholds[i]!, col)));
  }
}

function binarize(value: unknown, threshold: number, col: string): unknown {
  if (typeof value === "number") return value > threshold ? 1 : 0;
  if (value instanceof DenseVector) return new DenseVector(Float64Array.from(value.values, (x) => (x > threshold ? 1 : 0)));
  if (value instanceof SparseVector) {
    const indices: number[] = [];
    for (let p = 0; p < value.values.length; p++) if (value.values[p]! > threshold) indices.push(value.indices[p]!);
    return new SparseVector(value.n, Int32Array.from(indices), new Float64Array(indices.length).fill(1));
  }
  throw new Error(`Binarizer: column '${col}' must hold a number or a vector, got ${describeValue(value)}`);
}

registerStage("Binarizer", () => new Binarizer());
