// The benchmark's KMeans fit as a job module, so it runs on the worker pool. The points come from a parallel source
// (a GeneratorSource: subtask s of p makes points s, s+p, … from the seed, in its own worker), so no worker builds the
// whole data set, and the points stay in the worker that made them (KMeans caches them where they were read; only the
// centroids and the per-cluster sums cross workers).
import { defineJob, GeneratorSource, WatermarkStrategy } from "../../runtime/index.js";
import { KMeans, type KMeansModelData } from "../../ml/clustering/kmeans.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { blobPoint } from "./blobs.js";

export interface KMeansBenchArgs {
  readonly points: number;
  readonly dims: number;
  readonly k: number;
  readonly iterations: number;
}

export const SEED = 42;
const POINTS_PER_BLOCK = 256;

/** Points 0, k, 2k, …: all from the first blob, so Lloyd needs every one of its steps (none converges early). */
export function initialCentroids(d: number, k: number): DenseVector[] {
  return Array.from({ length: k }, (_, c) => {
    const v = new Float64Array(d);
    blobPoint(c * k, d, k, SEED, v);
    return new DenseVector(v);
  });
}

export const kmeansBenchJob = defineJob(import.meta.url, (env, a: KMeansBenchArgs, ctx) => {
  const { points: n, dims: d, k } = a;
  // why blocks of points: one typed array (and its external backing store) per point cost the source more than its copy;
  // each vector is a view of 256 points' block (vectors are never changed in place, and the Lloyd operator copies them)
  let block = new Float64Array(0);
  let used = POINTS_PER_BLOCK;
  const source = new GeneratorSource<Row>((i) => {
    if (used === POINTS_PER_BLOCK) {
      block = new Float64Array(POINTS_PER_BLOCK * d);
      used = 0;
    }
    const v = block.subarray(used * d, (used + 1) * d);
    used++;
    blobPoint(i, d, k, SEED, v);
    return { features: new DenseVector(v) };
  }, n);
  const rows = env.fromSource(source, WatermarkStrategy.noWatermarks<Row>(), "blobs");
  const init = env.fromCollection<KMeansModelData>([{ centroids: initialCentroids(d, k), weights: new DenseVector(k) }]);
  const model = new KMeans().setK(k).setMaxIter(a.iterations).setInitialModelData(init).fit(rows);
  model.getModelData()[0]!.sinkTo(ctx.collect<KMeansModelData>("model"));
});
