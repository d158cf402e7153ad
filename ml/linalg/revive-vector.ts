// A vector as a DenseVector / SparseVector object: one that crossed workers in a codec that keeps fields, not classes
// (the generic one, on an edge a user built without the ml vector codec), arrives as a plain { kind, values } object.
import { DenseVector } from "./dense-vector.js";
import { SparseVector } from "./sparse-vector.js";
import type { Vector } from "./vector.js";

/** `v` itself when it is a DenseVector or SparseVector; else one of those over the same arrays (not copied). */
export function reviveVector(v: Vector): Vector {
  if (v instanceof DenseVector || v instanceof SparseVector) return v;
  // why the cast: the type says it is an instance; a record copied field by field is one only in shape
  const plain = v as { kind: "dense" | "sparse"; values: Float64Array; n?: number; indices?: Int32Array };
  return plain.kind === "dense" ? new DenseVector(plain.values) : new SparseVector(plain.n!, plain.indices!, plain.values);
}
