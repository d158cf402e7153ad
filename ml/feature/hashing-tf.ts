// HashingTF: term frequencies of a list of terms, each term hashed into one of numFeatures buckets (Flink ML's
// HashingTF: Guava's murmur3_32 with seed 0; strings hash their UTF-16 code units). Numbers that are 32-bit integers
// hash as a Java Integer, other numbers as a Java Double, booleans as 1 / 0 — Java's types decide this in Flink ML;
// in JavaScript the value decides.
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { murmur3HashChars, murmur3HashDouble, murmur3HashInt, nonNegativeMod } from "../common/murmur3.js";
import { SparseVector } from "../linalg/sparse-vector.js";

export const NUM_FEATURES = Params.int("numFeatures", "The number of features. It will be the length of the output vector.", 262144, ParamValidators.gt(0));
export const BINARY = Params.boolean("binary", "Whether each dimension of the output vector is binary or not.", false);

/** The bucket hash of one term (Flink ML's HashingTF.hash). */
export function hashTerm(term: unknown): number {
  if (term === null || term === undefined) return 0;
  if (typeof term === "string") return murmur3HashChars(term);
  if (typeof term === "boolean") return murmur3HashInt(term ? 1 : 0);
  if (typeof term === "number") return Number.isInteger(term) && term >= -(2 ** 31) && term < 2 ** 31 ? murmur3HashInt(term) : murmur3HashDouble(term);
  throw new Error(`HashingTF: a term must be a string, number or boolean, got ${describeValue(term)}`);
}

export class HashingTF extends RowMapTransformer {
  readonly className = "HashingTF";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, NUM_FEATURES, BINARY);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getNumFeatures(): number { return this.get(NUM_FEATURES); }
  setNumFeatures(value: number): this { return this.set(NUM_FEATURES, value); }
  getBinary(): boolean { return this.get(BINARY); }
  setBinary(value: boolean): this { return this.set(BINARY, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const numFeatures = this.getNumFeatures();
    const binary = this.getBinary();
    return (row) => {
      const terms = row[inputCol];
      if (!Array.isArray(terms)) throw new Error(`HashingTF: column '${inputCol}' must hold an array of terms, got ${describeValue(terms)}`);
      const counts = new Map<number, number>();
      for (const term of terms) {
        const index = nonNegativeMod(hashTerm(term), numFeatures);
        counts.set(index, binary ? 1 : (counts.get(index) ?? 0) + 1);
      }
      return withColumn(row, outputCol, new SparseVector(numFeatures, Int32Array.from(counts.keys()), Float64Array.from(counts.values())));
    };
  }
}

registerStage("HashingTF", () => new HashingTF());
