// A vector as a DenseVector / SparseVector object: one that crossed workers in a codec that keeps fields, not classes
// (the generic one, on an edge a user built without the ml vector codec), arrives as a plain { kind, values } object.
import { DenseVector } from "./dense-vector.js";
import { SparseVector } from "./sparse-vector.js";
import type { Vector } from "./vector.js";

/** `v` itself when it is a DenseVector or SparseVector; else one of those over the same arrays (not copied). */
export function reviveVector(v: Vector): Vector {
  if (v instanceof DenseVector || v instanceof SparseVector) return v;
  return v.kind === "dense" ? new DenseVector(v.values) : new SparseVector(v.n, v.indices, v.values);
}
