// ml stages give the same answers at every worker count: one pipeline (StandardScaler fitted, KMeansModel and
// LogisticRegressionModel applied, OnlineLogisticRegression trained) at parallelism 2 in one thread and on 2 workers of
// the pool — where rows, model data and mini-batches cross workers in ml's vector codec — gives the same rows and
// models, with every vector still a DenseVector where it arrives. Without the codec the KMeansModel fails on 2 workers
// (its model data's centroids arrive as plain objects without size()). Iterative fits (KMeans, full-batch
// LogisticRegression) give the same models too. Numbers are compared to 1e-9 (sums over
// subtasks may meet in another order); integers, labels, clusters, keys and classes must be equal.
import test from "ava";
import { WorkerPool } from "../../../runtime/index.js";
import { fitJob } from "../fixtures/workers/fit-job.js";
import { pipelineJob, type PipelineJobArgs } from "../fixtures/workers/pipeline-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

/** Deep equality with numbers within 1e-9 (relative above 1): the path of the first difference, or null. */
function difference(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) || (Number.isNaN(a) && Number.isNaN(b)) ? null : `${path}: ${a} vs ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join()} vs ${kb.join()}`;
    for (const k of ka) {
      const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
}

const byId = (rows: readonly unknown[]) => [...rows].sort((a, b) => (a as { id: number }).id - (b as { id: number }).id);
const byVersion = (rows: readonly unknown[]) => [...rows].sort((a, b) => (a as { modelVersion: number }).modelVersion - (b as { modelVersion: number }).modelVersion);

async function run(workers: number, args: PipelineJobArgs) {
  const { collected, result } = await pipelineJob.run(args, { workers, configure: (e) => e.setParallelism(2) });
  return { workers: result.metrics.workers?.length ?? 1, rows: byId(collected["rows"]!), scaler: collected["scaler"]!, online: byVersion(collected["online"]!) };
}

test("1 and 2 workers: the same scored rows, scaler model and online model versions, vectors kept as DenseVector", async (t) => {
  const args: PipelineJobArgs = { rows: 400, sourceCodec: true };
  const one = await run(1, args);
  const two = await run(2, args);
  t.is(two.workers, 2, "the second run used two workers");
  t.is(one.rows.length, 400);
  t.is(one.online.length, 10, "400 rows in global batches of 40");
  t.is(difference(two.rows, one.rows), null);
  t.is(difference(two.scaler, one.scaler), null);
  t.is(difference(two.online, one.online), null);
  // the canonical form names a vector that arrived as a plain object: none did, in any column
  t.false(JSON.stringify(two).includes('"plain"'), "no vector lost its class");
  const first = one.rows[0] as Record<string, unknown>;
  t.deepEqual(Object.keys(first).sort(), ["cluster", "features", "id", "label", "prediction", "rawPrediction", "scaled"]);
  t.true("DenseVector" in (first["scaled"] as object));
  // the answers are not trivial: rows spread over the three clusters and both predictions
  const distinct = (key: string) => [...new Set(one.rows.map((r) => (r as Record<string, number>)[key]!))].sort();
  t.deepEqual(distinct("cluster"), [0, 1, 2]);
  t.deepEqual(distinct("prediction"), [0, 1]);
});

test("without the codec on the job's own source edge the answers are still the same (stages revive plain vectors)", async (t) => {
  const one = await run(1, { rows: 200, sourceCodec: false });
  const two = await run(2, { rows: 200, sourceCodec: false });
  const strip = (rows: readonly unknown[]) => rows.map((r) => ({ ...(r as Record<string, unknown>), features: null }));
  t.is(difference(strip(two.rows), strip(one.rows)), null);
  t.is(difference(two.scaler, one.scaler), null);
  t.is(difference(two.online, one.online), null);
});

test("1 and 2 workers: the same KMeans and full-batch LogisticRegression models, fitted through iterations", async (t) => {
  // why three runs on the pool: a superstep 0 that ended before the other worker's rows arrived showed in some runs only
  const fit = async (workers: number) => {
    const { collected, result } = await fitJob.run({ rows: 117 }, { workers, configure: (e) => e.setParallelism(2) });
    return { workers: result.metrics.workers?.length ?? 1, kmeans: collected["kmeans"]!, logistic: collected["logistic"]! };
  };
  const one = await fit(1);
  t.is(one.kmeans.length, 1);
  t.is(one.logistic.length, 1);
  const kmeans = one.kmeans[0] as { centroids: unknown[]; weights: { DenseVector: number[] } };
  t.is(kmeans.centroids.length, 3);
  // every training row is in exactly one cluster of the last step
  t.is(kmeans.weights.DenseVector.reduce((a, b) => a + b, 0), 117);
  // the label is 1 where a + 0.5 b > 0.2: the first coefficient must come out positive and the largest
  const [a, b] = (one.logistic[0] as { coefficient: number[] }).coefficient;
  t.true(a! > 0 && a! > Math.abs(b!), `coefficient ${a}, ${b}`);
  for (let run = 0; run < 3; run++) {
    const two = await fit(2);
    t.is(two.workers, 2, "the run used two workers");
    t.is(difference(two.kmeans, one.kmeans), null, `KMeans, run ${run}`);
    t.is(difference(two.logistic, one.logistic), null, `LogisticRegression, run ${run}`);
  }
});
