// The benchmark's KMeans fit as a job module, so it runs on the worker pool: the points are generated from the seed
// inside the build function (every worker builds the same job) — the same blobs as ml.bench.ts.
import { defineJob } from "../../runtime/index.js";
import { KMeans, type KMeansModelData } from "../../ml/clustering/kmeans.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { blobs } from "./blobs.js";

export interface KMeansBenchArgs {
  readonly points: number;
  readonly dims: number;
  readonly k: number;
  readonly iterations: number;
}

export const kmeansBenchJob = defineJob(import.meta.url, (env, a: KMeansBenchArgs, ctx) => {
  const { points: n, dims: d, k } = a;
  const x = blobs(n, d, k, 42);
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({ features: new DenseVector(x.slice(i * d, (i + 1) * d)) }));
  const centroids = Array.from({ length: k }, (_, c) => new DenseVector(x.slice(c * k * d, (c * k + 1) * d)));
  const init = env.fromCollection<KMeansModelData>([{ centroids, weights: new DenseVector(k) }]);
  const model = new KMeans().setK(k).setMaxIter(a.iterations).setInitialModelData(init).fit(env.fromCollection(rows));
  model.getModelData()[0]!.sinkTo(ctx.collect<KMeansModelData>("model"));
});
