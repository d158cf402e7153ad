// LogisticRegression is Flink ML's: SGD on the binary logistic loss, no intercept. Full-batch training equals a numpy
// gradient descent written from Flink ML's update rule (scripts/ml/fixtures_train.py) to 1e-9 at parallelism 1, 2 and
// 4, and long training reaches scikit-learn's unpenalised optimum.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { LogisticRegression, LogisticRegressionModel, type LogisticRegressionModelData } from "../../../ml/classification/logistic-regression.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { assertClose, env, fixture, labelledRows, table, type LabelledData, type LinearCase } from "../fixtures/train/fixtures.js";

const breastCancer = labelledRows(fixture<LabelledData>("breast-cancer-standardized"));
const { cases } = fixture<{ cases: LinearCase[] }>("logistic-regression-breast-cancer");
const synthetic = fixture<{ data: LabelledData; reference: LinearCase; optimum: number[] }>("logistic-regression-synthetic");

function estimator(c: LinearCase): LogisticRegression {
  const p = c.params;
  return new LogisticRegression().setMaxIter(p.maxIter).setLearningRate(p.learningRate).setTol(p.tol).setReg(p.reg).setElasticNet(p.elasticNet).setGlobalBatchSize(1_000_000);
}

async function coefficientOf(model: LogisticRegressionModel): Promise<Float64Array> {
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as LogisticRegressionModelData[];
  return data!.coefficient.values;
}

for (const parallelism of [1, 2, 4]) {
  test(`p=${parallelism}: full-batch training equals Flink ML's update rule on breast cancer (plain, L2, elastic net, L1, tol)`, async (t) => {
    for (const c of cases) {
      const model = estimator(c).fit(table(env(parallelism), breastCancer));
      assertClose(await coefficientOf(model), c.coefficient, 1e-9, `coefficient for ${JSON.stringify(c.params)}`);
    }
    t.pass();
  });
}

test("tol stops training after the superstep whose mean loss is at most tol (124 of at most 1000 steps)", async (t) => {
  const c = cases.find((x) => x.params.tol > 0)!;
  t.is(c.steps, 124);
  // one step fewer or more gives another coefficient: the reference stopped at exactly that step
  const model = estimator(c).fit(table(env(2), breastCancer));
  assertClose(await coefficientOf(model), c.coefficient, 1e-9, "coefficient");
  const shorter = estimator({ ...c, params: { ...c.params, maxIter: c.steps - 1 } }).fit(table(env(2), breastCancer));
  t.true(Math.abs((await coefficientOf(shorter))[0]! - c.coefficient[0]!) > 1e-6);
});

test("weighted training reaches scikit-learn's optimum (LogisticRegression without intercept or penalty)", async (t) => {
  const rows = labelledRows(synthetic.data);
  const model = estimator(synthetic.reference).setWeightCol("weight").fit(table(env(2), rows));
  const coefficient = await coefficientOf(model);
  assertClose(coefficient, synthetic.reference.coefficient, 1e-9, "coefficient vs the numpy reference");
  assertClose(coefficient, synthetic.optimum, 1e-5, "coefficient vs scikit-learn's optimum");
  t.pass();
});

test("transform adds Flink ML's prediction (dot ≥ 0) and rawPrediction [1 − p, p]", async (t) => {
  const coefficient = new DenseVector(Float64Array.of(2, -1));
  const e = env(2);
  const model = new LogisticRegressionModel().setModelData(e.fromCollection([{ coefficient, modelVersion: 0 }])).setRawPredictionCol("raw");
  const rows: Row[] = [
    { id: 0, features: new DenseVector(Float64Array.of(1, 1)) }, // dot 1
    { id: 1, features: new DenseVector(Float64Array.of(0, 3)) }, // dot −3
    { id: 2, features: new DenseVector(Float64Array.of(1, 2)) }, // dot 0: predicts 1
  ];
  const out = (await model.transform(table(e, rows))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
  t.deepEqual(out.map((r) => r["prediction"]), [1, 0, 1]);
  for (const [i, z] of [1, -3, 0].entries()) assertClose((out[i]!["raw"] as DenseVector).values, [1 - sigmoid(z), sigmoid(z)], 1e-15, `raw ${i}`);
  t.pass();
});

test("save and load keep the params and the model data; the servable scores rows as the job does", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "eddy-lr-"));
  try {
    const trained = estimator(cases[0]!).setPredictionCol("p").fit(table(env(2), breastCancer));
    await trained.save(join(dir, "model"));
    const e = env(1);
    const loaded = await LogisticRegressionModel.load(e, join(dir, "model"));
    t.is(loaded.getPredictionCol(), "p");
    const byJob = await loaded.transform(table(e, breastCancer.slice(0, 40)))[0]!.executeAndCollect();
    const servable = await PipelineModelServable.load(join(dir, "model"));
    const byServable = servable.transform(breastCancer.slice(0, 40));
    t.deepEqual(byServable.map((r) => r["p"]), byJob.map((r) => r["p"]));
    assertClose(await coefficientOf(loaded), cases[0]!.coefficient, 1e-9, "loaded coefficient");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("labels other than 0 and 1, multinomial and invalid params are refused with what to do", async (t) => {
  const rows: Row[] = [{ features: new DenseVector(Float64Array.of(1)), label: 2 }];
  await t.throwsAsync(() => new LogisticRegression().fit(table(env(1), rows)).getModelData()[0]!.executeAndCollect(), { message: /only supports binary classification.*label 2/ });
  t.throws(() => new LogisticRegression().setMultiClass("multinomial").fit(table(env(1), rows)), { message: /multinomial classification is not supported yet/ });
  t.throws(() => new LogisticRegression().setLearningRate(0), { message: /learningRate.*> 0/ });
  t.throws(() => new LogisticRegression().setElasticNet(1.5), { message: /elasticNet.*in \[0, 1\]/ });
  await t.throwsAsync(() => new LogisticRegression().fit(table(env(1), [])).getModelData()[0]!.executeAndCollect(), { message: /training set is empty/ });
  const mixed: Row[] = [{ features: new DenseVector(2), label: 0 }, { features: new DenseVector(3), label: 1 }];
  await t.throwsAsync(() => new LogisticRegression().fit(table(env(1), mixed)).getModelData()[0]!.executeAndCollect(), { message: /LogisticRegression.*same dimension, got 2 and 3/ });
});
