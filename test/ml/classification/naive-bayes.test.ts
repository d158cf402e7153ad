// NaiveBayes is Flink ML's categorical naive Bayes: theta equals scikit-learn's CategoricalNB feature_log_prob_ (alpha
// = smoothing, each feature's distinct values numbered in order), the prior is Flink ML's smoothed one, and predictions
// equal CategoricalNB's given that prior (scripts/ml/fixtures_train.py) — on a seeded synthetic set and on digits.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { NaiveBayes, NaiveBayesModel, type NaiveBayesModelData } from "../../../ml/classification/naive-bayes.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { assertClose, env, fixture, labelledRows, table } from "../fixtures/train/fixtures.js";

interface NbCase { smoothing: number; labels: number[]; categories: number[][]; theta: number[][][]; piArray: number[]; predictions: number[] }
const nb = fixture<{ synthetic: { features: number[][]; labels: number[]; cases: NbCase[] }; digits: { features: number[][]; labels: number[]; case: NbCase } }>("naive-bayes");

function checkModelData(data: NaiveBayesModelData, c: NbCase, what: string): void {
  assertClose(data.labels.values, c.labels, 0, `${what} labels`);
  assertClose(data.piArray.values, c.piArray, 1e-12, `${what} piArray`);
  c.categories.forEach((cats, j) => assertClose(data.categories[j]!, cats, 0, `${what} categories of feature ${j}`));
  c.theta.forEach((perFeature, l) => perFeature.forEach((t, j) => assertClose(data.theta[l]![j]!, t, 1e-12, `${what} theta[${l}][${j}]`)));
}

async function fitAndScore(rows: Row[], smoothing: number, parallelism: number): Promise<{ data: NaiveBayesModelData; predictions: number[] }> {
  let e = env(parallelism);
  const [data] = (await new NaiveBayes().setSmoothing(smoothing).fit(table(e, rows)).getModelData()[0]!.executeAndCollect()) as NaiveBayesModelData[];
  e = env(parallelism);
  const scored = await new NaiveBayes().setSmoothing(smoothing).fit(table(e, rows)).transform(table(e, rows))[0]!.executeAndCollect();
  return { data: data!, predictions: scored.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["prediction"] as number) };
}

const withIds = (rows: Row[]) => rows.map((r, id) => ({ ...r, id }));

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: the model data and predictions are CategoricalNB's with Flink ML's prior (synthetic, smoothing 1 and 0.5)`, async (t) => {
    const rows = withIds(labelledRows(nb.synthetic));
    for (const c of nb.synthetic.cases) {
      const { data, predictions } = await fitAndScore(rows, c.smoothing, parallelism);
      checkModelData(data, c, `smoothing ${c.smoothing}`);
      t.deepEqual(predictions, c.predictions);
    }
  });
}

test("digits (1797 rows, 64 pixel features quantised to 0..4, 10 labels): model data and predictions", async (t) => {
  const rows = withIds(labelledRows(nb.digits));
  const { data, predictions } = await fitAndScore(rows, 1, 2);
  checkModelData(data, nb.digits.case, "digits");
  t.deepEqual(predictions, nb.digits.case.predictions);
});

test("save/load round trip and servable; unseen values and non-integer labels are refused with the reason", async (t) => {
  const rows = withIds(labelledRows(nb.synthetic));
  const dir = await mkdtemp(join(tmpdir(), "eddy-nb-"));
  try {
    await new NaiveBayes().setPredictionCol("guess").fit(table(env(2), rows)).save(join(dir, "m"));
    const e = env(1);
    const loaded = await NaiveBayesModel.load(e, join(dir, "m"));
    const byJob = (await loaded.transform(table(e, rows))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
    const servable = await PipelineModelServable.load(join(dir, "m"));
    t.deepEqual(servable.transform(rows).map((r) => r["guess"]), byJob.map((r) => r["guess"]));
    t.deepEqual(byJob.map((r) => r["guess"]), nb.synthetic.cases[0]!.predictions);
    t.throws(() => servable.transformRow({ features: new DenseVector(Float64Array.of(0, 10, 7, 3, 0.3)) }), { message: /feature 4 has the value 0.3, which no training row had/ });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const bad: Row[] = [{ features: new DenseVector(Float64Array.of(1)), label: 0.5 }];
  await t.throwsAsync(() => new NaiveBayes().fit(table(env(1), bad)).getModelData()[0]!.executeAndCollect(), { message: /label value should be an indexed number/ });
  t.throws(() => new NaiveBayes().setSmoothing(-1), { message: /smoothing/ });
});
