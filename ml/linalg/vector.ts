// The vector type of Flink ML: a dense or a sparse vector of doubles, told apart by `kind`.
import type { DenseVector } from "./dense-vector.js";
import type { SparseVector } from "./sparse-vector.js";

/** A vector of doubles: DenseVector (every value) or SparseVector (indices and values of the non-zeros). */
export type Vector = DenseVector | SparseVector;

/** True for DenseVector and SparseVector objects (a record field that holds a vector). */
export function isVector(value: unknown): value is Vector {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return (kind === "dense" || kind === "sparse") && (value as { values?: unknown }).values instanceof Float64Array;
}
