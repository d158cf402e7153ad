// LogisticRegression trained by SGD: samples per CPU second over whole epochs — Eddy's job in the calling thread
// (parallelism 1; globalBatchSize = n, so each superstep is one epoch over every cached row) next to scikit-learn's
// SGDClassifier(loss='log_loss') on the same points (one sample per update, single-threaded).
import { StreamExecutionEnvironment } from "../../runtime/index.js";
import { LogisticRegression, type LogisticRegressionModelData } from "../../ml/classification/logistic-regression.js";
import type { Row } from "../../ml/core/row.js";
import { DenseVector } from "../../ml/linalg/dense-vector.js";
import { blobs } from "./blobs.js";
import { cpuSecondsAsync } from "./cpu.js";
import { runSklearn } from "./sklearn.js";

export interface SgdBenchOptions {
  readonly samples: number;
  readonly dims: number;
  readonly epochs: number;
}

async function eddyFit(rows: Row[], epochs: number, batch: number): Promise<Float64Array> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const model = new LogisticRegression().setMaxIter(epochs).setGlobalBatchSize(batch).setLearningRate(0.1).setTol(1e-300).fit(env.fromCollection(rows));
  const [data] = (await model.getModelData()[0]!.executeAndCollect()) as LogisticRegressionModelData[];
  return data!.coefficient.values;
}

export async function runSgdBench(o: SgdBenchOptions): Promise<Record<string, unknown>> {
  const { samples: n, dims: d, epochs } = o;
  const x = blobs(n, d, 2, 7);
  // labels: which side of a fixed hyperplane (through the origin: the models have no intercept), so both learn
  const w = Float64Array.from({ length: d }, (_, j) => Math.cos(j + 1));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += w[j]! * x[i * d + j]!;
    y[i] = s > 0 ? 1 : 0;
  }
  const rowsOf = (m: number): Row[] => Array.from({ length: m }, (_, i) => ({ features: new DenseVector(x.slice(i * d, (i + 1) * d)), label: y[i]! }));
  await eddyFit(rowsOf(Math.min(n, 5000)), 2, Math.min(n, 5000)); // warm-up
  const rows = rowsOf(n);
  const eddy = await cpuSecondsAsync(() => eddyFit(rows, epochs, n));
  const miniBatch = await cpuSecondsAsync(() => eddyFit(rows, Math.max(1, Math.floor(n / 1000)), 1000)); // one epoch of 1000-row batches
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += eddy.value[j]! * x[i * d + j]!;
    if ((s >= 0 ? 1 : 0) === y[i]) correct++;
  }
  const sk = runSklearn<{ seconds: number; epochs: number; accuracy: number }>("sklearn_sgd.py", [x, y], [n, d, epochs]);
  const eddyRate = (n * epochs) / eddy.seconds;
  return {
    samples: n, dims: d, epochs,
    eddy: { seconds: eddy.seconds, samplesPerSecond: eddyRate, trainingAccuracy: correct / n, globalBatchSize: n },
    eddyMiniBatches: { seconds: miniBatch.seconds, samplesPerSecond: (Math.floor(n / 1000) * 1000) / miniBatch.seconds, globalBatchSize: 1000, note: "one epoch as n/1000 supersteps: the per-superstep cost of the iteration" },
    sklearn: "error" in sk ? sk : { ...sk, samplesPerSecond: (n * sk.epochs) / sk.seconds, eddyRatio: eddyRate / ((n * sk.epochs) / sk.seconds) },
  };
}
