// BLAS kernels: hand-computed values, and properties that tie the sparse paths to the dense ones.
import test from "ava";
import fc from "fast-check";
import { BLAS, DenseMatrix, DenseVector, Vectors } from "../../../ml/linalg/index.js";

const x = Vectors.dense(1, -2, 3);
const y = Vectors.dense(4, 5, -6);
const sx = Vectors.sparse(3, [0, 2], [1, 3]);

test("dot, asum, norm2 and norm match hand-computed values", (t) => {
  t.is(BLAS.dot(x, y), 4 - 10 - 18);
  t.is(BLAS.dot(sx, y), 4 - 18);
  t.is(BLAS.dot(y, sx), 4 - 18);
  t.is(BLAS.dot(sx, Vectors.sparse(3, [1, 2], [7, 2])), 6);
  t.is(BLAS.asum(x), 6);
  t.is(BLAS.norm2(Vectors.dense(3, 4)), 5);
  t.is(BLAS.norm(x, 1), 6);
  t.is(BLAS.norm(x, Infinity), 3);
  t.is(BLAS.norm(Vectors.dense(1, 1), 3), 2 ** (1 / 3));
  t.throws(() => BLAS.norm(x, 0.5), { message: /p must be >= 1/ });
});

test("norm2 neither overflows nor underflows where the naive sum of squares would", (t) => {
  // why a relative bound: the scaled sum rounds in the last bit (4.9999999999999995e200), the naive one gives Infinity / 0
  t.true(Math.abs(BLAS.norm2(Vectors.dense(3e200, 4e200)) / 5e200 - 1) < 1e-15);
  t.true(Math.abs(BLAS.norm2(Vectors.dense(3e-200, 4e-200)) / 5e-200 - 1) < 1e-15);
});

test("axpy adds a·x into y, for dense and sparse x, and over a prefix of k entries", (t) => {
  const target = Vectors.dense(1, 1, 1);
  BLAS.axpy(2, x, target);
  t.deepEqual(Array.from(target.values), [3, -3, 7]);
  BLAS.axpy(-1, sx, target);
  t.deepEqual(Array.from(target.values), [2, -3, 4]);
  BLAS.axpy(10, sx, target, 2);
  t.deepEqual(Array.from(target.values), [12, -3, 4]);
  t.throws(() => BLAS.axpy(1, Vectors.dense(1, 2), target), { message: /sizes differ \(2 and 3\)/ });
});

test("hDot multiplies element-wise into y for every dense/sparse combination", (t) => {
  const dd = y.clone();
  BLAS.hDot(x, dd);
  t.deepEqual(Array.from(dd.values), [4, -10, -18]);
  const sd = y.clone();
  BLAS.hDot(sx, sd);
  t.deepEqual(Array.from(sd.values), [4, 0, -18]);
  const ds = Vectors.sparse(3, [1, 2], [5, -6]);
  BLAS.hDot(x, ds);
  t.deepEqual(Array.from(ds.toArray()), [0, -10, -18]);
  const ss = Vectors.sparse(3, [0, 1], [5, 6]);
  BLAS.hDot(sx, ss);
  t.deepEqual(Array.from(ss.toArray()), [5, 0, 0]);
});

test("gemv computes α·A·x + β·y and α·Aᵀ·x + β·y on a column-major matrix", (t) => {
  const a = DenseMatrix.fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const out = Vectors.dense(1, 1);
  BLAS.gemv(2, a, false, x, 3, out); // A·x = [1-4+9, 4-10+18] = [6, 12]
  t.deepEqual(Array.from(out.values), [15, 27]);
  const outT = Vectors.dense(1, 1, 1);
  BLAS.gemv(1, a, true, Vectors.dense(1, -1), 0, outT); // Aᵀ·[1,-1] = [-3, -3, -3]
  t.deepEqual(Array.from(outT.values), [-3, -3, -3]);
  t.throws(() => BLAS.gemv(1, a, false, outT, 0, outT), { message: /does not fit/ });
});

test("scal scales in place", (t) => {
  const v = x.clone();
  BLAS.scal(-2, v);
  t.deepEqual(Array.from(v.values), [-2, 4, -6]);
});

// ---- properties ----------------------------------------------------------------------------------

const small = fc.integer({ min: -50, max: 50 }); // why integers: sums are then exact, so dense and sparse must agree bit for bit
const densePair = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(fc.array(small, { minLength: n, maxLength: n }), fc.array(small, { minLength: n, maxLength: n })));

test("property: sparse kernels equal the dense kernels on the same values", (t) => {
  fc.assert(
    fc.property(densePair, fc.integer({ min: -3, max: 3 }), ([a, b], alpha) => {
      const da = Vectors.denseOf(a);
      const db = Vectors.denseOf(b);
      const sa = da.toSparse();
      const sb = db.toSparse();
      const expected = BLAS.dot(da, db);
      if (BLAS.dot(sa, db) !== expected || BLAS.dot(da, sb) !== expected || BLAS.dot(sa, sb) !== expected) return false;
      const y1 = db.clone();
      const y2 = db.clone();
      BLAS.axpy(alpha, da, y1);
      BLAS.axpy(alpha, sa, y2);
      const h1 = db.clone();
      const h2 = sb.clone();
      BLAS.hDot(da, h1);
      BLAS.hDot(sa, h2);
      return y1.equals(y2) && h1.equals(h2.toDense()) && BLAS.norm(sa, 1) === BLAS.asum(da);
    }),
  );
  t.pass();
});

test("property: gemv equals the row-by-row dot products", (t) => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(small, { minLength: 36, maxLength: 36 }), (m, n, pool) => {
      const a = new DenseMatrix(m, n, Float64Array.from(pool.slice(0, m * n)));
      const xv = Vectors.denseOf(pool.slice(0, n));
      const y = new DenseVector(m);
      BLAS.gemv(1, a, false, xv, 0, y);
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += a.get(i, j) * xv.get(j);
        if (y.get(i) !== s) return false;
      }
      const yt = new DenseVector(n);
      BLAS.gemv(1, a, true, Vectors.denseOf(pool.slice(0, m)), 0, yt);
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += a.get(i, j) * pool[i]!;
        if (yt.get(j) !== s) return false;
      }
      return true;
    }),
  );
  t.pass();
});
