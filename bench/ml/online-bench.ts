// Online learners on a long stream: OnlineLogisticRegression and OnlineKMeans (k = 10) train on `events` generated
// events of 10 dense features (globalBatchSize 1000) with a checkpoint every 500 ms, in the calling thread (parallelism
// 1). Reports events per wall and per CPU second, and the heap (after a GC when --expose-gc is on) sampled at tenths of
// the stream: flat memory means the last samples stay near the first ones.
//   EDDY_ML_ONLINE_EVENTS=100000000 npx tsx --expose-gc bench/ml/ml.bench.ts --only online   (the 100 M-event run;
//   EDDY_ML_ONLINE_LEARNER=OnlineLogisticRegression or OnlineKMeans runs one learner)
import { GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../runtime/index.js";
import { OnlineKMeans } from "../../ml/online/online-kmeans.js";
import { OnlineLogisticRegression } from "../../ml/online/online-logistic-regression.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { blobs } from "./blobs.js";

export interface OnlineBenchOptions {
  readonly events: number;
}

const DIMS = 10;
const BATCH = 1000;
/** Distinct feature arrays the events cycle through (each event is still a fresh row and vector object). */
const POOL = 1 << 16;

interface HeapSample {
  readonly events: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

async function runLearner(name: "OnlineLogisticRegression" | "OnlineKMeans", events: number): Promise<Record<string, unknown>> {
  const x = blobs(POOL, DIMS, 10, 3);
  const features = Array.from({ length: POOL }, (_, i) => x.subarray(i * DIMS, (i + 1) * DIMS));
  const labels = Float64Array.from({ length: POOL }, (_, i) => (x[i * DIMS]! + x[i * DIMS + 1]! > 0 ? 1 : 0));
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1).enableCheckpointing(500);
  const source = new GeneratorSource<Row>((i) => ({ features: new DenseVector(features[i & (POOL - 1)]!), label: labels[i & (POOL - 1)]! }), events);
  const stream = env.fromSource(source, WatermarkStrategy.noWatermarks<Row>(), "events");
  const model =
    name === "OnlineLogisticRegression"
      ? new OnlineLogisticRegression().setGlobalBatchSize(BATCH).setInitialModelData(env.fromCollection([{ coefficient: new DenseVector(DIMS) }])).fit(stream)
      : new OnlineKMeans().setK(10).setGlobalBatchSize(BATCH).setInitialModelData(env.fromCollection([{ centroids: features.slice(0, 10).map((f) => new DenseVector(f.slice())), weights: new DenseVector(10) }])).fit(stream);
  const samples: HeapSample[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  let versions = 0;
  const every = Math.max(1, Math.floor(events / BATCH / 10));
  model.getModelData()[0]!.sinkTo(() => {
    versions++;
    if (versions % every === 0) {
      gc?.();
      const m = process.memoryUsage();
      samples.push({ events: versions * BATCH, heapUsedMB: Math.round(m.heapUsed / 1e5) / 10, rssMB: Math.round(m.rss / 1e5) / 10 });
    }
  }, "versions");
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const result = await env.execute(`${name} bench`);
  const wall = (performance.now() - began) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const completedCheckpoints = result.metrics.checkpoints?.completed;
  return {
    events, versions, wallSeconds: wall, cpuSeconds,
    eventsPerWallSecond: events / wall, eventsPerCpuSecond: events / cpuSeconds,
    completedCheckpoints: completedCheckpoints ?? "not reported",
    heap: samples, gcBeforeSamples: gc !== undefined,
  };
}

export async function runOnlineBench(o: OnlineBenchOptions): Promise<Record<string, unknown>> {
  // why an env var for one learner: the 100 M-event run takes minutes per learner on the shared machine
  const only = process.env["EDDY_ML_ONLINE_LEARNER"];
  const result: Record<string, unknown> = { dims: DIMS, globalBatchSize: BATCH, checkpointIntervalMs: 500 };
  if (only === undefined || only === "OnlineLogisticRegression") result["onlineLogisticRegression"] = await runLearner("OnlineLogisticRegression", o.events);
  if (only === undefined || only === "OnlineKMeans") result["onlineKMeans"] = await runLearner("OnlineKMeans", o.events);
  return result;
}
