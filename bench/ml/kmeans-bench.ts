// KMeans fit: Lloyd steps on n seeded points (Gaussian blobs) of d dimensions, k centroids (points 0, k, 2k, …), a
// fixed number of steps. Side by side in one run: the scalar JavaScript loop (findClosest, the pre-SIMD kernel and the
// one models predict with), the WebAssembly SIMD kernel in a bare loop (the ceiling), Eddy's KMeans job in the calling
// thread (parallelism 1: source, caching, the iteration), scikit-learn's Lloyd KMeans single-threaded, and the job on
// 2 workers of the pool at parallelism 1 and 2 (points from a parallel source). Rates are multiply-adds (n · k · d per
// step) per CPU second, the pool's per wall second.
import { StreamExecutionEnvironment, WorkerPool } from "../../runtime/index.js";
import { KMeans, type KMeansModelData } from "../../ml/clustering/kmeans.js";
import { distanceMeasure, rowNorms } from "../../ml/common/distance/distance-measure.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { LloydKernel } from "../../ml/linalg/kernels/lloyd-kernel.js";
import { blobs } from "./blobs.js";
import { cpuSeconds, cpuSecondsAsync } from "./cpu.js";
import { initialCentroids, kmeansBenchJob, SEED } from "./kmeans-job.js";
import { runSklearn } from "./sklearn.js";

export interface KMeansBenchOptions {
  readonly points: number;
  readonly dims: number;
  readonly k: number;
  readonly iterations: number;
  /** Skip the scalar loop (it takes ten times the SIMD kernel's time). */
  readonly skipScalar?: boolean;
}

function flatCentroids(d: number, k: number): Float64Array {
  const c = new Float64Array(k * d);
  initialCentroids(d, k).forEach((v, i) => c.set(v.values, i * d));
  return c;
}

/** Divides sums by counts; an empty cluster keeps its centroid (as the merger does). */
function means(sums: Float64Array, counts: Float64Array, previous: Float64Array, d: number, k: number): Float64Array {
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] = counts[c]! === 0 ? previous[c * d + j]! : sums[c * d + j]! / counts[c]!;
  return sums;
}

/** The scalar loop: findClosest per point over the flat points, then the per-cluster sums. */
function scalarLoop(x: Float64Array, n: number, d: number, k: number, iterations: number): Float64Array {
  const euclidean = distanceMeasure("euclidean");
  const norms = rowNorms(x, n, d);
  let centroids = flatCentroids(d, k);
  for (let it = 0; it < iterations; it++) {
    const cNorms = rowNorms(centroids, k, d);
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = euclidean.findClosest(centroids, cNorms, k, x, i * d, norms[i]!, d);
      for (let j = 0; j < d; j++) sums[c * d + j]! += x[i * d + j]!;
      counts[c]!++;
    }
    centroids = means(sums, counts, centroids, d, k);
  }
  return centroids;
}

/** The SIMD kernel in a bare loop (points copied in first, as the job's operator does while caching). */
function kernelLoop(x: Float64Array, n: number, d: number, k: number, iterations: number): Float64Array {
  const kernel = new LloydKernel(d);
  for (let i = 0; i < n; i++) kernel.add(x, i * d);
  let centroids = flatCentroids(d, k);
  for (let it = 0; it < iterations; it++) {
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    kernel.step(centroids, rowNorms(centroids, k, d), k, sums, counts);
    centroids = means(sums, counts, centroids, d, k);
  }
  return centroids;
}

async function eddyFit(rows: Row[], d: number, k: number, iterations: number): Promise<Float64Array> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const init = env.fromCollection<KMeansModelData>([{ centroids: initialCentroids(d, k), weights: new DenseVector(k) }]);
  const model = new KMeans().setK(k).setMaxIter(iterations).setInitialModelData(init).fit(env.fromCollection(rows));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as KMeansModelData[];
  const out = new Float64Array(k * d);
  data!.centroids.forEach((c, i) => out.set(c.values, i * d));
  return out;
}

