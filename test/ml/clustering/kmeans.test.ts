// KMeans is Flink ML's Lloyd iteration: from the same initial centroids it reaches scikit-learn's
// KMeans(init=…, n_init=1, algorithm="lloyd", tol=0) centroids after maxIter steps, at parallelism 1, 2 and 4, and its
// model labels points as scikit-learn's predict does. Cosine and Manhattan assignment are checked against a numpy Lloyd
// loop (scripts/ml/fixtures_train.py).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import assert from "node:assert/strict";
import fc from "fast-check";
import { KMeans, KMeansModel, type KMeansModelData } from "../../../ml/clustering/kmeans.js";
import { selectRandomCentroids } from "../../../ml/clustering/kmeans/select-random-centroids.js";
import type { DistanceMeasureName } from "../../../ml/common/training-params.js";
import { PipelineModelServable } from "../../../ml/core/servable.js";
import type { Row } from "../../../ml/core/row.js";
import { DenseVector } from "../../../ml/linalg/dense-vector.js";
import { WorkerPool, type StreamExecutionEnvironment } from "../../../runtime/index.js";
import { buildKMeans, kmeansJob, type KMeansJobArgs } from "../fixtures/train/kmeans-job.js";
import { assertProperty } from "../../helpers/property.js";
import { assertClose, env, fixture, table } from "../fixtures/train/fixtures.js";

interface IrisCase { maxIter: number; distanceMeasure: DistanceMeasureName; centroids: number[][]; labels?: number[] }
const iris = fixture<{ data: number[][]; initRows: number[]; cases: IrisCase[] }>("kmeans-iris");
const blobs = fixture<{ data: number[][]; initRows: number[]; maxIter: number; centroids: number[][]; labels: number[] }>("kmeans-blobs");

const rowsOf = (data: number[][]): Row[] => data.map((x, id) => ({ id, features: new DenseVector(Float64Array.from(x)) }));
const irisRows = rowsOf(iris.data);
const blobRows = rowsOf(blobs.data);

function initial(e: StreamExecutionEnvironment, data: number[][], rows: number[]) {
  const centroids = rows.map((r) => new DenseVector(Float64Array.from(data[r]!)));
  return e.fromCollection<KMeansModelData>([{ centroids, weights: new DenseVector(rows.length) }]);
}

async function centroidsOf(model: KMeansModel): Promise<KMeansModelData> {
  const data = (await model.getModelData()[0]!.executeAndCollect()) as KMeansModelData[];
  return data[0]!;
}

function assertCentroids(actual: KMeansModelData, expected: number[][], what: string): void {
  expected.forEach((c, i) => assertClose(actual.centroids[i]!.values, c, 1e-9, `${what} centroid ${i}`));
}

for (const parallelism of [1, 2, 4]) {
  test(`p=${parallelism}: iris from fixed centroids equals scikit-learn's Lloyd steps (1, 2, 5, 20) and the numpy cosine/Manhattan loops`, async (t) => {
    for (const c of iris.cases) {
      const e = env(parallelism);
      const model = new KMeans().setK(3).setMaxIter(c.maxIter).setDistanceMeasure(c.distanceMeasure).setInitialModelData(initial(e, iris.data, iris.initRows)).fit(table(e, irisRows));
      assertCentroids(await centroidsOf(model), c.centroids, `${c.distanceMeasure}, maxIter ${c.maxIter}`);
    }
    t.pass();
  });
}

// why a new environment for each job: the iteration's entries and tails are sinks of the environment that built it,
// so the training job must run in one go with whatever reads its output
test("the model labels points as scikit-learn's predict (iris after 20 steps, 600 blobs in 6 dimensions after 30)", async (t) => {
  const c = iris.cases.find((x) => x.maxIter === 20)!;
  let e = env(2);
  let model = new KMeans().setK(3).setMaxIter(20).setInitialModelData(initial(e, iris.data, iris.initRows)).fit(table(e, irisRows));
  let out = await model.transform(table(e, irisRows))[0]!.executeAndCollect();
  t.deepEqual(out.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["prediction"]), c.labels);

  const blobsModel = (e: StreamExecutionEnvironment) => new KMeans().setK(5).setMaxIter(blobs.maxIter).setInitialModelData(initial(e, blobs.data, blobs.initRows)).fit(table(e, blobRows));
  const data = await centroidsOf(blobsModel(env(4)));
  assertCentroids(data, blobs.centroids, "blobs");
  // weights: the number of points per cluster in the last step
  const counts = [0, 0, 0, 0, 0];
  for (const l of blobs.labels) counts[l]!++;
  t.deepEqual(Array.from(data.weights.values), counts);
  e = env(4);
  model = blobsModel(e);
  out = await model.transform(table(e, blobRows))[0]!.executeAndCollect();
  t.deepEqual(out.sort((a, b) => (a["id"] as number) - (b["id"] as number)).map((r) => r["prediction"]), blobs.labels);
});

