// `predict model("…")` throughput: a compiled .flow job that scores 8-feature records with a saved
// LogisticRegressionModel (fused and --no-fuse, bundled as `eddy compile` does), against the ceiling — a plain loop that
// does the same per-record work with the servable and no engine (vector in, transformRow, vector out) — and the same job
// with an `extend` in place of `predict` (the engine's own cost: source, exchange to the sink, sink).
//   npx tsx bench/ml/predict.bench.ts [records] [--quick]   (--quick: results go to predict-quick.json)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { compile } from "../../compiler/compile.js";
import { vectorToArray } from "../../runtime/support/predict-function.js";
import { DenseVector, LogisticRegression, PipelineModelServable, Vectors, type Row } from "../../ml/index.js";
import { StreamExecutionEnvironment } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Point { id: number; features: number[]; ts: number }
const quick = process.argv.includes("--quick");
const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? (quick ? 100_000 : 500_000));
const DIM = 8;
const points: Point[] = Array.from({ length: N }, (_, i) => ({ id: i, features: Array.from({ length: DIM }, (_, d) => ((i * (d + 3)) % 17) / 17 - 0.5), ts: i }));

const dir = mkdtempSync(join(tmpdir(), "eddy-predict-bench-"));
const train: Row[] = points.slice(0, 200).map((p) => ({ features: Vectors.dense(...p.features), label: p.features[0]! > p.features[1]! ? 1 : 0 }));
const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
await new LogisticRegression().setMaxIter(20).fit(env.fromCollection(train)).save(join(dir, "lr"));
const servable = await PipelineModelServable.load(join(dir, "lr"));

// The reference: how many records the model puts in class 1 (every variant must agree).
let expected = 0;
for (const p of points) if (servable.transformRow({ ...p, features: Vectors.dense(...p.features) })!["prediction"] === 1) expected++;

const source = `schema Point { id: int, features: [float], ts: timestamp }
source points: Point = collection([]) watermark ts delay 0s
sink scored = collect()
job bench { points | predict model("lr") | to scored }
`;
type Factory = (o: { sources: { points: Point[] }; sinks: { scored: (r: { prediction: number }) => void } }) => { run(): Promise<unknown> };
async function load(fuse: boolean, text = source): Promise<Factory> {
  const file = join(dir, "bench.flow");
  writeFileSync(file, text);
  const result = compile(text, file, { fuse });
  if (!result.ok) throw new Error("the predict bench's .flow does not compile");
  const out = join(dir, `job-${fuse}-${text === source ? "predict" : "extend"}.mjs`);
  writeFileSync(out, await bundleJob({ files: result.files, outDir: result.options.outDir }));
  return (await import(pathToFileURL(out).href)).bench as Factory;
}

async function engine(factory: Factory, check = true): Promise<void> {
  let ones = 0;
  await factory({ sources: { points }, sinks: { scored: (r) => void (r.prediction === 1 && ones++) } }).run();
  if (check && ones !== expected) throw new Error(`the job put ${ones} records in class 1, the servable ${expected}`);
}

function ceiling(): void {
  let ones = 0;
  for (const p of points) {
    const s = servable.transformRow({ ...p, features: new DenseVector(Float64Array.from(p.features)) })!;
    const out = { id: p.id, features: p.features, ts: p.ts, prediction: s["prediction"] as number, rawPrediction: vectorToArray(s["rawPrediction"]) };
    if (out.prediction === 1) ones++;
  }
  if (ones !== expected) throw new Error("the ceiling loop disagrees with the servable");
}

const fused = await load(true);
const interpreted = await load(false);
const withoutModel = await load(true, source.replace(`predict model("lr")`, "extend { prediction: 0.0, rawPrediction: [1.0, 0.0] }"));
const base = await measure("servable loop (ceiling)", N, ceiling);
const rows = [
  await measure("predict, fused", N, () => engine(fused)),
  await measure("predict, --no-fuse", N, () => engine(interpreted)),
  await measure("extend instead (no model)", N, () => engine(withoutModel, false)),
];
printTable(`predict: ${N} records, ${DIM} features, LogisticRegressionModel`, base, rows);
console.log(`results: ${saveResult(quick ? "predict-quick" : "predict", { records: N, features: DIM, rows: [base, ...rows] })}`);
rmSync(dir, { recursive: true, force: true });
