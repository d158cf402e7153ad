// StandardScaler against scikit-learn on iris (converted to Flink ML's sample standard deviation by the fixture script).
import test from "ava";
import { StandardScaler, StandardScalerModel, type StandardScalerModelData } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

const iris = fixture("standard-scaler-iris");

for (const [name, withMean, withStd] of [
  ["withMeanWithStd", true, true],
  ["withStdOnly", false, true],
  ["withMeanOnly", true, false],
] as const) {
  test(`${name}: the scaled iris rows equal the oracle's, with 1 and 3 subtasks`, async (t) => {
    for (const parallelism of [1, 3]) {
      const e = env(parallelism);
      const model = new StandardScaler().setWithMean(withMean).setWithStd(withStd).setOutputCol("scaled").fit(e.fromCollection(vectorRows(iris.input)));
      const out = byId(await model.transform(e.fromCollection(vectorRows(iris.input)))[0]!.executeAndCollect());
      assertClose(t, column(out, "scaled"), iris[name]);
      t.deepEqual(column(out, "input"), iris.input, "the input column is kept as it was");
    }
  });
}

test("the model data holds the mean and the sample standard deviation", async (t) => {
  const e = env(2);
  const model = new StandardScaler().fit(e.fromCollection(vectorRows(iris.input)));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as StandardScalerModelData[];
  assertClose(t, Array.from(data!.mean.values), iris.mean);
  assertClose(t, Array.from(data!.std.values), iris.std);
});

test("defaults follow Flink ML: withMean false, withStd true, columns 'input' → 'output'", (t) => {
  const s = new StandardScaler();
  t.false(s.getWithMean());
  t.true(s.getWithStd());
  t.is(s.getInputCol(), "input");
  t.is(s.getOutputCol(), "output");
});

test("fit passes its params on to the model", (t) => {
  const model = new StandardScaler().setInputCol("f").setOutputCol("g").setWithMean(true).fit(env().fromCollection(vectorRows([[1]])));
  t.true(model instanceof StandardScalerModel);
  t.is(model.getInputCol(), "f");
  t.is(model.getOutputCol(), "g");
  t.true(model.getWithMean());
});

test("an empty training set fails the job with Flink ML's reason", async (t) => {
  const e = env();
  const model = new StandardScaler().fit(e.fromCollection<Record<string, unknown>>([]));
  await t.throwsAsync(model.transform(e.fromCollection(vectorRows([[1]])))[0]!.executeAndCollect(), { message: /training set is empty/ });
});

test("a column without a vector fails naming the stage and the column", async (t) => {
  const e = env();
  const model = new StandardScaler().fit(e.fromCollection([{ input: 3 }]));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /StandardScaler: column 'input' must hold a DenseVector or SparseVector, got number 3/ });
});