const maxDifference = (a: Float64Array, b: Float64Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

export async function runKMeansBench(o: KMeansBenchOptions): Promise<Record<string, unknown>> {
  const { points: n, dims: d, k, iterations } = o;
  const rate = (seconds: number, steps = iterations) => (n * k * d * steps) / seconds;
  const x = blobs(n, d, k, SEED);
  // 1. the loops in this thread (warm-ups on a slice)
  kernelLoop(x, Math.min(n, 5000), d, k, 2);
  const kernel = cpuSeconds(() => kernelLoop(x, n, d, k, iterations));
  let scalar: { seconds: number; value: Float64Array } | null = null;
  if (o.skipScalar !== true) {
    scalarLoop(x, Math.min(n, 5000), d, k, 2);
    scalar = cpuSeconds(() => scalarLoop(x, n, d, k, iterations));
  }
  // 2. Eddy's job in this thread
  const rowsOf = (m: number): Row[] => Array.from({ length: m }, (_, i) => ({ features: new DenseVector(x.slice(i * d, (i + 1) * d)) }));
  await eddyFit(rowsOf(Math.min(n, 5000)), d, k, 2);
  let rows: Row[] | null = rowsOf(n);
  const eddy = await cpuSecondsAsync(() => eddyFit(rows!, d, k, iterations));
  rows = null;
  // 3. scikit-learn
  const sk = runSklearn<{ seconds: number; iterations: number }>("sklearn_kmeans.py", [x], [n, d, k, iterations]);
  // 4. the pool: wall seconds (its workers are other threads), after one warm-up run
  // (and the process's CPU seconds, the workers' included: what the run cost, whatever the machine's load left it)
  const poolRun = async (parallelism: number) => {
    const began = performance.now();
    const { seconds } = await cpuSecondsAsync(() => kmeansBenchJob.run({ points: n, dims: d, k, iterations }, { workers: 2, configure: (e) => e.setParallelism(parallelism) }));
    return { wall: (performance.now() - began) / 1000, cpu: seconds };
  };
  await kmeansBenchJob.run({ points: Math.min(n, 20_000), dims: d, k, iterations: 2 }, { workers: 2, configure: (e) => e.setParallelism(2) });
  const { wall: pool1, cpu: pool1Cpu } = await poolRun(1);
  const { wall: pool2, cpu: pool2Cpu } = await poolRun(2);
  await WorkerPool.shared().shutdown();
  const skRate = "error" in sk ? null : rate(sk.seconds, sk.iterations);
  return {
    points: n, dims: d, k, iterations, multiplyAdds: n * k * d * iterations,
    scalarLoop: scalar === null ? "skipped" : { seconds: scalar.seconds, multiplyAddsPerSecond: rate(scalar.seconds), maxAbsDifferenceToKernel: maxDifference(scalar.value, kernel.value) },
    kernelLoop: { simd: new LloydKernel(d).simd, seconds: kernel.seconds, multiplyAddsPerSecond: rate(kernel.seconds) },
    eddy: { seconds: eddy.seconds, multiplyAddsPerSecond: rate(eddy.seconds), ratioToKernelLoop: kernel.seconds / eddy.seconds, maxAbsDifferenceToKernel: maxDifference(eddy.value, kernel.value) },
    sklearn: "error" in sk ? sk : { ...sk, multiplyAddsPerSecond: skRate, eddyRatio: rate(eddy.seconds) / skRate!, kernelLoopRatio: rate(kernel.seconds) / skRate! },
    pool: {
      wallSecondsP1: pool1, wallSecondsP2: pool2, speedupP2: pool1 / pool2,
      multiplyAddsPerWallSecondP2: rate(pool2), ratioToSklearnP2: skRate === null ? null : rate(pool2) / skRate,
      cpuSecondsP1: pool1Cpu, cpuSecondsP2: pool2Cpu,
      note: "wall time on 2 workers, points made by a parallel source in the job (inside the timing); CPU seconds of the whole process, both workers included",
    },
  };
}
