// BLAS-style kernels on vectors and matrices (Flink ML's BLAS), as plain loops over Float64Array.
// Sparse operands walk only their non-zeros; results are written into the dense argument in place.
import type { DenseMatrix } from "./dense-matrix.js";
import type { DenseVector } from "./dense-vector.js";
import type { SparseVector } from "./sparse-vector.js";
import type { Vector } from "./vector.js";

function checkSameSize(x: Vector, y: Vector, what: string): void {
  if (x.size() !== y.size()) throw new RangeError(`BLAS.${what}: vector sizes differ (${x.size()} and ${y.size()})`);
}

/** Σ|x_i|. */
export function asum(x: Vector): number {
  const v = x.values;
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += Math.abs(v[i]!);
  return sum;
}

/** y += a·x over the first `k` entries (all by default). */
export function axpy(a: number, x: Vector, y: DenseVector, k: number = x.size()): void {
  if (k === x.size()) checkSameSize(x, y, "axpy");
  else if (x.size() < k || y.size() < k) throw new RangeError(`BLAS.axpy: k = ${k} exceeds a vector size (${x.size()}, ${y.size()})`);
  const yv = y.values;
  const xv = x.values;
  if (x.kind === "dense") {
    for (let i = 0; i < k; i++) yv[i]! += a * xv[i]!;
    return;
  }
  const idx = x.indices;
  for (let p = 0; p < idx.length; p++) {
    const i = idx[p]!;
    if (i >= k) return;
    yv[i]! += a * xv[p]!;
  }
}

/** y := x ∘ y (element-wise product, Hadamard), in place in y. */
export function hDot(x: Vector, y: Vector): void {
  checkSameSize(x, y, "hDot");
  const xv = x.values;
  const yv = y.values;
  if (x.kind === "dense") {
    if (y.kind === "dense") for (let i = 0; i < yv.length; i++) yv[i]! *= xv[i]!;
    else for (let p = 0; p < yv.length; p++) yv[p]! *= xv[y.indices[p]!]!;
    return;
  }
  const xi = x.indices;
  if (y.kind === "dense") {
    let p = 0;
    for (let i = 0; i < yv.length; i++) {
      if (p < xi.length && xi[p] === i) yv[i]! *= xv[p++]!;
      else yv[i] = 0;
    }
    return;
  }
  const yi = y.indices;
  let p = 0;
  for (let q = 0; q < yi.length; q++) {
    while (p < xi.length && xi[p]! < yi[q]!) p++;
    if (p < xi.length && xi[p] === yi[q]) yv[q]! *= xv[p]!;
    else yv[q] = 0; // why: x has no non-zero here, so the product is 0 (the entry stays stored, as in Flink ML)
  }
}

/** x · y. */
export function dot(x: Vector, y: Vector): number {
  checkSameSize(x, y, "dot");
  if (x.kind === "dense" && y.kind === "dense") {
    const xv = x.values;
    const yv = y.values;
    let s = 0;
    for (let i = 0; i < xv.length; i++) s += xv[i]! * yv[i]!;
    return s;
  }
  if (x.kind === "sparse" && y.kind === "sparse") {
    const xi = x.indices;
    const yi = y.indices;
    let s = 0;
    let p = 0;
    let q = 0;
    while (p < xi.length && q < yi.length) {
      if (xi[p] === yi[q]) s += x.values[p++]! * y.values[q++]!;
      else if (xi[p]! < yi[q]!) p++;
      else q++;
    }
    return s;
  }
  const sparse = (x.kind === "sparse" ? x : y) as SparseVector;
  const dense = x.kind === "sparse" ? y.values : x.values;
  let s = 0;
  for (let p = 0; p < sparse.indices.length; p++) s += sparse.values[p]! * dense[sparse.indices[p]!]!;
  return s;
}

/**
 * ‖x‖₂, scaled as the reference BLAS dnrm2 does so that squares of large or tiny values neither overflow nor
 * underflow.
 */
export function norm2(x: Vector): number {
  const v = x.values;
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a === 0) continue;
    if (scale < a) {
      ssq = 1 + ssq * (scale / a) * (scale / a);
      scale = a;
    } else ssq += (a / scale) * (a / scale);
  }
  return scale * Math.sqrt(ssq);
}

/** ‖x‖_p for p ≥ 1 (p = Infinity: the largest |x_i|). */
export function norm(x: Vector, p: number): number {
  if (!(p >= 1)) throw new RangeError(`BLAS.norm: p must be >= 1, got ${p}`);
  const v = x.values;
  if (p === 2) return norm2(x);
  let n = 0;
  if (p === 1) for (let i = 0; i < v.length; i++) n += Math.abs(v[i]!);
  else if (p === Number.POSITIVE_INFINITY) for (let i = 0; i < v.length; i++) n = Math.max(n, Math.abs(v[i]!));
  else {
    for (let i = 0; i < v.length; i++) n += Math.abs(v[i]!) ** p;
    n = n ** (1 / p);
  }
  return n;
}

/** x := a·x. */
export function scal(a: number, x: Vector): void {
  const v = x.values;
  for (let i = 0; i < v.length; i++) v[i]! *= a;
}

/** y := α·op(A)·x + β·y, op(A) = A or Aᵀ (column-major A, as dgemv). */
export function gemv(alpha: number, matrix: DenseMatrix, transMatrix: boolean, x: DenseVector, beta: number, y: DenseVector): void {
  const m = matrix.numRows;
  const n = matrix.numCols;
  const fits = transMatrix ? m === x.size() && n === y.size() : m === y.size() && n === x.size();
  if (!fits) {
    throw new RangeError(`BLAS.gemv: a ${m} × ${n} matrix${transMatrix ? " (transposed)" : ""} does not fit x of size ${x.size()} and y of size ${y.size()}`);
  }
  const a = matrix.values;
  const xv = x.values;
  const yv = y.values;
  if (transMatrix) {
    // why: column j of A is contiguous, so (Aᵀx)_j is a dot product over one contiguous column
    for (let j = 0; j < n; j++) {
      let s = 0;
      const col = j * m;
      for (let i = 0; i < m; i++) s += a[col + i]! * xv[i]!;
      yv[j] = alpha * s + (beta === 0 ? 0 : beta * yv[j]!);
    }
    return;
  }
  if (beta === 0) yv.fill(0);
  else if (beta !== 1) for (let i = 0; i < m; i++) yv[i]! *= beta;
  for (let j = 0; j < n; j++) {
    const t = alpha * xv[j]!;
    if (t === 0) continue;
    const col = j * m;
    for (let i = 0; i < m; i++) yv[i]! += a[col + i]! * t;
  }
}
