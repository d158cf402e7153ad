// DenseVector, SparseVector and DenseMatrix: construction, access, conversion and the errors they raise.
import test from "ava";
import fc from "fast-check";
import { DenseMatrix, isVector, SparseVector, Vectors } from "../../../ml/linalg/index.js";

test("a sparse vector sorts its indices and reads 0 where nothing is stored", (t) => {
  const v = new SparseVector(5, [3, 0], [7, 1]);
  t.deepEqual(Array.from(v.indices), [0, 3]);
  t.deepEqual(Array.from(v.values), [1, 7]);
  t.is(v.get(3), 7);
  t.is(v.get(2), 0);
  t.deepEqual(Array.from(v.toArray()), [1, 0, 0, 7, 0]);
  t.is(v.toString(), "(5, [0, 3], [1, 7])");
});

test("a sparse vector refuses bad indices with what is wrong", (t) => {
  t.throws(() => new SparseVector(3, [3], [1]), { message: /index 3 is out of bounds for size 3/ });
  t.throws(() => new SparseVector(3, [1, 1], [1, 2]), { message: /index 1 appears twice/ });
  t.throws(() => new SparseVector(3, [1], [1, 2]), { message: /1 indices but 2 values/ });
  t.throws(() => new SparseVector(3, [1], [1]).set(0, 2), { message: /holds no stored value/ });
});

test("a dense matrix is column-major", (t) => {
  const m = DenseMatrix.fromRows([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  t.deepEqual(Array.from(m.values), [1, 3, 5, 2, 4, 6]);
  t.is(m.get(2, 1), 6);
  t.throws(() => new DenseMatrix(2, 2, new Float64Array(3)), { message: /needs 4 values, got 3/ });
});

test("isVector recognises both kinds and nothing else", (t) => {
  t.true(isVector(Vectors.dense(1)));
  t.true(isVector(Vectors.sparse(2, [1], [1])));
  t.false(isVector({ kind: "dense", values: [1] }));
  t.false(isVector(null));
});

test("property: dense → sparse → dense is the identity, and clone is a deep copy", (t) => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ noNaN: true })), { maxLength: 20 }), (values) => {
      const dense = Vectors.denseOf(values);
      const sparse = dense.toSparse();
      const copy = sparse.clone();
      if (copy.values.length > 0) copy.values[0] = 42;
      return sparse.toDense().equals(dense) && sparse.indices.every((i) => values[i] !== 0) && (copy.values.length === 0 || sparse.values[0] !== 42);
    }),
  );
  t.pass();
});
