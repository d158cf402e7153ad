// KMeans fit: Lloyd steps on n seeded points (Gaussian blobs) of d dimensions, k centroids (the first k points), a
// fixed number of iterations — Eddy's KMeans (a whole job: source, caching, the iteration; parallelism 1 in the
// calling thread) next to a hand-written Lloyd loop on Float64Arrays with the same distance kernel, in this process,
// and scikit-learn's KMeans(algorithm="lloyd") single-threaded on the same points. Rates are multiply-adds per CPU
// second (n · k · d per step); then the same job on 2 workers of the pool at parallelism 1 and 2 (wall time, the ratio
// p=2 / p=1). Results go to bench/results/ml.json (ml-quick.json with --quick).
//   npm run bench -- ml [--quick] [--points 100000] [--dims 100]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { StreamExecutionEnvironment } from "../../runtime/index.js";
import { KMeans, type KMeansModelData } from "../../ml/clustering/kmeans.js";
import { distanceMeasure, rowNorms } from "../../ml/common/distance/distance-measure.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { WorkerPool } from "../../runtime/index.js";
import { saveResult } from "../harness.js";
import { blobs } from "./blobs.js";
import { kmeansBenchJob } from "./kmeans-job.js";

export interface MlBenchOptions {
  readonly points?: number;
  readonly dims?: number;
  readonly k?: number;
  readonly iterations?: number;
  readonly quick?: boolean;
}

/** Points 0, k, 2k, …: all from the first blob, so Lloyd needs every one of its steps (none converges early). */
function initialCentroids(x: Float64Array, d: number, k: number): Float64Array {
  const c = new Float64Array(k * d);
  for (let i = 0; i < k; i++) c.set(x.subarray(i * k * d, (i * k + 1) * d), i * d);
  return c;
}

/** The ceiling: Lloyd steps in one tight loop over the flat points, with the engine's Euclidean kernel. */
function handLoop(x: Float64Array, n: number, d: number, k: number, iterations: number): Float64Array {
  const euclidean = distanceMeasure("euclidean");
  const norms = rowNorms(x, n, d);
  let centroids = initialCentroids(x, d, k);
  for (let it = 0; it < iterations; it++) {
    const cNorms = rowNorms(centroids, k, d);
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = euclidean.findClosest(centroids, cNorms, k, x, i * d, norms[i]!, d);
      for (let j = 0; j < d; j++) sums[c * d + j]! += x[i * d + j]!;
      counts[c]!++;
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] = counts[c]! === 0 ? centroids[c * d + j]! : sums[c * d + j]! / counts[c]!;
    centroids = sums;
  }
  return centroids;
}

function cpuSeconds<T>(body: () => T): { seconds: number; value: T } {
  const before = process.cpuUsage();
  const value = body();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}

async function cpuSecondsAsync<T>(body: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const before = process.cpuUsage();
  const value = await body();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}

function rowsOf(x: Float64Array, n: number, d: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ features: new DenseVector(x.slice(i * d, (i + 1) * d)) }));
}

async function eddyFit(x: Float64Array, rows: Row[], d: number, k: number, iterations: number): Promise<Float64Array> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const init = env.fromCollection<KMeansModelData>([{ centroids: Array.from({ length: k }, (_, c) => new DenseVector(x.slice(c * k * d, (c * k + 1) * d))), weights: new DenseVector(k) }]);
  const model = new KMeans().setK(k).setMaxIter(iterations).setInitialModelData(init).fit(env.fromCollection(rows));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as KMeansModelData[];
  const out = new Float64Array(k * d);
  data!.centroids.forEach((c, i) => out.set(c.values, i * d));
  return out;
}

function sklearn(x: Float64Array, n: number, d: number, k: number, iterations: number): { seconds: number; iterations: number } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), "eddy-ml-bench-"));
  try {
    const file = join(dir, "points.f64");
    writeFileSync(file, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
    const script = fileURLToPath(new URL("./sklearn_kmeans.py", import.meta.url));
    const run = spawnSync("/usr/bin/python3", [script, file, String(n), String(d), String(k), String(iterations)], {
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
      encoding: "utf8",
    });
    if (run.status !== 0) return { error: run.stderr.slice(-400) };
    return JSON.parse(run.stdout.trim().split("\n").pop()!) as { seconds: number; iterations: number };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runMl(options: MlBenchOptions = {}): Promise<Record<string, unknown>> {
  const quick = options.quick === true;
  const n = options.points ?? (quick ? 20_000 : 100_000);
  const d = options.dims ?? 100;
  const k = options.k ?? 10;
  const iterations = options.iterations ?? 10;
  const macs = n * k * d * iterations;
  const load = loadavg()[0]!;
  const x = blobs(n, d, k, 42);
  handLoop(x, Math.min(n, 5000), d, k, 2); // warm-up
  const hand = cpuSeconds(() => handLoop(x, n, d, k, iterations));
  await eddyFit(x, rowsOf(x, Math.min(n, 5000), d), d, k, 2); // warm-up
  const rows = rowsOf(x, n, d);
  const eddy = await cpuSecondsAsync(() => eddyFit(x, rows, d, k, iterations));
  let maxDiff = 0;
  for (let i = 0; i < eddy.value.length; i++) maxDiff = Math.max(maxDiff, Math.abs(eddy.value[i]! - hand.value[i]!));
  const sk = sklearn(x, n, d, k, iterations);
  // the pool: wall seconds (its workers are other threads), parallelism 1 and 2 on 2 workers, after one warm-up run
  const poolRun = async (parallelism: number) => {
    const began = performance.now();
    await kmeansBenchJob.run({ points: n, dims: d, k, iterations }, { workers: 2, configure: (e) => e.setParallelism(parallelism) });
    return (performance.now() - began) / 1000;
  };
  await poolRun(2);
  const pool1 = await poolRun(1);
  const pool2 = await poolRun(2);
  await WorkerPool.shared().shutdown();
  const rate = (seconds: number, steps = iterations) => (n * k * d * steps) / seconds;
  const result = {
    points: n, dims: d, k, iterations, multiplyAdds: macs,
    handLoop: { seconds: hand.seconds, multiplyAddsPerSecond: rate(hand.seconds) },
    eddy: { seconds: eddy.seconds, multiplyAddsPerSecond: rate(eddy.seconds), ratioToHandLoop: hand.seconds / eddy.seconds, maxAbsDifferenceToHandLoop: maxDiff },
    sklearn: "error" in sk ? sk : { ...sk, multiplyAddsPerSecond: rate(sk.seconds, sk.iterations), eddyRatio: rate(eddy.seconds) / rate(sk.seconds, sk.iterations) },
    pool: { wallSecondsP1: pool1, wallSecondsP2: pool2, speedupP2: pool1 / pool2, note: "wall time on 2 workers, the points generated in the job included" },
    loadAverage: { before: load, after: loadavg()[0]! },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`saved ${saveResult(quick ? "ml-quick" : "ml", result)}`);
  return result;
}

// why: `npx tsx bench/ml/ml.bench.ts` runs it on its own too
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runMl({ quick: process.argv.includes("--quick") });
}
