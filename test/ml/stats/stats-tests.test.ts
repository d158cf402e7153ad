// Flink ML's statistical tests against scipy and scikit-learn (scripts/ml/fixtures_train.py): ChiSqTest is
// chi2_contingency without correction (rounded to 11 decimals, as Flink ML), ANOVATest is f_classif on iris,
// FValueTest is f_regression on diabetes — in the single-row and the flattened layout, at parallelism 1 and 3.
import assert from "node:assert/strict";
import test from "ava";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { ANOVATest } from "../../../ml/stats/anova-test.js";
import { ChiSqTest } from "../../../ml/stats/chi-sq-test.js";
import { chiSquaredSurvival, fSurvival } from "../../../ml/stats/distributions.js";
import { FValueTest } from "../../../ml/stats/f-value-test.js";
import { env, fixture, labelledRows, table } from "../fixtures/train/fixtures.js";

interface Fixture {
  chiSq: { features: number[][]; labels: number[]; results: { statistic: number; pValue: number; dof: number }[] };
  anova: { fValues: number[]; pValues: number[]; dof: number };
  fValue: { features: number[][]; labels: number[]; fValues: number[]; pValues: number[]; dof: number };
  chi2sf: [number, number, number][];
  fsf: [number, number, number, number][];
}
const f = fixture<Fixture>("stats-tests");
const iris = fixture<{ data: number[][] }>("kmeans-iris").data;
const irisLabels = iris.map((_, i) => Math.floor(i / 50)); // load_iris lists 50 rows of each species in order

/** |a − e| ≤ tolerance·max(1, |e|): relative for large values, absolute near 0; tiny p-values compared relatively. */
function near(a: number, e: number, tolerance: number, what: string): void {
  const scale = e !== 0 && Math.abs(e) < 1 ? Math.abs(e) : Math.max(1, Math.abs(e));
  assert.ok(Math.abs(a - e) <= tolerance * scale, `${what}: ${a}, expected ${e}`);
}

test("the chi-squared and F survival functions equal scipy's (relative 1e-10, tiny tails included)", (t) => {
  for (const [x, k, p] of f.chi2sf) near(chiSquaredSurvival(x, k), p, 1e-10, `chi2.sf(${x}, ${k})`);
  for (const [x, a, b, p] of f.fsf) near(fSurvival(x, a, b), p, 1e-10, `f.sf(${x}, ${a}, ${b})`);
  t.is(chiSquaredSurvival(0, 3), 1);
  t.is(fSurvival(0, 2, 5), 1);
});

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: ChiSqTest equals scipy's chi2_contingency per feature (a constant feature has 0 degrees of freedom)`, async (t) => {
    const rows = labelledRows(f.chiSq);
    const [out] = await new ChiSqTest().transform(table(env(parallelism), rows))[0]!.executeAndCollect();
    const { pValues, degreesOfFreedom, statistics } = out as { pValues: DenseVector; degreesOfFreedom: number[]; statistics: DenseVector };
    f.chiSq.results.forEach((r, j) => {
      near(statistics.values[j]!, r.statistic, 1e-10, `statistic ${j}`);
      assert.ok(Math.abs(pValues.values[j]! - r.pValue) <= 1e-11, `pValue ${j}: ${pValues.values[j]} vs ${r.pValue}`);
    });
    t.deepEqual(degreesOfFreedom, f.chiSq.results.map((r) => r.dof));
  });

  test(`p=${parallelism}: ANOVATest equals f_classif on iris, FValueTest equals f_regression on diabetes`, async (t) => {
    const irisRows: Row[] = iris.map((x, i) => ({ features: new DenseVector(Float64Array.from(x)), label: irisLabels[i]! }));
    const [anova] = await new ANOVATest().transform(table(env(parallelism), irisRows))[0]!.executeAndCollect();
    f.anova.fValues.forEach((v, j) => near((anova!["fValues"] as DenseVector).values[j]!, v, 1e-9, `anova F ${j}`));
    f.anova.pValues.forEach((v, j) => near((anova!["pValues"] as DenseVector).values[j]!, v, 1e-6, `anova p ${j}`));
    t.deepEqual(anova!["degreesOfFreedom"], [149, 149, 149, 149]);

    const [fv] = await new FValueTest().transform(table(env(parallelism), labelledRows(f.fValue)))[0]!.executeAndCollect();
    f.fValue.fValues.forEach((v, j) => near((fv!["fValues"] as DenseVector).values[j]!, v, 1e-9, `f_regression F ${j}`));
    f.fValue.pValues.forEach((v, j) => near((fv!["pValues"] as DenseVector).values[j]!, v, 1e-6, `f_regression p ${j}`));
    t.deepEqual(fv!["degreesOfFreedom"], new Array(10).fill(f.fValue.dof));
  });
}

test("flatten gives one row per feature with Flink ML's column names", async (t) => {
  const out = await new FValueTest().setFlatten(true).transform(table(env(2), labelledRows(f.fValue)))[0]!.executeAndCollect();
  t.is(out.length, 10);
  const sorted = out.sort((a, b) => (a["featureIndex"] as number) - (b["featureIndex"] as number));
  t.deepEqual(Object.keys(sorted[0]!).sort(), ["degreeOfFreedom", "fValue", "featureIndex", "pValue"]);
  near(sorted[2]!["fValue"] as number, f.fValue.fValues[2]!, 1e-9, "feature 2");
  const chi = await new ChiSqTest().setFlatten(true).transform(table(env(1), labelledRows(f.chiSq)))[0]!.executeAndCollect();
  t.deepEqual(Object.keys(chi[0]!).sort(), ["degreeOfFreedom", "featureIndex", "pValue", "statistic"]);
});

test("too few rows or classes are refused with the reason", async (t) => {
  const one: Row[] = [1, 2, 3].map((x) => ({ features: new DenseVector(Float64Array.of(x)), label: 0 }));
  await t.throwsAsync(() => new ANOVATest().transform(table(env(1), one))[0]!.executeAndCollect(), { message: /single class/ });
  await t.throwsAsync(() => new FValueTest().transform(table(env(1), one.slice(0, 2)))[0]!.executeAndCollect(), { message: /at least 3/ });
});
