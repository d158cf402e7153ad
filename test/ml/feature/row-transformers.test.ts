// Row-wise transformers against scikit-learn / scipy / numpy fixtures and hand-computed rows: Normalizer, Binarizer,
// DCT, PolynomialExpansion, ElementwiseProduct, VectorSlicer.
import test from "ava";
import { Binarizer, DCT, ElementwiseProduct, Normalizer, PolynomialExpansion, type Row, VectorSlicer, Vectors } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

async function run(stage: { transform(...s: any[]): any[] }, rows: Row[], parallelism = 1): Promise<Row[]> {
  const e = env(parallelism);
  return byId(await stage.transform(e.fromCollection(rows))[0]!.executeAndCollect());
}

test("Normalizer: p = 1, 2, ∞ equal scikit-learn's normalize, p = 3 numpy's", async (t) => {
  const fx = fixture("normalizer-diabetes");
  for (const [key, p] of [["p1", 1], ["p2", 2], ["pInf", Infinity], ["p3", 3]] as const) {
    const out = await run(new Normalizer().setP(p), vectorRows(fx.input), 2);
    assertClose(t, column(out, "output"), fx[key], 1e-9, key);
  }
  t.pass();
});

test("Normalizer refuses p < 1 when it is set, naming the stage and the param", (t) => {
  t.throws(() => new Normalizer().setP(0.5), { message: "Normalizer: parameter 'p' is given an invalid value 0.5: it must be >= 1 (The p norm value.)" });
});

test("Binarizer: numbers and vectors against scikit-learn's Binarizer, sparse stays sparse", async (t) => {
  const fx = fixture("binarizer-iris");
  const rows = fx.input.map((v: number[], id: number) => ({ id, x: v[0], v: Vectors.denseOf(v), s: Vectors.denseOf(v).toSparse() }));
  const out = await run(new Binarizer().setInputCols("x", "v", "s").setOutputCols("bx", "bv", "bs").setThresholds(fx.scalarThreshold, fx.vectorThreshold, fx.vectorThreshold), rows);
  t.deepEqual(column(out, "bx"), fx.scalarOutput);
  t.deepEqual(column(out, "bv"), fx.vectorOutput);
  t.deepEqual(column(out, "bs"), fx.vectorOutput);
  t.is(out[0]!["bs"]!.constructor.name, "SparseVector");
});

test("Binarizer refuses mismatched column and threshold counts", (t) => {
  t.throws(() => new Binarizer().setInputCols("a", "b").setOutputCols("c", "d").setThresholds(1).transform(env().fromCollection<Row>([])), {
    message: /2 inputCols, 2 outputCols and 1 thresholds/,
  });
});

test("DCT: forward and inverse equal scipy's orthonormal DCT-II and DCT-III", async (t) => {
  const fx = fixture("dct-random");
  assertClose(t, column(await run(new DCT(), vectorRows(fx.input)), "output"), fx.forward);
  assertClose(t, column(await run(new DCT().setInverse(true), vectorRows(fx.input)), "output"), fx.inverse);
  t.pass();
});

test("PolynomialExpansion: degree 2 and 3 equal scikit-learn's monomials in Flink ML's order", async (t) => {
  const fx = fixture("polynomial-expansion");
  // why assertClose with 0 tolerance: exact, but scikit-learn writes some zero products as -0
  assertClose(t, column(await run(new PolynomialExpansion(), vectorRows(fx.input)), "output"), fx.degree2, 0);
  assertClose(t, column(await run(new PolynomialExpansion().setDegree(3), vectorRows(fx.input)), "output"), fx.degree3, 0);
  const sparse = await run(new PolynomialExpansion(), [{ id: 0, input: Vectors.sparse(3, [1], [2]) }]);
  t.deepEqual(sparse[0]!["output"], Vectors.dense(0, 0, 2, 0, 4, 0, 0, 0, 0).toSparse(), "(x, y, z) = (0, 2, 0): only y and y² are non-zero");
});

test("PolynomialExpansion of (x, y) to degree 2 is (x, x², y, xy, y²)", async (t) => {
  const out = await run(new PolynomialExpansion(), [{ id: 0, input: Vectors.dense(3, 5) }]);
  t.deepEqual(out[0]!["output"], Vectors.dense(3, 9, 5, 15, 25));
});

test("ElementwiseProduct multiplies entry by entry, sparse stays sparse", async (t) => {
  const stage = new ElementwiseProduct().setScalingVec(Vectors.dense(2, 0, -1));
  const out = await run(stage, [
    { id: 0, input: Vectors.dense(1, 2, 3) },
    { id: 1, input: Vectors.sparse(3, [0, 2], [4, 5]) },
  ]);
  t.deepEqual(out[0]!["output"], Vectors.dense(2, 0, -3));
  t.deepEqual(out[1]!["output"], Vectors.sparse(3, [0, 2], [8, -5]));
  await t.throwsAsync(run(stage, [{ id: 0, input: Vectors.dense(1) }]), { message: /vector of size 1, scalingVec has size 3/ });
});

test("VectorSlicer picks entries in the order of its indices", async (t) => {
  const out = await run(new VectorSlicer().setIndices(2, 0), [
    { id: 0, input: Vectors.dense(1, 2, 3) },
    { id: 1, input: Vectors.sparse(4, [0, 3], [7, 8]) },
  ]);
  t.deepEqual(out[0]!["output"], Vectors.dense(3, 1));
  t.deepEqual(out[1]!["output"], Vectors.sparse(2, [1], [7]));
  t.throws(() => new VectorSlicer().setIndices(1, 1), { message: /distinct indices/ });
  await t.throwsAsync(run(new VectorSlicer().setIndices(5), [{ id: 0, input: Vectors.dense(1) }]), { message: /index 5 is out of bounds for the vector of size 1/ });
});
