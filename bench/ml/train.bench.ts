// `train OnlineLogisticRegression(…)` throughput: a compiled .flow job that trains on records of 8 numeric fields (fused
// and --no-fuse, bundled as `eddy compile` does) against the baseline — ml/'s OnlineLogisticRegression fitted through
// the DataStream API on rows that already hold their DenseVector (what the compiled job adds is the record → row step
// and the version → record step). CPU seconds in one process, one thread; every variant must end on the same model.
//   npx tsx bench/ml/train.bench.ts [records] [--quick]   (--quick: results go to train-quick.json)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleJob } from "../../compiler/bundle/bundle.js";
import { compile } from "../../compiler/compile.js";
import { DenseVector, OnlineLogisticRegression, Vectors, type OnlineLogisticRegressionModelData } from "../../ml/index.js";
import { StreamExecutionEnvironment } from "../../runtime/index.js";
import { saveResult } from "../harness.js";
import { cpuSecondsAsync } from "./cpu.js";

const quick = process.argv.includes("--quick");
const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? (quick ? 100_000 : 400_000));
const BATCH = 1000;
const FIELDS = ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"] as const;
type Click = Record<(typeof FIELDS)[number], number> & { clicked: number; ts: number };
const clicks: Click[] = Array.from({ length: N }, (_, i) => {
  const c = { clicked: 0, ts: i } as Click;
  FIELDS.forEach((f, d) => (c[f] = ((i * (d + 3)) % 17) / 17 - 0.5));
  c.clicked = c.f0 > c.f1 ? 1 : 0;
  return c;
});

const source = `schema Click { ${FIELDS.map((f) => `${f}: float`).join(", ")}, clicked: int, ts: timestamp }
source clicks: Click = collection([]) watermark ts delay 0s
sink versions = collect()
job bench { clicks | train OnlineLogisticRegression(features: [${FIELDS.join(", ")}], label: clicked, batch: ${BATCH}, alpha: 0.5) | to versions }
`;
interface Version { coefficient: number[]; modelVersion: number }
type Factory = (o: { workers: number; sources: { clicks: Click[] }; sinks: { versions: (v: Version) => void } }) => { run(): Promise<unknown> };

const dir = mkdtempSync(join(tmpdir(), "eddy-train-bench-"));
async function load(fuse: boolean): Promise<Factory> {
  const file = join(dir, "bench.flow");
  writeFileSync(file, source);
  const result = compile(source, file, { fuse });
  if (!result.ok) throw new Error("the train bench's .flow does not compile");
  const out = join(dir, `job-${fuse}.mjs`);
  writeFileSync(out, await bundleJob({ files: result.files, outDir: result.options.outDir }));
  return (await import(pathToFileURL(out).href)).bench as Factory;
}

async function compiled(factory: Factory): Promise<number[]> {
  let last: Version | null = null;
  await factory({ workers: 1, sources: { clicks }, sinks: { versions: (v) => void ((last === null || v.modelVersion > last.modelVersion) && (last = v)) } }).run();
  return last!.coefficient;
}

const rows = clicks.map((c) => ({ features: Vectors.dense(...FIELDS.map((f) => c[f])), label: c.clicked }));
/** ml/ on the prebuilt rows, or (`assemble`) on the records with a map that builds each row's DenseVector, as the job must. */
async function direct(assemble = false): Promise<number[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const input = assemble
    ? env.fromCollection(clicks).map((c) => ({ features: new DenseVector(Float64Array.of(c.f0, c.f1, c.f2, c.f3, c.f4, c.f5, c.f6, c.f7)), label: c.clicked }))
    : env.fromCollection(rows);
  const model = new OnlineLogisticRegression().setGlobalBatchSize(BATCH).setAlpha(0.5)
    .setInitialModelData(env.fromCollection([{ coefficient: Vectors.dense(...FIELDS.map(() => 0)) }]))
    .fit(input);
  const versions = (await model.getModelData()[0]!.executeAndCollect("direct")) as OnlineLogisticRegressionModelData[];
  return Array.from(versions.reduce((a, b) => (b.modelVersion > a.modelVersion ? b : a)).coefficient.values);
}

const variants: [string, () => Promise<number[]>][] = [["ml/ DataStream API (baseline)", () => direct()], ["ml/ API + a map building rows", () => direct(true)], ["train, fused", () => compiled(fused)], ["train, --no-fuse", () => compiled(interpreted)]];
const fused = await load(true);
const interpreted = await load(false);
const reference = await direct(); // warm-up, and the model every variant must end on
const results: { name: string; cpuSeconds: number; perCpuSecond: number }[] = [];
for (const [name, body] of variants) {
  await body(); // warm-up
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const { seconds, value } = await cpuSecondsAsync(body);
    if (value.some((x, j) => x !== reference[j])) throw new Error(`${name} ended on another model than the baseline`);
    best = Math.min(best, seconds);
  }
  results.push({ name, cpuSeconds: best, perCpuSecond: N / best });
}
console.log(`\ntrain: ${N} records, ${FIELDS.length} features, batch ${BATCH}, one thread; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
for (const r of results) console.log(`${r.name.padEnd(32)} ${r.cpuSeconds.toFixed(3)} CPU s  ${(r.perCpuSecond / 1e6).toFixed(2)} M rec/CPU s  ${(results[0]!.cpuSeconds / r.cpuSeconds).toFixed(3)} × baseline speed`);
console.log(`results: ${saveResult(quick ? "train-quick" : "train", { records: N, features: FIELDS.length, batch: BATCH, loadAverage: loadavg(), rows: results })}`);
rmSync(dir, { recursive: true, force: true });
