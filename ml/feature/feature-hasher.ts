// FeatureHasher: hashes several columns into one sparse vector (Flink ML's FeatureHasher, the hashing trick):
// a numeric column adds its value at hash(name); a categorical one (strings, booleans, and the columns named in
// categoricalCols) adds 1 at hash("name=value"). Hash: Guava's murmur3_32 over UTF-16 code units, |h| mod n.
// Values become strings with JavaScript's String(), so a categorical number 1.0 is "1" (Java writes "1.0").
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COLS, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { murmur3HashChars, nonNegativeMod } from "../common/murmur3.js";
import { SparseVector } from "../linalg/sparse-vector.js";
import { NUM_FEATURES } from "./hashing-tf.js";

export const CATEGORICAL_COLS = Params.stringArray("categoricalCols", "Categorical column names.", []);

export class FeatureHasher extends RowMapTransformer {
  readonly className = "FeatureHasher";

  constructor() {
    super();
    this.declareParams(INPUT_COLS, OUTPUT_COL, CATEGORICAL_COLS, NUM_FEATURES);
  }

  getInputCols(): string[] { return this.get(INPUT_COLS); }
  setInputCols(...value: string[]): this { return this.set(INPUT_COLS, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getCategoricalCols(): string[] { return this.get(CATEGORICAL_COLS); }
  setCategoricalCols(...value: string[]): this { return this.set(CATEGORICAL_COLS, value); }
  getNumFeatures(): number { return this.get(NUM_FEATURES); }
  setNumFeatures(value: number): this { return this.set(NUM_FEATURES, value); }

  protected createMapper(): RowFilterMapper {
    const inputCols = this.getInputCols();
    if (inputCols === null) throw new Error("FeatureHasher: set inputCols before transform");
    const categorical = new Set(this.getCategoricalCols());
    for (const col of categorical) if (!inputCols.includes(col)) throw new Error(`FeatureHasher: categorical column '${col}' is not one of the inputCols`);
    const outputCol = this.getOutputCol();
    const numFeatures = this.getNumFeatures();
    // why "| 0": Java's Math.abs(Integer.MIN_VALUE) stays negative, and Flink ML's floorMod of it is what we must match
    const bucket = (s: string) => nonNegativeMod(Math.abs(murmur3HashChars(s)) | 0, numFeatures);
    return (row) => {
      const features = new Map<number, number>();
      const add = (index: number, value: number) => features.set(index, (features.get(index) ?? 0) + value);
      // why numeric first: Flink ML adds the numeric columns, then the categorical ones (sums of equal buckets follow)
      for (const col of inputCols) {
        const value = row[col];
        if (value === null || value === undefined || categorical.has(col) || typeof value !== "number") continue;
        add(bucket(col), value);
      }
      for (const col of inputCols) {
        const value = row[col];
        if (value === null || value === undefined || (typeof value === "number" && !categorical.has(col))) continue;
        if (typeof value === "object") throw new Error(`FeatureHasher: column '${col}' must hold a number, string or boolean, got ${describeValue(value)}`);
        add(bucket(`${col}=${String(value)}`), 1);
      }
      return withColumn(row, outputCol, new SparseVector(numFeatures, Int32Array.from(features.keys()), Float64Array.from(features.values())));
    };
  }
}

registerStage("FeatureHasher", () => new FeatureHasher());
