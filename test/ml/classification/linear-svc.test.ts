// LinearSVC is Flink ML's: SGD on the hinge loss, no intercept, prediction dot ≥ threshold, rawPrediction [dot, −dot].
// Full-batch training equals the numpy reference of Flink ML's update rule (scripts/ml/fixtures_train.py) to 1e-9, and
// its held-out accuracy on breast cancer is within 3 points of scikit-learn's LinearSVC(loss="hinge").
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { LinearSVC, LinearSVCModel } from "../../../ml/classification/linear-svc.js";
import type { LinearModelData } from "../../../ml/common/linear-model-data.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { assertClose, env, fixture, labelledRows, table, type LabelledData, type LinearCase } from "../fixtures/train/fixtures.js";

const rows = labelledRows(fixture<LabelledData>("breast-cancer-standardized"));
const svc = fixture<{ cases: LinearCase[]; heldOut: { split: number; reference: LinearCase; sklearnAccuracy: number } }>("linear-svc-breast-cancer");

function estimator(c: LinearCase): LinearSVC {
  const p = c.params;
  return new LinearSVC().setMaxIter(p.maxIter).setLearningRate(p.learningRate).setTol(p.tol).setReg(p.reg).setElasticNet(p.elasticNet).setGlobalBatchSize(100_000);
}

async function coefficientOf(model: LinearSVCModel): Promise<Float64Array> {
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as LinearModelData[];
  return data!.coefficient.values;
}

for (const parallelism of [1, 2, 4]) {
  test(`p=${parallelism}: full-batch training equals Flink ML's update rule (plain and elastic net)`, async (t) => {
    for (const c of svc.cases) assertClose(await coefficientOf(estimator(c).fit(table(env(parallelism), rows))), c.coefficient, 1e-9, JSON.stringify(c.params));
    t.pass();
  });
}

test("held-out accuracy on breast cancer is within 3 points of scikit-learn's LinearSVC", async (t) => {
  const { split, reference, sklearnAccuracy } = svc.heldOut;
  const e = env(2);
  const model = estimator(reference).fit(table(e, rows.slice(0, split)));
  const scored = await model.transform(table(e, rows.slice(split)))[0]!.executeAndCollect();
  const accuracy = scored.filter((r) => r["prediction"] === r["label"]).length / scored.length;
  t.true(Math.abs(accuracy - sklearnAccuracy) <= 0.03, `accuracy ${accuracy} vs scikit-learn's ${sklearnAccuracy}`);
  t.true(accuracy > 0.9);
});

test("transform: prediction is dot ≥ threshold, rawPrediction [dot, −dot]", async (t) => {
  const e = env(1);
  const model = new LinearSVCModel().setModelData(e.fromCollection([{ coefficient: new DenseVector(Float64Array.of(1, -2)) }])).setThreshold(0.5);
  const input: Row[] = [0.4, 0.5, 0.6].map((x, id) => ({ id, features: new DenseVector(Float64Array.of(x, 0)) }));
  const out = (await model.transform(table(e, input))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
  t.deepEqual(out.map((r) => r["prediction"]), [0, 1, 1]);
  t.deepEqual(Array.from((out[0]!["rawPrediction"] as DenseVector).values), [0.4, -0.4]);
});

test("save/load round trip and servable; labels other than 0 and 1 are refused", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "eddy-svc-"));
  try {
    await estimator(svc.cases[0]!).setThreshold(0.25).fit(table(env(2), rows)).save(join(dir, "m"));
    const e = env(1);
    const loaded = await LinearSVCModel.load(e, join(dir, "m"));
    t.is(loaded.getThreshold(), 0.25);
    assertClose(await coefficientOf(loaded), svc.cases[0]!.coefficient, 1e-9, "loaded coefficient");
    const byJob = await loaded.transform(table(e, rows.slice(0, 30)))[0]!.executeAndCollect();
    const byServable = (await PipelineModelServable.load(join(dir, "m"))).transform(rows.slice(0, 30));
    t.deepEqual(byServable.map((r) => [r["prediction"], (r["rawPrediction"] as DenseVector).values[0]]), byJob.map((r) => [r["prediction"], (r["rawPrediction"] as DenseVector).values[0]]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const bad: Row[] = [{ features: new DenseVector(Float64Array.of(1)), label: -1 }];
  await t.throwsAsync(() => new LinearSVC().fit(table(env(1), bad)).getModelData()[0]!.executeAndCollect(), { message: /LinearSVC only supports binary classification/ });
});
