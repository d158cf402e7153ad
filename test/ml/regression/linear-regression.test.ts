// LinearRegression is Flink ML's: SGD on the least-square loss, no intercept. Full-batch training equals the numpy
// reference of Flink ML's update rule on diabetes (scripts/ml/fixtures_train.py) to 1e-9 at parallelism 1, 2 and 4,
// and reaches scikit-learn's LinearRegression(fit_intercept=False) on a well-conditioned set.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import type { LinearModelData } from "../../../ml/common/linear-model-data.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { LinearRegression, LinearRegressionModel } from "../../../ml/regression/linear-regression.js";
import { assertClose, env, fixture, labelledRows, table, type LabelledData, type LinearCase } from "../fixtures/train/fixtures.js";

const diabetes = fixture<{ data: LabelledData; cases: LinearCase[] }>("linear-regression-diabetes");
const synthetic = fixture<{ data: LabelledData; reference: LinearCase; optimum: number[] }>("linear-regression-synthetic");
const diabetesRows = labelledRows(diabetes.data);

function estimator(c: LinearCase): LinearRegression {
  const p = c.params;
  return new LinearRegression().setMaxIter(p.maxIter).setLearningRate(p.learningRate).setTol(p.tol).setReg(p.reg).setElasticNet(p.elasticNet).setGlobalBatchSize(100_000);
}

async function coefficientOf(model: LinearRegressionModel): Promise<Float64Array> {
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as LinearModelData[];
  return data!.coefficient.values;
}

for (const parallelism of [1, 2, 4]) {
  test(`p=${parallelism}: full-batch training equals Flink ML's update rule on diabetes (plain, elastic net, and tol — which stops it after 5 of 500 steps)`, async (t) => {
    for (const c of diabetes.cases) assertClose(await coefficientOf(estimator(c).fit(table(env(parallelism), diabetesRows))), c.coefficient, 1e-9, JSON.stringify(c.params));
    t.pass();
  });
}

test("training reaches scikit-learn's least-squares optimum, and predictions are coefficient · features", async (t) => {
  const rows = labelledRows(synthetic.data);
  const e = env(2);
  const model = estimator(synthetic.reference).fit(table(e, rows));
  const coefficient = await coefficientOf(model);
  assertClose(coefficient, synthetic.reference.coefficient, 1e-9, "coefficient vs numpy reference");
  assertClose(coefficient, synthetic.optimum, 1e-9, "coefficient vs scikit-learn");
  const e2 = env(2);
  const fixed = new LinearRegressionModel().setModelData(e2.fromCollection([{ coefficient: new DenseVector(Float64Array.of(2, -1)) }])).setPredictionCol("y");
  const out = await fixed.transform(table(e2, [{ features: new DenseVector(Float64Array.of(3, 4)) }]))[0]!.executeAndCollect();
  t.is(out[0]!["y"], 2);
});

test("weights scale each point's share of the gradient (a point of weight 2 counts as two copies)", async (t) => {
  const base = diabetesRows.slice(0, 50);
  const weighted = base.map((r, i) => ({ ...r, weight: i < 10 ? 2 : 1 }));
  const doubled = [...base, ...base.slice(0, 10)];
  const c = diabetes.cases[0]!;
  const a = await coefficientOf(estimator(c).setWeightCol("weight").fit(table(env(2), weighted)));
  const b = await coefficientOf(estimator(c).fit(table(env(2), doubled)));
  assertClose(a, b, 1e-12, "weighted vs duplicated");
  t.pass();
});

test("save/load round trip and servable", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "eddy-linreg-"));
  try {
    await estimator(diabetes.cases[0]!).fit(table(env(2), diabetesRows)).save(join(dir, "m"));
    const e = env(1);
    const loaded = await LinearRegressionModel.load(e, join(dir, "m"));
    const byJob = await loaded.transform(table(e, diabetesRows.slice(0, 20)))[0]!.executeAndCollect();
    const byServable = (await PipelineModelServable.load(join(dir, "m"))).transform(diabetesRows.slice(0, 20));
    t.deepEqual(byServable.map((r) => r["prediction"]), byJob.map((r) => r["prediction"]));
    assertClose(await coefficientOf(loaded), diabetes.cases[0]!.coefficient, 1e-9, "loaded");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
