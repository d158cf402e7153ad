// UnivariateFeatureSelector against scripts/ml/fixtures_stages.py: scikit-learn's SelectKBest / SelectPercentile /
// SelectFpr / SelectFdr / SelectFwe with f_classif (wine), f_regression (diabetes) and, for categorical features,
// scipy's chi2_contingency (Flink ML's ChiSqTest; scikit-learn's chi2 tests counts, another test), with Flink ML's
// selection rules applied in Python where they differ (percentile counts, ties in p-value).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import {
  PipelineModelServable, type Row, type SelectionMode, UnivariateFeatureSelector, UnivariateFeatureSelectorModel, type UnivariateFeatureSelectorModelData, type VariableType, Vectors,
} from "../../../ml/index.js";
import { selectIndices } from "../../../ml/feature/univariate-feature-selector.js";
import { byId, column, env, fixture } from "../helpers/oracle.js";

interface SelectorCase { selectionMode: SelectionMode; selectionThreshold: number; indices: number[]; sklearnIndices: number[]; agreesWithSklearn: boolean }
interface SelectorFixture { featureType: VariableType; labelType: VariableType; features: number[][]; label: number[]; pValues: number[]; cases: SelectorCase[] }
const fx = fixture<Record<"anovaWine" | "fRegressionDiabetes" | "chiSqSynthetic", SelectorFixture>>("univariate-feature-selector");

const rowsOf = (f: SelectorFixture): Row[] => f.features.map((x, id) => ({ id, features: Vectors.denseOf(x), label: f.label[id] }));

for (const [name, f] of Object.entries(fx)) {
  for (const c of f.cases) {
    test(`${name}: ${c.selectionMode} ${c.selectionThreshold} selects ${JSON.stringify(c.indices)}`, async (t) => {
      const e = env(2);
      const rows = rowsOf(f);
      const model = new UnivariateFeatureSelector()
        .setFeatureType(f.featureType).setLabelType(f.labelType).setSelectionMode(c.selectionMode).setSelectionThreshold(c.selectionThreshold)
        .fit(e.fromCollection(rows));
      const [data] = (await model.getModelData()[0]!.executeAndCollect()) as UnivariateFeatureSelectorModelData[];
      t.deepEqual([...data!.indices].sort((a, b) => a - b), c.indices);
      const out = byId(await model.transform(e.fromCollection(rows))[0]!.executeAndCollect());
      t.deepEqual(column(out, "output"), f.features.map((x) => c.indices.map((i) => x[i])));
      // where Flink ML's rule is scikit-learn's (not percentile, not tied p-values), the oracle is scikit-learn itself
      if (c.selectionMode !== "percentile" && name !== "chiSqSynthetic") t.true(c.agreesWithSklearn, "scikit-learn selects the same");
    });
  }
}

test("the fixture shows where Flink ML's rules differ from scikit-learn's: percentile counts, and ties of rounded p-values", (t) => {
  t.false(fx.anovaWine.cases.find((c) => c.selectionMode === "percentile" && c.selectionThreshold === 0.3)!.agreesWithSklearn);
  t.false(fx.chiSqSynthetic.cases.find((c) => c.selectionMode === "numTopFeatures")!.agreesWithSklearn);
});

test("the selection rules by hand", (t) => {
  const ranked = [0.04, 0.001, 0.3, 0.012, 0.001, 0.02].map((pValue, featureIndex) => ({ pValue, featureIndex }));
  // by p then index: 1 (0.001), 4 (0.001), 3 (0.012), 5 (0.02), 0 (0.04), 2 (0.3)
  t.deepEqual(selectIndices(ranked, "numTopFeatures", 3), [1, 4, 3]);
  t.deepEqual(selectIndices(ranked, "numTopFeatures", 50), [1, 4, 3, 5, 0, 2]);
  t.deepEqual(selectIndices(ranked, "percentile", 0.5), [1, 4, 3]); // int(6 · 0.5) = 3
  t.deepEqual(selectIndices(ranked, "percentile", 0.3), [1]); // int(1.8) = 1
  t.deepEqual(selectIndices(ranked, "fpr", 0.02), [1, 3, 4]); // strictly below, in feature order
  t.deepEqual(selectIndices(ranked, "fwe", 0.06), [1, 4]); // below 0.06 / 6 = 0.01
  // fdr 0.05: lines 0.05/6·(i+1) = .0083 .0167 .025 .0333 .0417 .05; p sorted .001 .001 .012 .02 .04 .3 → last rank below: 4
  t.deepEqual(selectIndices(ranked, "fdr", 0.05), [1, 4, 3, 5, 0]);
  t.deepEqual(selectIndices(ranked, "fdr", 0.001), []);
});

