// The ml benchmarks (issue 14), side by side in one run, each as ratios to its scikit-learn baseline:
//   kmeans  KMeans fit, 1 000 000 × 100 dense points, k = 10, 10 Lloyd steps, fixed init (bench/ml/kmeans-bench.ts):
//           multiply-adds per CPU second vs scikit-learn single-threaded; goals ≥ 0.5× in one thread, ≥ 1× on 2 workers
//   sgd     LogisticRegression by SGD, samples per CPU second per epoch vs SGDClassifier(loss='log_loss'); goal ≥ 1×
//   online  OnlineLogisticRegression and OnlineKMeans, events per second with checkpoints on and the heap over the
//           stream; goals ≥ 1 M events/s per core and flat memory over 100 M events (EDDY_ML_ONLINE_EVENTS=100000000)
// Results go to bench/results/ml.json (ml-<family>.json with --only; -quick with --quick, not committed).
//   npm run bench -- ml [--quick]          npx tsx --expose-gc bench/ml/ml.bench.ts [--quick] [--only kmeans|sgd|online]
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { saveResult } from "../harness.js";
import { runKMeansBench } from "./kmeans-bench.js";
import { runOnlineBench } from "./online-bench.js";
import { runSgdBench } from "./sgd-bench.js";

export interface MlBenchOptions {
  readonly points?: number;
  readonly dims?: number;
  readonly k?: number;
  readonly iterations?: number;
  readonly quick?: boolean;
  /** One family only: "kmeans", "sgd" or "online". */
  readonly only?: string;
  /** Events of the online run (default 2 M, --quick 500 k; EDDY_ML_ONLINE_EVENTS overrides). */
  readonly events?: number;
}

export async function runMl(options: MlBenchOptions = {}): Promise<Record<string, unknown>> {
  const quick = options.quick === true;
  const wants = (family: string) => options.only === undefined || options.only === family;
  const load = loadavg()[0]!;
  const result: Record<string, unknown> = {};
  if (wants("kmeans")) {
    result["kmeans"] = await runKMeansBench({
      points: options.points ?? (quick ? 100_000 : 1_000_000), dims: options.dims ?? 100, k: options.k ?? 10, iterations: options.iterations ?? 10,
      skipScalar: false,
    });
    console.log(JSON.stringify({ kmeans: result["kmeans"] }, null, 2));
  }
  if (wants("sgd")) {
    result["sgd"] = await runSgdBench({ samples: quick ? 50_000 : 200_000, dims: 20, epochs: 10 });
    console.log(JSON.stringify({ sgd: result["sgd"] }, null, 2));
  }
  if (wants("online")) {
    const env = process.env["EDDY_ML_ONLINE_EVENTS"];
    const events = env !== undefined ? Number(env) : (options.events ?? (quick ? 500_000 : 2_000_000));
    result["online"] = await runOnlineBench({ events });
    console.log(JSON.stringify({ online: result["online"] }, null, 2));
  }
  result["loadAverage"] = { before: load, after: loadavg()[0]! };
  const name = `ml${options.only !== undefined ? `-${options.only}` : ""}${quick ? "-quick" : ""}`;
  console.log(`saved ${saveResult(name, result)}`);
  return result;
}

// why: `npx tsx bench/ml/ml.bench.ts` runs it on its own too
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv.indexOf("--only");
  await runMl({ quick: process.argv.includes("--quick"), ...(only >= 0 ? { only: process.argv[only + 1]! } : {}) });
}