test("random init picks k distinct training points by the seed, whatever the partitioning and order of the data", async (t) => {
  const points = blobs.data.slice(0, 60);
  const rows = rowsOf(points);
  const keyOf = (v: ArrayLike<number>) => Array.from(v).join(",");
  const known = new Set(points.map(keyOf));
  const pick = (k: number, seed: number, parts: Row[][]) => {
    const agg = selectRandomCentroids(k, seed, "features");
    const accs = parts.map((part) => part.reduce((acc, row) => agg.add(acc, row), agg.createAccumulator()));
    const [c] = agg.result(accs.reduce((a, b) => agg.merge(a, b), agg.createAccumulator()));
    return Array.from({ length: c!.k }, (_, i) => keyOf(c!.values.subarray(i * c!.dim, (i + 1) * c!.dim)));
  };
  await assertProperty(
    t,
    fc.asyncProperty(fc.integer({ min: 2, max: 8 }), fc.integer(), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }), async (k, seed, owners) => {
      const whole = pick(k, seed, [rows]);
      assert.strictEqual(new Set(whole).size, k, "k distinct points");
      for (const p of whole) assert.ok(known.has(p), "a training point");
      const parts: Row[][] = [[], [], [], []];
      rows.forEach((r, i) => parts[owners[i]!]!.unshift(r));
      assert.deepStrictEqual(pick(k, seed, parts), whole, "the same points from any partitioning and order");
    }),
    { numRuns: 50, file: import.meta.url },
  );
  t.notDeepEqual(pick(3, 1, [rows]), pick(3, 2, [rows]), "another seed, other points");
});

test("random init trains the same model at parallelism 1, 2 and 4", async (t) => {
  const fit = (p: number) => centroidsOf(new KMeans().setK(4).setSeed(7).setMaxIter(10).fit(table(env(p), blobRows)));
  const one = await fit(1);
  for (const p of [2, 4]) {
    const other = await fit(p);
    one.centroids.forEach((c, i) => assertClose(other.centroids[i]!.values, c.values, 1e-9, `p=${p} centroid ${i}`));
  }
  t.is(one.centroids.length, 4);
});

test("save/load keeps params and centroids; the servable predicts as the job", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "eddy-kmeans-"));
  try {
    const e = env(2);
    await new KMeans().setK(3).setMaxIter(5).setPredictionCol("cluster").setDistanceMeasure("manhattan").setInitialModelData(initial(e, iris.data, iris.initRows)).fit(table(e, irisRows)).save(join(dir, "m"));
    const e1 = env(1);
    const loaded = await KMeansModel.load(e1, join(dir, "m"));
    t.is(loaded.getDistanceMeasure(), "manhattan");
    const byJob = (await loaded.transform(table(e1, irisRows))[0]!.executeAndCollect()).sort((a, b) => (a["id"] as number) - (b["id"] as number));
    const byServable = (await PipelineModelServable.load(join(dir, "m"))).transform(irisRows);
    t.deepEqual(byServable.map((r) => r["cluster"]), byJob.map((r) => r["cluster"]));
    t.deepEqual(new Set(byJob.map((r) => r["cluster"])), new Set([0, 1, 2]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

test("on 2 workers of the pool at parallelism 1 and 2: the centroids of the in-thread run (vectors cross workers as plain objects)", async (t) => {
  const args: KMeansJobArgs = { points: 3000, dims: 6, k: 4, iterations: 6, seed: 9 };
  const [local] = await buildKMeans(env(1), args).executeAndCollect();
  for (const parallelism of [1, 2]) {
    const { collected, result } = await kmeansJob.run(args, { workers: 2, configure: (e) => e.setParallelism(parallelism) });
    t.is(result.metrics.workers?.length, 2, "the job ran on the pool");
    const [model] = (collected["model"] ?? []) as KMeansModelData[];
    local!.centroids.forEach((c, i) => assertClose(model!.centroids[i]!.values, c.values, 1e-9, `p=${parallelism} centroid ${i}`));
  }
});

test("invalid params are refused when set", (t) => {
  t.throws(() => new KMeans().setK(1), { message: /parameter 'k'.*> 1/ });
  t.throws(() => new KMeans().setDistanceMeasure("chebyshev" as DistanceMeasureName), { message: /distanceMeasure.*one of "euclidean", "manhattan", "cosine"/ });
  t.throws(() => new KMeans().setInitMode("k-means||"), { message: /initMode/ });
  t.throws(() => new KMeans().setMaxIter(0), { message: /maxIter/ });
});
