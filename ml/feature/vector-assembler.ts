// VectorAssembler: concatenates numbers and vectors from several columns into one vector (Flink ML's
// VectorAssembler), dense when more than 2/3 of its entries are non-zero candidates, else sparse (Flink ML's 1.5
// ratio). inputSizes gives each column's expected size; a null value or a size mismatch is invalid: 'error' fails,
// 'skip' drops the row, 'keep' assembles NaNs for a missing value (and takes mismatched sizes as they are).
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, type ParamValidator } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { HANDLE_INVALID, HANDLE_INVALID_ERROR, HANDLE_INVALID_KEEP, INPUT_COLS, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";
import { SparseVector } from "../linalg/sparse-vector.js";
import { isVector } from "../linalg/vector.js";

const sizesValidator: ParamValidator<number[]> = {
  demand: "a non-empty array of sizes > 0",
  validate: (sizes) => Array.isArray(sizes) && sizes.length > 0 && sizes.every((s) => s > 0),
};

export const INPUT_SIZES = Params.intArray("inputSizes", "Sizes of the input elements to be assembled.", null, sizesValidator);

/** Dense output when nnz · RATIO > size (Flink ML's VectorAssembler.RATIO). */
const RATIO = 1.5;

export class VectorAssembler extends RowMapTransformer {
  readonly className = "VectorAssembler";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COL, HANDLE_INVALID, INPUT_SIZES);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getHandleInvalid(): string { return this.get(HANDLE_INVALID); }
  setHandleInvalid(value: string): this { return this.set(HANDLE_INVALID, value); }
  getInputSizes(): number[] { return this.get(INPUT_SIZES); }
  setInputSizes(...value: number[]): this { return this.set(INPUT_SIZES, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    const sizes = this.getInputSizes();
    if (inputCols === null || sizes === null) throw new Error("VectorAssembler: set inputCols and inputSizes before transform");
    if (inputCols.length !== sizes.length) throw new Error(`VectorAssembler: ${inputCols.length} inputCols but ${sizes.length} inputSizes — give one size per column`);
    const outputCol = this.getOutputCol();
    const handleInvalid = this.getHandleInvalid();
    const keep = handleInvalid === HANDLE_INVALID_KEEP;
    return (row) => {
      const parts: unknown[] = new Array(inputCols.length);
      let size = 0;
      let nnz = 0;
      for (let i = 0; i < inputCols.length; i++) {
        let value = row[inputCols[i]!];
        let problem: string | null = null;
        if (value === null || value === undefined) {
          if (keep) value = sizes[i] === 1 ? NaN : new DenseVector(new Float64Array(sizes[i]!).fill(NaN));
          else problem = "is null";
        }
        if (problem === null && typeof value === "number") {
          if (Number.isNaN(value) && !keep) problem = "is NaN";
          else if (sizes[i] !== 1 && !keep) problem = `holds a number, but its inputSize is ${sizes[i]}`;
          size += 1;
          nnz += 1;
        } else if (problem === null && isVector(value)) {
          if (value.size() !== sizes[i] && !keep) problem = `holds a vector of size ${value.size()}, but its inputSize is ${sizes[i]}`;
          size += value.size();
          nnz += value.kind === "dense" ? value.size() : value.indices.length;
        } else if (problem === null) {
          throw new Error(`VectorAssembler: column '${inputCols[i]}' must hold a number or a vector, got ${describeValue(value)}`);
        }
        if (problem !== null) {
          if (handleInvalid === HANDLE_INVALID_ERROR) {
            throw new Error(`VectorAssembler: column '${inputCols[i]}' ${problem} — fix the input or set handleInvalid to 'skip' or 'keep'`);
          }
          return null;
        }
        parts[i] = value;
      }
      return withColumn(row, outputCol, nnz * RATIO > size ? assembleDense(parts, size) : assembleSparse(parts, size, nnz));
    };
  }
}

function assembleDense(parts: readonly unknown[], size: number): DenseVector {
  const out = new Float64Array(size);
  let offset = 0;
  for (const part of parts) {
    if (typeof part === "number") out[offset++] = part;
    else {
      const v = part as DenseVector | SparseVector;
      if (v.kind === "dense") out.set(v.values, offset);
      else for (let p = 0; p < v.indices.length; p++) out[offset + v.indices[p]!] = v.values[p]!;
      offset += v.size();
    }
  }
  return new DenseVector(out);
}

function assembleSparse(parts: readonly unknown[], size: number, nnz: number): SparseVector {
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  let offset = 0;
  for (const part of parts) {
    if (typeof part === "number") {
      indices[k] = offset++;
      values[k++] = part;
      continue;
    }
    const v = part as DenseVector | SparseVector;
    if (v.kind === "dense") {
      for (let i = 0; i < v.values.length; i++) {
        indices[k] = offset + i;
        values[k++] = v.values[i]!;
      }
    } else {
      for (let p = 0; p < v.indices.length; p++) {
        indices[k] = offset + v.indices[p]!;
        values[k++] = v.values[p]!;
      }
    }
    offset += v.size();
  }
  return new SparseVector(size, indices, values);
}

registerStage("VectorAssembler", () => new VectorAssembler());
