// Interaction: the products of one value from each input column, for every combination — the outer (Kronecker)
// product of the columns' vectors, first column varying slowest (Flink ML's Interaction). Numbers count as vectors
// of size 1; any sparse input gives a sparse output; a null column gives a null output.
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COLS, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";
import { isVector } from "../linalg/vector.js";

export class Interaction extends RowMapTransformer {
  readonly className = "Interaction";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COL);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    if (inputCols === null) throw new Error("Interaction: set inputCols before transform");
    const outputCol = this.getOutputCol();
    return (row) => {
      // the non-zeros (or all entries) of each column: its size, the indices and the values
      let sparse = false;
      const sizes: number[] = [];
      const indices: ArrayLike<number>[] = [];
      const values: ArrayLike<number>[] = [];
      for (const col of inputCols) {
        const value = row[col];
        if (value === null || value === undefined) return withColumn(row, outputCol, null);
        if (typeof value === "number") {
          sizes.push(1);
          indices.push([0]);
          values.push([value]);
        } else if (isVector(value)) {
          sizes.push(value.size());
          if (value.kind === "sparse") {
            sparse = true;
            indices.push(value.indices);
          } else indices.push(Array.from(value.values.keys()));
          values.push(value.values);
        } else throw new Error(`Interaction: column '${col}' must hold a number or a vector, got ${describeValue(value)}`);
      }
      // the outer product, first column slowest: index = (…(i0·n1 + i1)·n2 + …), value = Π v
      let outIndices: number[] = [0];
      let outValues: number[] = [1];
      for (let c = 0; c < inputCols.length; c++) {
        const nextIndices: number[] = [];
        const nextValues: number[] = [];
        const ci = indices[c]!;
        const cv = values[c]!;
        for (let k = 0; k < outIndices.length; k++) {
          for (let p = 0; p < ci.length; p++) {
            nextIndices.push(outIndices[k]! * sizes[c]! + ci[p]!);
            nextValues.push(outValues[k]! * cv[p]!);
          }
        }
        outIndices = nextIndices;
        outValues = nextValues;
      }
      const size = sizes.reduce((a, b) => a * b, 1);
      return withColumn(row, outputCol, sparse ? new SparseVector(size, outIndices, outValues) : new DenseVector(Float64Array.from(outValues)));
    };
  }
}

registerStage("Interaction", () => new Interaction());
