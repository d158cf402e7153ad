// ElementwiseProduct: multiplies each vector entry by the matching entry of a scaling vector (Flink ML's
// ElementwiseProduct; a Hadamard product). Sparse vectors stay sparse.
import { vectorAt, withColumn } from "../core/columns.js";
import type { RowFilterMapper } from "../core/operators/broadcast-map-operator.js";
import { Params, ParamValidators } from "../core/param.js";
import { RowMapTransformer } from "../core/row-map-transformer.js";
import { INPUT_COL, OUTPUT_COL } from "../core/shared-params.js";
import { registerStage } from "../core/stage-registry.js";
import { hDot } from "../linalg/blas.js";
import type { DenseVector } from "../linalg/dense-vector.js";

export const SCALING_VEC = Params.vector("scalingVec", "The scaling vector to multiply with input vectors using hadamard product.", null, ParamValidators.notNull());

export class ElementwiseProduct extends RowMapTransformer {
  readonly className = "ElementwiseProduct";

  constructor() {
    super();
    this.declareParams(INPUT_COL, OUTPUT_COL, SCALING_VEC);
  }

  getInputCol(): string { return this.get(INPUT_COL); }
  setInputCol(value: string): this { return this.set(INPUT_COL, value); }
  getOutputCol(): string { return this.get(OUTPUT_COL); }
  setOutputCol(value: string): this { return this.set(OUTPUT_COL, value); }
  getScalingVec(): DenseVector { return this.get(SCALING_VEC); }
  setScalingVec(value: DenseVector): this { return this.set(SCALING_VEC, value); }

  protected createMapper(): RowFilterMapper {
    const inputCol = this.getInputCol();
    const outputCol = this.getOutputCol();
    const scaling = this.getScalingVec();
    if (scaling === null) throw new Error("ElementwiseProduct: set scalingVec before transform");
    const scalingCopy = scaling.clone(); // why: a later change to the caller's vector must not change a built job
    return (row) => {
      const out = vectorAt(row, inputCol, "ElementwiseProduct").clone();
      if (out.size() !== scalingCopy.size()) {
        throw new Error(`ElementwiseProduct: column '${inputCol}' holds a vector of size ${out.size()}, scalingVec has size ${scalingCopy.size()}`);
      }
      hDot(scalingCopy, out);
      return withColumn(row, outputCol, out);
    };
  }
}

registerStage("ElementwiseProduct", () => new ElementwiseProduct());
