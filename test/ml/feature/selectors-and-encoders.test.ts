// IDF, VarianceThresholdSelector and OneHotEncoder against scikit-learn, converted to Flink ML's definitions.
import test from "ava";
import { IDF, type IDFModelData, OneHotEncoder, type Row, VarianceThresholdSelector, Vectors } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

test("IDF: log((m + 1) / (df + 1)) per term, applied to each vector (digits as term counts)", async (t) => {
  const fx = fixture("idf-digits");
  const e = env(2);
  const model = new IDF().fit(e.fromCollection(vectorRows(fx.input)));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as IDFModelData[];
  assertClose(t, Array.from(data!.idf.values), fx.idf);
  t.deepEqual(data!.docFreq, fx.docFreq);
  t.is(data!.numDocs, fx.input.length);
  const out = byId(await model.transform(e.fromCollection(vectorRows(fx.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), fx.output);
});

test("IDF: terms in fewer than minDocFreq documents get weight 0", async (t) => {
  const fx = fixture("idf-digits");
  const e = env();
  const model = new IDF().setMinDocFreq(fx.minDocFreq).fit(e.fromCollection(vectorRows(fx.input)));
  const out = byId(await model.transform(e.fromCollection(vectorRows(fx.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), fx.outputMin);
  t.pass();
});

test("VarianceThresholdSelector keeps the features scikit-learn's VarianceThreshold keeps", async (t) => {
  const fx = fixture("variance-threshold-digits");
  const e = env(3);
  const model = new VarianceThresholdSelector().setVarianceThreshold(fx.threshold).fit(e.fromCollection(vectorRows(fx.input)));
  const out = byId(await model.transform(e.fromCollection(vectorRows(fx.input)))[0]!.executeAndCollect());
  t.deepEqual(column(out, "output"), fx.output);
});

test("OneHotEncoder with dropLast equals scikit-learn with categories 0..max and the last dropped", async (t) => {
  const fx = fixture("one-hot-encoder");
  const e = env(2);
  const rows: Row[] = fx.input.map((r: number[], id: number) => ({ id, a: r[0], b: r[1] }));
  const model = new OneHotEncoder().setInputCols("a", "b").setOutputCols("va", "vb").fit(e.fromCollection(rows));
  const out = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
  t.deepEqual(column(out, "va"), fx.col0);
  t.deepEqual(column(out, "vb"), fx.col1);
});

test("OneHotEncoder without dropLast has a slot for the largest index; unseen larger indices fail", async (t) => {
  const e = env();
  const model = new OneHotEncoder().setInputCols("a").setOutputCols("v").setDropLast(false).fit(e.fromCollection([{ a: 0 }, { a: 2 }]));
  const out = await model.transform(e.fromCollection([{ a: 2 }, { a: 1 }]))[0]!.executeAndCollect();
  t.deepEqual(out.map((r) => r["v"]), [Vectors.sparse(3, [2], [1]), Vectors.sparse(3, [1], [1])]);
  await t.throwsAsync(model.transform(e.fromCollection([{ a: 5 }]))[0]!.executeAndCollect(), { message: /index 5, but training saw indices up to 2/ });
  await t.throwsAsync(model.transform(e.fromCollection([{ a: 1.5 }]))[0]!.executeAndCollect(), { message: /holds 1.5, which is not a category index/ });
});
