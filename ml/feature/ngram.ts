// NGram: the n-grams of an array of strings, each the n tokens joined by a space; fewer than n tokens give none
// (Flink ML's NGram).
import { describeValue, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";

export const N = Params.int("n", "Number of elements per n-gram (>=1).", 2, ParamValidators.gtEq(1));

export class NGram extends RowMapTransformer {
  readonly className = "NGram";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, N);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getN(): number { return this.get(N); }
  setN(value: number): this { return this.set(N, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const n = this.getN();
    return (row) => {
      const items = row[inputCol];
      if (!Array.isArray(items)) throw new Error(`NGram: column '${inputCol}' must hold an array of strings, got ${describeValue(items)}`);
      const grams: string[] = [];
      for (let i = 0; i + n <= items.length; i++) grams.push(items.slice(i, i + n).join(" "));
      return withColumn(row, outputCol, grams);
    };
  }
}

registerStage("NGram", () => new NGram());
