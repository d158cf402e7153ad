// OnlineLogisticRegression: the sequence of coefficients equals the numpy re-implementation of Flink ML's FTRL update
// (scripts/ml/fixtures_online.py) for dense rows and for weighted sparse rows, at every parallelism that divides the
// global batch; predictions follow Flink ML's servable; held-out accuracy approaches scikit-learn's batch answer.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OnlineLogisticRegression, OnlineLogisticRegressionModel, type OnlineLogisticRegressionModelData, PipelineModelServable, SparseVector, loadStage } from "../../../ml/index.js";
import { assertClose, env, fixture } from "../helpers/oracle.js";
import { dense, generatedTable, plain } from "../helpers/online-streams.js";

const fx = fixture("online-logistic-regression");
const rows = (fx.train as number[][]).map((x, id) => ({ id, features: dense(x), label: fx.labels[id] as number }));
const testRows = (fx.test as number[][]).map((x, id) => ({ id, features: dense(x) }));
const zeros = () => ({ coefficient: dense([0, 0, 0, 0, 0]) });
const byVersion = (vs: OnlineLogisticRegressionModelData[]) => [...vs].sort((a, b) => a.modelVersion - b.modelVersion);

function learner(run: { alpha: number; beta: number; reg: number; elasticNet: number }) {
  return new OnlineLogisticRegression().setGlobalBatchSize(fx.globalBatchSize).setAlpha(run.alpha).setBeta(run.beta).setReg(run.reg).setElasticNet(run.elasticNet);
}

for (const run of fx.runs as any[]) {
  test(`alpha ${run.alpha}, beta ${run.beta}, reg ${run.reg}, elasticNet ${run.elasticNet}: the coefficients of every version equal Flink ML's FTRL, at parallelism 1, 2, 3 and 5`, async (t) => {
    for (const parallelism of [1, 2, 3, 5]) {
      const e = env(parallelism);
      const model = learner(run).setInitialModelData(e.fromCollection([zeros()])).fit(generatedTable(e, rows));
      const versions = byVersion((await model.getModelData()[0]!.executeAndCollect()) as OnlineLogisticRegressionModelData[]);
      t.deepEqual(versions.map((v) => v.modelVersion), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "versions count from 1; the initial model is not emitted (as Flink ML)");
      assertClose(t, versions.map((v) => plain(v.coefficient)), run.versions.map((v: any) => v.coefficient), 1e-9, `coefficients at parallelism ${parallelism}`);
    }
  });
}

test("sparse rows: only stored features are averaged, over the rows' weights (Flink ML's weightCol)", async (t) => {
  const sp = fx.sparse;
  const sparseRows = (sp.rows as { indices: number[]; values: number[] }[]).map((r, id) => ({ id, features: new SparseVector(5, r.indices, r.values), label: fx.labels[id], w: sp.weights[id] }));
  for (const parallelism of [1, 3]) {
    const e = env(parallelism);
    const model = learner(sp).setWeightCol("w").setInitialModelData(e.fromCollection([zeros()])).fit(generatedTable(e, sparseRows));
    const versions = byVersion((await model.getModelData()[0]!.executeAndCollect()) as OnlineLogisticRegressionModelData[]);
    assertClose(t, versions.map((v) => plain(v.coefficient)), sp.versions.map((v: any) => v.coefficient), 1e-9, `parallelism ${parallelism}`);
  }
});

test("transform: prediction, raw prediction [1 − p, p] and the model version, as Flink ML's servable computes them", async (t) => {
  const run = (fx.runs as any[])[1];
  const last = run.versions.at(-1);
  const data = { coefficient: dense(last.coefficient), modelVersion: last.modelVersion };
  const e = env(3);
  const model = new OnlineLogisticRegressionModel().setModelData(e.fromCollection([data]));
  const out = (await model.transform(e.fromCollection(testRows))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
  t.deepEqual(out.map((r) => r["prediction"]), run.testPredictions.map((p: any) => p[0]));
  assertClose(t, out.map((r) => plain(r["rawPrediction"] as any)), run.testPredictions.map((p: any) => p[1]), 1e-12);
  t.true(out.every((r) => r["modelVersion"] === 10));
  const served = model.servable(data).transform(testRows);
  t.deepEqual(served.map((r) => r["prediction"]), run.testPredictions.map((p: any) => p[0]), "the servable agrees");
});

test("a stationary stream: the newest version's held-out accuracy is within 0.1 of scikit-learn's batch LogisticRegression (no intercept)", (t) => {
  const run = (fx.runs as any[])[1];
  const correct = run.testPredictions.filter((p: any, i: number) => p[0] === fx.testLabels[i]).length;
  const accuracy = correct / fx.testLabels.length;
  t.true(accuracy >= fx.batchHeldOutAccuracy - 0.1, `online ${accuracy}, batch ${fx.batchHeldOutAccuracy}`);
});

test("a fitted model scores a test stream with some trained version; each prediction is that version's", async (t) => {
  const run = (fx.runs as any[])[0];
  const e = env(2);
  const model = learner(run).setInitialModelData(e.fromCollection([zeros()])).fit(generatedTable(e, rows));
  const out = await model.transform(e.fromCollection(testRows))[0]!.executeAndCollect();
  t.is(out.length, testRows.length);
  for (const r of out) {
    const version = r["modelVersion"] as number;
    t.true(version >= 1 && version <= 10);
    const expected = model.servable({ coefficient: dense(run.versions[version - 1].coefficient), modelVersion: version }).transformRow(testRows[r["id"] as number]!);
    assertClose(t, plain(r["rawPrediction"] as any), plain(expected["rawPrediction"] as any), 1e-9);
  }
});

test("save keeps the newest version; load and PipelineModelServable score with it", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-online-lr-"));
  try {
    const run = (fx.runs as any[])[2];
    const e = env(2);
    const estimator = learner(run).setInitialModelData(e.fromCollection([zeros()]));
    await estimator.fit(generatedTable(e, rows)).save(join(dir, "model"));
    const loaded = await OnlineLogisticRegressionModel.load(env(1), join(dir, "model"));
    const [data] = (await loaded.getModelData()[0]!.executeAndCollect()) as OnlineLogisticRegressionModelData[];
    t.is(data!.modelVersion, 10);
    assertClose(t, plain(data!.coefficient), run.versions.at(-1).coefficient);
    const servable = await PipelineModelServable.load(join(dir, "model"));
    t.deepEqual(servable.transform(testRows).map((r) => r["prediction"]), run.testPredictions.map((p: any) => p[0]));
    await estimator.save(join(dir, "estimator"));
    const again = (await loadStage(env(1), join(dir, "estimator"))) as OnlineLogisticRegression;
    t.is(again.getAlpha(), run.alpha);
    t.is(again.getElasticNet(), run.elasticNet);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("params follow Flink ML: defaults and validation", (t) => {
  const lr = new OnlineLogisticRegression();
  t.is(lr.getAlpha(), 0.1);
  t.is(lr.getBeta(), 0.1);
  t.is(lr.getReg(), 0);
  t.is(lr.getElasticNet(), 0);
  t.is(lr.getGlobalBatchSize(), 32);
  t.is(lr.getWeightCol(), null);
  t.is(lr.getModelVersionCol(), "modelVersion");
  t.is(lr.getRawPredictionCol(), "rawPrediction");
  t.throws(() => lr.setAlpha(0), { message: /alpha.*> 0/ });
  t.throws(() => lr.setElasticNet(2), { message: /elasticNet/ });
  t.throws(() => lr.fit(env(1).fromCollection(rows)), { message: /setInitialModelData/ });
});
