// PolynomialExpansion: every monomial of the vector's entries up to `degree`, without the constant (Flink ML's
// PolynomialExpansion, after Spark's). The order differs from scikit-learn's PolynomialFeatures: monomials are ordered
// by the exponent of the last entry, then recursively by the entries before it — for (x, y), degree 2:
// (x, x², y, xy, y²).
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { DenseVector } from "../linalg/dense-vector.js";

export const DEGREE = Params.int("degree", "Degree of the polynomial expansion.", 2, ParamValidators.gtEq(1));

export class PolynomialExpansion extends RowMapTransformer {
  readonly className = "PolynomialExpansion";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, DEGREE);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getDegree(): number { return this.get(DEGREE); }
  setDegree(value: number): this { return this.set(DEGREE, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const degree = this.getDegree();
    return (row) => {
      const v = vectorAt(row, inputCol, "PolynomialExpansion");
      const values = v.toArray();
      const out = new Float64Array(expandedSize(values.length, degree) - 1);
      expand(values, values.length - 1, degree, 1, out, -1);
      const dense = new DenseVector(out);
      return withColumn(row, outputCol, v.kind === "sparse" ? dense.toSparse() : dense);
    };
  }
}

/** The number of monomials of `num` variables up to `degree`, the constant included: C(num + degree, degree). */
export function expandedSize(num: number, degree: number): number {
  if (num === 0) return 1;
  if (num === 1 || degree === 1) return num + degree;
  if (degree > num) return expandedSize(degree, num);
  let res = 1;
  for (let j = 1, i = num + 1; j <= degree; j++, i++) res = (res * i) / j;
  if (res > 2 ** 31 - 1) throw new Error(`PolynomialExpansion: ${num} features to degree ${degree} expand to ${res} entries, more than a vector can hold`);
  return res;
}

/** Spark's recursion: the monomials of entries 0..lastIdx times `factor`, written from `polyIdx` + 1 on. */
function expand(values: Float64Array, lastIdx: number, degree: number, factor: number, out: Float64Array, polyIdx: number): number {
  if (!Object.is(factor, 0)) {
    if (degree === 0 || lastIdx < 0) {
      if (polyIdx >= 0) out[polyIdx] = factor;
    } else {
      const v = values[lastIdx]!;
      let alpha = factor;
      let start = polyIdx;
      for (let i = 0; i <= degree && Math.abs(alpha) > 0; i++, alpha *= v) start = expand(values, lastIdx - 1, degree - i, alpha, out, start);
    }
  }
  return polyIdx + expandedSize(lastIdx + 1, degree);
}

registerStage("PolynomialExpansion", () => new PolynomialExpansion());
