// BinaryClassificationEvaluator is Flink ML's: trapezoids over the samples by descending score. Without ties its
// areaUnderROC is scikit-learn's roc_auc_score, areaUnderPR the trapezoidal area under precision_recall_curve, ks the
// largest |TPR − FPR| of roc_curve and areaUnderLorenz the area under TPR against the positive rate; tied scores form
// one step, as in scikit-learn (scripts/ml/fixtures_train.py). Weighted and unweighted, at parallelism 1 and 3.
import test from "ava";
import type { BinaryMetricName } from "../../../ml/evaluation/binary-classification-evaluator-params.js";
import { BinaryClassificationEvaluator } from "../../../ml/evaluation/binary-classification-evaluator.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { assertClose, env, fixture, table } from "../fixtures/train/fixtures.js";

interface Case { scores: number[]; labels: number[]; weights: number[] | null; areaUnderROC: number; areaUnderPR: number; ks: number; areaUnderLorenz: number }
const { cases } = fixture<{ cases: Case[] }>("binary-classification-evaluator");
const ALL: BinaryMetricName[] = ["areaUnderROC", "areaUnderPR", "ks", "areaUnderLorenz"];

function rowsOf(c: Case, asVector: boolean): Row[] {
  return c.scores.map((s, i) => ({
    label: c.labels[i]!,
    rawPrediction: asVector ? new DenseVector(Float64Array.of(1 - s, s)) : s,
    ...(c.weights === null ? {} : { weight: c.weights[i]! }),
  }));
}

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: the four metrics equal scikit-learn's (unweighted, weighted, tied scores)`, async (t) => {
    for (const [n, c] of cases.entries()) {
      const evaluator = new BinaryClassificationEvaluator().setMetricsNames(...ALL);
      if (c.weights !== null) evaluator.setWeightCol("weight");
      const [out] = await evaluator.transform(table(env(parallelism), rowsOf(c, n % 2 === 0)))[0]!.executeAndCollect();
      assertClose(ALL.map((m) => out![m] as number), ALL.map((m) => c[m]), 1e-12, `case ${n}`);
    }
    t.pass();
  });
}

test("the output row has exactly the metrics asked for, areaUnderROC and areaUnderPR by default", async (t) => {
  const [out] = await new BinaryClassificationEvaluator().transform(table(env(1), rowsOf(cases[0]!, true)))[0]!.executeAndCollect();
  t.deepEqual(Object.keys(out!), ["areaUnderROC", "areaUnderPR"]);
  // a perfect ranking: every metric at its best
  const perfect: Row[] = [0.9, 0.8, 0.3, 0.1].map((s, i) => ({ label: i < 2 ? 1 : 0, rawPrediction: s }));
  const [best] = await new BinaryClassificationEvaluator().setMetricsNames("ks", "areaUnderROC", "areaUnderPR", "areaUnderLorenz").transform(table(env(1), perfect))[0]!.executeAndCollect();
  t.deepEqual(best, { ks: 1, areaUnderROC: 1, areaUnderPR: 1, areaUnderLorenz: 0.75 });
  t.throws(() => new BinaryClassificationEvaluator().setMetricsNames("accuracy" as BinaryMetricName), { message: /metricsNames/ });
});
