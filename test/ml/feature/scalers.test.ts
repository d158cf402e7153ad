// MinMaxScaler (wine), MaxAbsScaler (breast cancer) against scikit-learn, with Flink ML's constant-feature rule.
import test from "ava";
import { MaxAbsScaler, MinMaxScaler, type MinMaxScalerModelData, type Row, Vectors } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

const wine = fixture("min-max-scaler-wine");
const cancer = fixture("max-abs-scaler-cancer");

test("MinMaxScaler maps wine to [-1, 2] as scikit-learn does, a constant feature to the middle", async (t) => {
  const e = env(2);
  const model = new MinMaxScaler().setMin(-1).setMax(2).fit(e.fromCollection(vectorRows(wine.input)));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as MinMaxScalerModelData[];
  assertClose(t, Array.from(data!.minVector.values), wine.dataMin);
  assertClose(t, Array.from(data!.maxVector.values), wine.dataMax);
  const out = byId(await model.transform(e.fromCollection(vectorRows(wine.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), wine.output);
  t.pass();
});

test("MinMaxScaler refuses min >= max when fitting", (t) => {
  t.throws(() => new MinMaxScaler().setMin(2).setMax(1).fit(env().fromCollection(vectorRows([[1]]))), { message: /min \(2\) must be below max \(1\)/ });
});

test("MaxAbsScaler divides by the largest absolute value; an all-zero feature keeps scale 1", async (t) => {
  const e = env(3);
  const model = new MaxAbsScaler().fit(e.fromCollection(vectorRows(cancer.input)));
  const out = byId(await model.transform(e.fromCollection(vectorRows(cancer.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), cancer.output);
  t.pass();
});

test("MaxAbsScaler keeps sparse vectors sparse", async (t) => {
  const e = env();
  const train: Row[] = [Vectors.sparse(3, [0, 2], [-4, 2]), Vectors.dense(2, 5, -1)].map((input) => ({ input }));
  const model = new MaxAbsScaler().fit(e.fromCollection(train));
  const out = await model.transform(e.fromCollection<Row>([{ input: Vectors.sparse(3, [1], [10]) }]))[0]!.executeAndCollect();
  t.deepEqual(out[0]!["output"], Vectors.sparse(3, [1], [2]));
});
