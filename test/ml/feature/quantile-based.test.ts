// Imputer and RobustScaler against scikit-learn / numpy, with Flink ML's quantile rule (rank ⌈p·n⌉) where
// scikit-learn interpolates.
import test from "ava";
import { Imputer, RobustScaler, type RobustScalerModelData, type Row } from "../../../ml/index.js";
import { assertClose, byId, column, env, fixture, vectorRows } from "../helpers/oracle.js";

const imp = fixture("imputer");
const nanOf = (v: number | null) => (v === null ? NaN : v);
const rows: Row[] = imp.input.map((r: (number | null)[], id: number) => ({ id, a: nanOf(r[0]!), b: r[1], c: nanOf(r[2]!), d: nanOf(r[3]!), k: imp.ints[id] }));

for (const strategy of ["mean", "median", "most_frequent"] as const) {
  test(`Imputer '${strategy}' fills NaN and null as the oracle does`, async (t) => {
    const e = env(2);
    const model = new Imputer().setInputCols("a", "b", "c", "d").setOutputCols("oa", "ob", "oc", "od").setStrategy(strategy).fit(e.fromCollection(rows));
    const out = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
    const matrix = out.map((r) => [r["oa"], r["ob"], r["oc"], r["od"]]);
    assertClose(t, matrix, imp[strategy], 1e-12);
  });
}

test("the fixture's median really differs from scikit-learn's (an even count averages two values there)", (t) => {
  t.true(imp.sklearnMedianDiffers);
});

test("Imputer with a missingValue of -1 on a small-integer column: mean and most frequent", async (t) => {
  for (const strategy of ["mean", "most_frequent"] as const) {
    const e = env();
    const model = new Imputer().setInputCols("k").setOutputCols("ok").setMissingValue(-1).setStrategy(strategy).fit(e.fromCollection(rows));
    const out = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
    assertClose(t, column(out, "ok"), imp[strategy + "Ints"], 1e-12, strategy);
  }
});

test("Imputer fails when a column has nothing but missing values", async (t) => {
  const e = env();
  const model = new Imputer().setInputCols("a").setOutputCols("b").fit(e.fromCollection<Row>([{ a: NaN }, { a: null }]));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /every value of column 'a' is null, NaN or missingValue/ });
});

const wine = fixture("robust-scaler-wine");

test("RobustScaler: medians and interquartile ranges by Flink ML's quantile rule; scaled rows", async (t) => {
  const e = env(3);
  const model = new RobustScaler().fit(e.fromCollection(vectorRows(wine.input)));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as RobustScalerModelData[];
  assertClose(t, Array.from(data!.medians.values), wine.medians, 0);
  assertClose(t, Array.from(data!.ranges.values), wine.ranges, 1e-12);
  const out = byId(await model.transform(e.fromCollection(vectorRows(wine.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), wine.scaled);
  t.true(wine.sklearnDiffers, "scikit-learn's interpolated IQR differs on wine, so the rule matters");
});

test("RobustScaler with centering and the 10–90 range", async (t) => {
  const e = env();
  const model = new RobustScaler().setWithCentering(true).setLower(0.1).setUpper(0.9).fit(e.fromCollection(vectorRows(wine.input)));
  const out = byId(await model.transform(e.fromCollection(vectorRows(wine.input)))[0]!.executeAndCollect());
  assertClose(t, column(out, "output"), wine.centeredScaled1090);
  t.throws(() => new RobustScaler().setLower(1), { message: /parameter 'lower' is given an invalid value 1: it must be in \(0, 1\)/ });
});
