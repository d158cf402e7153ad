// Factories for vectors (Flink ML's Vectors).
import { DenseVector } from "./dense-vector.js";
import { SparseVector } from "./sparse-vector.js";

export const Vectors = {
  /** A dense vector of the given values (copied). */
  dense(...values: number[]): DenseVector {
    return new DenseVector(Float64Array.from(values));
  },
  /** A dense vector of the given array's values (copied). */
  denseOf(values: ArrayLike<number>): DenseVector {
    return new DenseVector(Float64Array.from(values));
  },
  sparse(n: number, indices: readonly number[] | Int32Array, values: readonly number[] | Float64Array): SparseVector {
    return new SparseVector(n, Int32Array.from(indices), Float64Array.from(values));
  },
};
