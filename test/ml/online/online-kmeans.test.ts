// OnlineKMeans: the sequence of model versions equals the numpy re-implementation of Flink ML's update rule
// (scripts/ml/fixtures_online.py), at every parallelism that divides the global batch; the model labels rows with
// the newest version; save/load and servables.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OnlineKMeans, OnlineKMeansModel, type OnlineKMeansModelData, PipelineModelServable, loadStage } from "../../../ml/index.js";
import { assertClose, env, fixture } from "../helpers/oracle.js";
import { dense, generatedTable, plain } from "../helpers/online-streams.js";

const fx = fixture("online-kmeans");
const rows = (fx.points as number[][]).map((p, id) => ({ id, features: dense(p) }));
const initial = (weight: number) => ({ centroids: (fx.initialCentroids as number[][]).map(dense), weights: dense([weight, weight, weight]) });
const byVersion = (vs: OnlineKMeansModelData[]) => [...vs].sort((a, b) => a.modelVersion - b.modelVersion);
const asPlain = (v: OnlineKMeansModelData) => ({ centroids: v.centroids.map(plain), weights: plain(v.weights), modelVersion: v.modelVersion });

for (const run of fx.runs as any[]) {
  test(`decayFactor ${run.decayFactor}, initial weights ${run.initialWeight}: the model versions equal Flink ML's rule, at parallelism 1, 2, 3 and 4`, async (t) => {
    for (const parallelism of [1, 2, 3, 4]) {
      const e = env(parallelism);
      const model = new OnlineKMeans()
        .setK(3)
        .setGlobalBatchSize(fx.globalBatchSize)
        .setDecayFactor(run.decayFactor)
        .setInitialModelData(e.fromCollection([initial(run.initialWeight)]))
        .fit(generatedTable(e, rows));
      const versions = byVersion((await model.getModelData()[0]!.executeAndCollect()) as OnlineKMeansModelData[]).map(asPlain);
      t.is(versions.length, run.versions.length, `parallelism ${parallelism}: version 0 and one version per complete batch of 24 (240 rows → 10)`);
      t.deepEqual(versions.map((v) => v.modelVersion), run.versions.map((v: any) => v.modelVersion));
      assertClose(t, versions.map((v) => v.centroids), run.versions.map((v: any) => v.centroids), 1e-9, `centroids at parallelism ${parallelism}`);
      assertClose(t, versions.map((v) => v.weights), run.versions.map((v: any) => v.weights), 1e-9, `weights at parallelism ${parallelism}`);
    }
  });
}

test("rows left over after the last complete batch form no model version (Flink ML's count window never fires for them)", async (t) => {
  const e = env(2);
  const model = new OnlineKMeans().setK(3).setGlobalBatchSize(24).setInitialModelData(e.fromCollection([initial(1)])).fit(generatedTable(e, rows.slice(0, 71)));
  const versions = byVersion((await model.getModelData()[0]!.executeAndCollect()) as OnlineKMeansModelData[]);
  t.deepEqual(versions.map((v) => v.modelVersion), [0, 1, 2]);
});

test("with decay 1 and no initial weight, a stationary stream's centroids equal scikit-learn's batch KMeans from the same start", (t) => {
  const run = (fx.runs as any[]).find((r) => r.decayFactor === 1)!;
  assertClose(t, run.versions.at(-1).centroids, fx.batchCentroids, 1e-9);
});

