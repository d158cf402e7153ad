// Normalizer: scales each vector to unit p-norm (Flink ML's Normalizer; scikit-learn's normalize for p = 1, 2, ∞).
// As in Flink ML, a zero vector divides by a zero norm (NaN entries); scikit-learn leaves it at zero.
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { norm, scal } from "../linalg/blas.js";

export const P = Params.double("p", "The p norm value.", 2.0, ParamValidators.gtEq(1.0));

export class Normalizer extends RowMapTransformer {
  readonly className = "Normalizer";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, P);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getP(): number { return this.get(P); }
  setP(value: number): this { return this.set(P, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const p = this.getP();
    return (row) => {
      const input = vectorAt(row, inputCol, "Normalizer");
      const out = input.clone();
      scal(1 / norm(input, p), out);
      return withColumn(row, outputCol, out);
    };
  }
}

registerStage("Normalizer", () => new Normalizer());
