// Knn is Flink ML's brute-force k-nearest-neighbours: on breast cancer (standardised, trained on 400 rows, scoring
// the other 169) its predictions equal scikit-learn's KNeighborsClassifier(algorithm="brute") for k = 1, 5 and 10.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { Knn, KnnModel, type KnnModelData } from "../../../ml/classification/knn.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { env, fixture, labelledRows, table, type LabelledData } from "../fixtures/train/fixtures.js";

const rows = labelledRows(fixture<LabelledData>("breast-cancer-standardized")).map((r, id) => ({ ...r, id }));
const knn = fixture<{ split: number; cases: { k: number; predictions: number[] }[] }>("knn-breast-cancer");
const train = rows.slice(0, knn.split);
const held = rows.slice(knn.split);
const byId = (out: Row[]) => out.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["prediction"]);

for (const parallelism of [1, 3]) {
  test(`p=${parallelism}: predictions equal scikit-learn's brute-force KNeighborsClassifier for k = 1, 5, 10`, async (t) => {
    for (const c of knn.cases) {
      const e = env(parallelism);
      const out = await new Knn().setK(c.k).fit(table(e, train)).transform(table(e, held))[0]!.executeAndCollect();
      t.deepEqual(byId(out), c.predictions, `k = ${c.k}`);
    }
  });
}

test("hand-computed neighbours: the majority of the k nearest, the smaller label on a tie, the earlier point on equal distances", async (t) => {
  const points: Row[] = [
    { features: new DenseVector(Float64Array.of(0)), label: 7 },
    { features: new DenseVector(Float64Array.of(1)), label: 3 },
    { features: new DenseVector(Float64Array.of(2)), label: 3 },
    { features: new DenseVector(Float64Array.of(10)), label: 7 },
  ];
  const score = async (k: number, x: number) => {
    const e = env(1);
    const [row] = await new Knn().setK(k).fit(table(e, points)).transform(table(e, [{ features: new DenseVector(Float64Array.of(x)) }]))[0]!.executeAndCollect();
    return row!["prediction"];
  };
  t.is(await score(1, 0.2), 7);
  t.is(await score(3, 0.2), 3); // 0 (7), 1 (3), 2 (3)
  t.is(await score(2, 0.5), 3); // a tie between 7 and 3: the smaller label
  t.is(await score(1, 0.5), 7); // 0 and 1 equally far: the earlier training point
  t.is(await score(10, 0), 3); // k beyond the training set: every point votes, 3 and 7 tie
});

test("model data is Flink ML's packed matrix; save/load round trip and servable", async (t) => {
  const e = env(2);
  const [data] = (await new Knn().fit(table(e, train)).getModelData()[0]!.executeAndCollect()) as KnnModelData[];
  t.is(data!.packedFeatures.numRows, 30);
  t.is(data!.packedFeatures.numCols, knn.split);
  const dir = await mkdtemp(join(tmpdir(), "eddy-knn-"));
  try {
    await new Knn().setK(5).fit(table(env(2), train)).save(join(dir, "m"));
    const e1 = env(1);
    const loaded = await KnnModel.load(e1, join(dir, "m"));
    t.is(loaded.getK(), 5);
    const byJob = byId(await loaded.transform(table(e1, held))[0]!.executeAndCollect());
    t.deepEqual(byJob, knn.cases.find((c) => c.k === 5)!.predictions);
    t.deepEqual((await PipelineModelServable.load(join(dir, "m"))).transform(held).map((r) => r["prediction"]), byJob);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  t.throws(() => new Knn().setK(0), { message: /parameter 'k'/ });
});