test("transform labels rows with the nearest centroid of the model it is given", async (t) => {
  const run = (fx.runs as any[])[0]!;
  const last = run.versions.at(-1);
  const data = { centroids: (last.centroids as number[][]).map(dense), weights: dense(last.weights), modelVersion: last.modelVersion };
  const e = env(2);
  const model = new OnlineKMeansModel().setK(3).setModelData(e.fromCollection([data]));
  const test_ = (fx.testPoints as number[][]).map((p, id) => ({ id, features: dense(p) }));
  const out = (await model.transform(e.fromCollection(test_))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
  t.deepEqual(out.map((r) => r["prediction"]), run.testPredictions);
  t.deepEqual(model.servable(data).transform(test_).map((r) => r["prediction"]), run.testPredictions, "the servable agrees");
});

test("a fitted model labels a test stream once a model version exists; every row is labelled once", async (t) => {
  const e = env(2);
  const model = new OnlineKMeans().setK(3).setGlobalBatchSize(24).setInitialModelData(e.fromCollection([initial(2)])).fit(generatedTable(e, rows));
  const out = await model.transform(e.fromCollection((fx.testPoints as number[][]).map((p, id) => ({ id, features: dense(p) }))))[0]!.executeAndCollect();
  t.deepEqual(out.map((r) => r["id"]).sort(), [0, 1, 2]);
  // every version's centroids lie near the blob centres, in the initial order: the labels are the blob indices
  t.deepEqual(out.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["prediction"]), [0, 1, 2]);
});

test("save keeps the newest version; load and the servable score with it; the estimator saves its initial model", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-online-kmeans-"));
  try {
    const e = env(1);
    const estimator = new OnlineKMeans().setK(3).setGlobalBatchSize(24).setDecayFactor(0.5).setInitialModelData(e.fromCollection([initial(2)]));
    const model = estimator.fit(generatedTable(e, rows));
    await model.save(join(dir, "model"));
    const loaded = (await loadStage(env(1), join(dir, "model"))) as OnlineKMeansModel;
    t.true(loaded instanceof OnlineKMeansModel);
    const [data] = (await loaded.getModelData()[0]!.executeAndCollect()) as OnlineKMeansModelData[];
    const expected = (fx.runs as any[])[0].versions.at(-1);
    t.is(data!.modelVersion, expected.modelVersion);
    assertClose(t, data!.centroids.map(plain), expected.centroids);
    const servable = await PipelineModelServable.load(join(dir, "model"));
    const test_ = (fx.testPoints as number[][]).map((p, id) => ({ id, features: dense(p) }));
    t.deepEqual(servable.transform(test_).map((r) => r["prediction"]), (fx.runs as any[])[0].testPredictions);

    await estimator.save(join(dir, "estimator"));
    const again = (await loadStage(env(1), join(dir, "estimator"))) as OnlineKMeans;
    t.is(again.getDecayFactor(), 0.5);
    const e2 = env(1);
    const refit = byVersion((await (await OnlineKMeans.load(e2, join(dir, "estimator"))).fit(generatedTable(e2, rows)).getModelData()[0]!.executeAndCollect()) as OnlineKMeansModelData[]);
    assertClose(t, refit.map((v) => v.centroids.map(plain)), (fx.runs as any[])[0].versions.map((v: any) => v.centroids), 1e-9, "a loaded estimator trains the same");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("params follow Flink ML: defaults, validation, and the errors name what to do", async (t) => {
  const k = new OnlineKMeans();
  t.is(k.getK(), 2);
  t.is(k.getGlobalBatchSize(), 32);
  t.is(k.getDecayFactor(), 0);
  t.is(k.getBatchStrategy(), "count");
  t.throws(() => k.setDecayFactor(1.5), { message: /decayFactor.*\[0, 1\]/ });
  t.throws(() => k.setGlobalBatchSize(0), { message: /globalBatchSize/ });
  t.throws(() => k.fit(env(1).fromCollection(rows)), { message: /setInitialModelData/ });
  const e = env(1);
  const wrongK = new OnlineKMeans().setK(4).setInitialModelData(e.fromCollection([initial(1)])).fit(generatedTable(e, rows));
  await t.throwsAsync(wrongK.getModelData()[0]!.executeAndCollect(), { message: /3 centroids.*k is 4/ });
  const e2 = env(3);
  const tooParallel = new OnlineKMeans().setK(3).setGlobalBatchSize(2).setInitialModelData(e2.fromCollection([initial(1)])).fit(generatedTable(e2, rows));
  await t.throwsAsync(tooParallel.getModelData()[0]!.executeAndCollect(), { message: /more training subtasks \(3\) than records in each global batch/ });
});
