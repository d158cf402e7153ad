// A vector's size and dense values read from its fields alone. Why not its methods: a record that crossed to another
// worker of the pool was copied field by field (the channel codec keeps fields, not classes), so a DenseVector arrives
// as a plain { kind, values } object — the training operators must read such vectors too.
import type { Vector } from "../linalg/vector.js";

export function vectorSize(v: Vector): number {
  return v.kind === "dense" ? v.values.length : v.n;
}

/** The vector's values as a dense array: a dense vector's own array (not a copy), a sparse one scattered. */
export function denseValues(v: Vector): Float64Array {
  if (v.kind === "dense") return v.values;
  const out = new Float64Array(v.n);
  for (let p = 0; p < v.indices.length; p++) out[v.indices[p]!] = v.values[p]!;
  return out;
}