test("params: Flink ML's defaults and checks at fit", (t) => {
  const s = new UnivariateFeatureSelector();
  t.is(s.getSelectionMode(), "numTopFeatures");
  t.is(s.getSelectionThreshold(), null);
  t.is(s.getFeatureType(), null);
  const e = env();
  const table = e.fromCollection<Row>([{ features: Vectors.dense(1), label: 0 }]);
  t.throws(() => s.fit(table), { message: /unsupported combination featureType=null, labelType=null/ });
  t.throws(() => new UnivariateFeatureSelector().setFeatureType("categorical").setLabelType("continuous").fit(table), { message: /unsupported combination/ });
  t.throws(() => new UnivariateFeatureSelector().setFeatureType("continuous").setLabelType("continuous").setSelectionThreshold(2.5).fit(table), { message: /positive integer for selection mode numTopFeatures, but got 2.5/ });
  t.throws(() => new UnivariateFeatureSelector().setFeatureType("continuous").setLabelType("continuous").setSelectionMode("fdr").setSelectionThreshold(1.5).fit(table), { message: /range \[0, 1\] for selection mode fdr/ });
  t.throws(() => s.setSelectionMode("top" as SelectionMode), { message: /'selectionMode'/ });
});

test("default thresholds: 50 features for numTopFeatures, 0.05 for fpr", async (t) => {
  const f = fx.anovaWine;
  const e = env();
  const all = new UnivariateFeatureSelector().setFeatureType("continuous").setLabelType("categorical").fit(e.fromCollection(rowsOf(f)));
  const [data] = (await all.getModelData()[0]!.executeAndCollect()) as UnivariateFeatureSelectorModelData[];
  t.is(data!.indices.length, 13);
  const fpr = new UnivariateFeatureSelector().setFeatureType("continuous").setLabelType("categorical").setSelectionMode("fpr").fit(e.fromCollection(rowsOf(f)));
  const [fprData] = (await fpr.getModelData()[0]!.executeAndCollect()) as UnivariateFeatureSelectorModelData[];
  t.deepEqual([...fprData!.indices].sort((a, b) => a - b), f.pValues.flatMap((p, i) => (p < 0.05 ? [i] : [])));
});

test("the model: sparse stays sparse, no index gives an empty vector, too short a vector fails", async (t) => {
  const e = env();
  const model = new UnivariateFeatureSelectorModel().setModelData(e.fromCollection([{ indices: [3, 0] }]));
  const out = await model.transform(e.fromCollection<Row>([{ features: Vectors.sparse(5, [0, 2], [7, 8]) }]))[0]!.executeAndCollect();
  const v = out[0]!["output"] as { kind: string; size(): number; toArray(): Float64Array };
  t.is(v.kind, "sparse");
  t.deepEqual(Array.from(v.toArray()), [7, 0]);
  const none = new UnivariateFeatureSelectorModel().setModelData(e.fromCollection([{ indices: [] }]));
  const [row] = await none.transform(e.fromCollection<Row>([{ features: Vectors.dense(1, 2) }]))[0]!.executeAndCollect();
  t.is((row!["output"] as { size(): number }).size(), 0);
  const short = new UnivariateFeatureSelectorModel().setModelData(env().fromCollection([{ indices: [3] }]));
  t.throws(() => short.servingMapper([{ indices: [3] }])({ features: Vectors.dense(1, 2) }), { message: /has 2 features, but the selector expects at least 4/ });
});

test("save, load and serve", async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), "eddy-ufs-")), "model");
  const f = fx.fRegressionDiabetes;
  const e = env();
  const model = new UnivariateFeatureSelector().setFeatureType("continuous").setLabelType("continuous").setSelectionThreshold(3).setOutputCol("selected").fit(e.fromCollection(rowsOf(f)));
  await model.save(path);
  const servable = await PipelineModelServable.load(path);
  t.deepEqual(column(servable.transform(rowsOf(f).slice(0, 3)), "selected"), f.features.slice(0, 3).map((x) => [x[2], x[3], x[8]]));
  const estimatorPath = join(path, "..", "estimator");
  await new UnivariateFeatureSelector().setFeatureType("categorical").save(estimatorPath);
  const loaded = await UnivariateFeatureSelector.load(env(), estimatorPath);
  t.is(loaded.getFeatureType(), "categorical");
  t.is(loaded.getLabelType(), null);
});
