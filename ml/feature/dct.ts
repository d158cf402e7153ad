// DCT: the orthonormal discrete cosine transform of a vector — DCT-II, or its inverse DCT-III with inverse = true
// (Flink ML's DCT, which runs JTransforms' scaled transform; scipy's dct(type=2, norm='ortho')). Computed here from a
// cosine table per vector size, O(n²) per vector: meant for the short vectors DCT features are made from.
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";

export const INVERSE = Params.boolean("inverse", "Whether to perform the inverse DCT (true) or forward DCT (false).", false);

export class DCT extends RowMapTransformer {
  readonly className = "DCT";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, INVERSE);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getInverse(): boolean { return this.get(INVERSE); }
  setInverse(value: boolean): this { return this.set(INVERSE, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const inverse = this.getInverse();
    let basis: Float64Array = new Float64Array(0);
    let size = -1;
    return (row) => {
      const x = vectorAt(row, inputCol, "DCT").toArray();
      const n = x.length;
      if (n !== size) {
        basis = orthonormalBasis(n);
        size = n;
      }
      const out = new Float64Array(n);
      // basis[k·n + j] = c_k cos(π (2j + 1) k / 2n): forward X_k = Σ_j basis[k, j] x_j, inverse x_j = Σ_k basis[k, j] X_k
      if (!inverse) {
        for (let k = 0; k < n; k++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += basis[k * n + j]! * x[j]!;
          out[k] = s;
        }
      } else {
        for (let k = 0; k < n; k++) {
          const xk = x[k]!;
          for (let j = 0; j < n; j++) out[j]! += basis[k * n + j]! * xk;
        }
      }
      return withColumn(row, outputCol, new DenseVector(out));
    };
  }
}

function orthonormalBasis(n: number): Float64Array {
  const basis = new Float64Array(n * n);
  const c0 = Math.sqrt(1 / n);
  const ck = Math.sqrt(2 / n);
  for (let k = 0; k < n; k++) {
    const c = k === 0 ? c0 : ck;
    for (let j = 0; j < n; j++) basis[k * n + j] = c * Math.cos((Math.PI * (2 * j + 1) * k) / (2 * n));
  }
  return basis;
}

registerStage("DCT", () => new DCT());
