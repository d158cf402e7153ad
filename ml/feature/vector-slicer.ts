// VectorSlicer: a vector of the entries at the given indices, in the given order (Flink ML's VectorSlicer). Sparse
// input gives sparse output.
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";

const distinctNonNegative: ParamValidator<number[]> = {
  demand: "a non-empty array of distinct indices >= 0",
  validate: (v) => Array.isArray(v) && v.length > 0 && v.every((i) => i >= 0) && new Set(v).size === v.length,
};

export const INDICES = Params.intArray("indices", "An array of indices to select features from a vector column.", null, distinctNonNegative);

export class VectorSlicer extends RowMapTransformer {
  readonly className = "VectorSlicer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, INDICES);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getIndices(): number[] { return this.get(INDICES); }
  setIndices(...value: number[]): this { return this.set(INDICES, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const indices = this.getIndices();
    if (indices === null) throw new Error("VectorSlicer: set indices before transform");
    const maxIndex = Math.max(...indices);
    return (row) => {
      const v = vectorAt(row, inputCol, "VectorSlicer");
      if (maxIndex >= v.size()) throw new Error(`VectorSlicer: index ${maxIndex} is out of bounds for the vector of size ${v.size()} in column '${inputCol}'`);
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
  }
}

registerStage("VectorSlicer", () => new VectorSlicer());
