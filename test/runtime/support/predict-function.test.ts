// `predict model("…")` end to end: the test trains and saves real ml/ models, compiles a .flow job that predicts with
// them (fused and --no-fuse), runs it, and checks every record against the servable's own answer for the same row.
import test from "ava";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "../../../compiler/compile.js";
import { formatDiagnostics } from "../../../compiler/diagnostics/format.js";
import {
  KMeans, LogisticRegression, Pipeline, PipelineModelServable, StandardScaler, VectorAssembler, Vectors, type Row,
} from "../../../ml/index.js";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { predictFunction, vectorToArray } from "../../../runtime/support/predict-function.js";
import { scratchDir } from "../../compiler/helpers/compile.js";

const diskHost = { readFile: (p: string) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) };

/** Compiles `source` as `<dir>/main.flow`, writes the generated files, runs every job and returns what `collect()` sinks got. */
async function runFlow(dir: string, source: string, fuse: boolean): Promise<Record<string, unknown[]>> {
  const file = join(dir, "main.flow");
  writeFileSync(file, source);
  const outDir = join(dir, fuse ? "fused" : "interpreted");
  const result = compile(source, file, { host: diskHost, fuse, outDir });
  if (!result.ok) throw new Error(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f)));
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of result.files) writeFileSync(join(outDir, name), text);
  const module = await import(pathToFileURL(join(outDir, "index.ts")).href);
  const collected: Record<string, unknown[]> = {};
  for (const job of Object.values(module.jobs as Record<string, () => { run(): Promise<{ collected: Record<string, unknown[]> }> }>)) {
    const run = await job().run();
    for (const [sink, records] of Object.entries(run.collected)) (collected[sink] ??= []).push(...records);
  }
  return collected;
}

const byId = (a: unknown, b: unknown) => (a as { id: number }).id - (b as { id: number }).id;

test("a saved LogisticRegressionModel scores `[float]` features, fused and --no-fuse, as its servable does", async (t) => {
  const dir = scratchDir("predict-lr");
  mkdirSync(dir, { recursive: true });
  // Linearly separable: label 1 when x0 > x1.
  const train: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const x0 = (i % 7) - 3;
    const x1 = ((i * 3) % 5) - 2;
    train.push({ features: Vectors.dense(x0, x1), label: x0 > x1 ? 1 : 0 });
  }
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const model = new LogisticRegression().setMaxIter(50).setGlobalBatchSize(1000).fit(env.fromCollection(train));
  await model.save(join(dir, "models/lr"));

  const points = [[3, -1], [-2, 2], [0.5, 0.25], [-1, -3], [1, 1.5]];
  const source = `schema Point { id: int, features: [float], ts: timestamp }
source points: Point = collection([
${points.map((p, i) => `  { id: ${i}, features: [${p.map((x) => x.toFixed(2)).join(", ")}], ts: ${1000 * i} },`).join("\n")}
]) watermark ts delay 0s
sink scored = collect()

job score {
  points | predict model("models/lr") | to scored
}
`;
  const servable = await PipelineModelServable.load(join(dir, "models/lr"));
  const expected = points.map((p, i) => {
    const row = servable.transformRow({ id: i, features: Vectors.dense(...p), ts: 1000 * i })!;
    return { id: i, features: p, ts: 1000 * i, prediction: row["prediction"], rawPrediction: vectorToArray(row["rawPrediction"]) };
  });
  // The model has learnt something: not every prediction is the same.
  t.true(new Set(expected.map((e) => e.prediction)).size === 2);
  for (const fuse of [true, false]) {
    const { scored } = await runFlow(dir, source, fuse);
    t.deepEqual([...scored!].sort(byId), expected, fuse ? "fused" : "--no-fuse");
  }
  rmSync(dir, { recursive: true, force: true });
});

test("a PipelineModel (VectorAssembler, StandardScaler, KMeans) reads numeric columns and adds its vectors as arrays", async (t) => {
  const dir = scratchDir("predict-pipeline");
  mkdirSync(dir, { recursive: true });
  const train: Row[] = [
    { a: 1, b: 10 }, { a: 1.2, b: 11 }, { a: 0.8, b: 9 },
    { a: 9, b: 90 }, { a: 9.5, b: 95 }, { a: 8.5, b: 88 },
  ];
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const pipeline = new Pipeline([
    new VectorAssembler().setInputCols("a", "b").setInputSizes(1, 1).setOutputCol("features"),
    new StandardScaler().setInputCol("features").setOutputCol("scaled"),
    new KMeans().setK(2).setFeaturesCol("scaled").setPredictionCol("cluster").setSeed(7),
  ]);
  await pipeline.fit(env.fromCollection(train)).save(join(dir, "model"));

  const rows = [{ a: 1.1, b: 10.5 }, { a: 9.2, b: 91 }, { a: 0.9, b: 9.5 }, { a: 8.8, b: 89 }];
  const source = `schema Reading { id: int, a: float, b: float, ts: timestamp }
source readings: Reading = collection([
${rows.map((r, i) => `  { id: ${i}, a: ${r.a}, b: ${r.b}, ts: ${i} },`).join("\n")}
]) watermark ts delay 0s
sink clusters = collect()

job cluster {
  readings
    | predict model("model")
    | map { id, cluster, scaled }
    | to clusters
}
`;
  const servable = await PipelineModelServable.load(join(dir, "model"));
  const expected = rows.map((r, i) => {
    const row = servable.transformRow({ id: i, ...r, ts: i })!;
    return { id: i, cluster: row["cluster"], scaled: vectorToArray(row["scaled"]) };
  });
  // The two groups of readings fall in different clusters.
  t.not(expected[0]!.cluster, expected[1]!.cluster);
  t.is(expected[0]!.cluster, expected[2]!.cluster);
  for (const fuse of [true, false]) {
    const { clusters } = await runFlow(dir, source, fuse);
    t.deepEqual([...clusters!].sort(byId), expected, fuse ? "fused" : "--no-fuse");
  }
  rmSync(dir, { recursive: true, force: true });
});

test("with parallelism 2, each subtask loads the model and a keyed window after predict counts the clusters", async (t) => {
  const dir = scratchDir("predict-parallel");
  mkdirSync(dir, { recursive: true });
  const train: Row[] = [];
  for (let i = 0; i < 20; i++) train.push({ features: i % 2 === 0 ? Vectors.dense(i * 0.01, 0) : Vectors.dense(10 + i * 0.01, 10) });
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  await new KMeans().setK(2).setSeed(3).fit(env.fromCollection(train)).save(join(dir, "km"));
  const servable = await PipelineModelServable.load(join(dir, "km"));
  const points = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? [10 + i * 0.1, 9.5] : [i * 0.05, 0.5]));
  const counts = new Map<number, number>();
  for (const p of points) {
    const cluster = servable.transformRow({ features: Vectors.dense(...p) })!["prediction"] as number;
    counts.set(cluster, (counts.get(cluster) ?? 0) + 1);
  }
  t.deepEqual([...counts.values()].sort((a, b) => a - b), [10, 20], "the servable separates the two groups");
  const source = `schema Point { id: int, features: [float], ts: timestamp }
source points: Point = collection([
${points.map((p, i) => `  { id: ${i}, features: [${p.map((x) => x.toFixed(2)).join(", ")}], ts: ${i} },`).join("\n")}
]) watermark ts delay 0s
sink sizes = collect()

job clusterSizes {
  parallelism 2
  points | rebalance | predict model("km") | keyBy prediction | window tumbling(1h) | aggregate { n: count() } | to sizes
}
`;
  const expected = [...counts].map(([prediction, n]) => ({ prediction, n })).sort((a, b) => a.prediction - b.prediction);
  for (const fuse of [true, false]) {
    const { sizes } = await runFlow(dir, source, fuse);
    t.deepEqual([...(sizes as { prediction: number; n: number }[])].sort((a, b) => a.prediction - b.prediction), expected, fuse ? "fused" : "--no-fuse");
  }
  rmSync(dir, { recursive: true, force: true });
});

test("a model that is gone when the job starts fails the job naming the directory and the .flow position", async (t) => {
  const fn = predictFunction<{ x: number }, { x: number }>({
    dir: "/nowhere/model", location: "main.flow:4:12", columns: "[]",
    load: () => PipelineModelServable.load("/nowhere/model"),
    toRow: (r) => r, fromRow: (r) => r,
  });
  const error = await t.throwsAsync(() => fn.open(undefined as never));
  t.regex(error!.message, /predict at main\.flow:4:12: cannot load the model saved at '\/nowhere\/model'/);
});

test("a model saved again with other columns since compiling is refused as the job starts; retrained with the same columns it scores", async (t) => {
  const dir = scratchDir("predict-drift");
  mkdirSync(join(dir, "data"), { recursive: true });
  const save = (paramMap: Record<string, unknown>, coefficient: number[]) => {
    writeFileSync(join(dir, "metadata"), JSON.stringify({ className: "LinearRegressionModel", timestamp: 0, paramMap }));
    writeFileSync(join(dir, "data", "part-0"), `${JSON.stringify({ coefficient: { "@ml": "dense", values: coefficient }, modelVersion: 0 })}\n`);
  };
  save({ featuresCol: "features", predictionCol: "y" }, [2, 3]);
  const compiled = compile(`schema P { features: [float], ts: timestamp }\nsource ps: P = collection([]) watermark ts delay 0s\nsink out = collect()\njob j { ps | predict model("${dir}") | to out }\n`, join(dir, "main.flow"), { host: diskHost });
  t.true(compiled.ok);
  const columns = /columns: ("(?:[^"\\]|\\.)*")/.exec(compiled.files.get("job.ts")!)![1]!;
  const fn = () => predictFunction<{ features: number[] }, Row>({
    dir, location: "main.flow:4:14", columns: JSON.parse(columns) as string,
    load: () => PipelineModelServable.load(dir),
    toRow: (r) => ({ features: Vectors.dense(...r.features) }), fromRow: (_r, s) => s,
  });
  // Retrained (other coefficients): same columns, so it loads and scores with the new data: 1·2 + 1·5.
  save({ featuresCol: "features", predictionCol: "y" }, [1, 1]);
  const same = fn();
  await same.open(undefined as never);
  const got: Row[] = [];
  same.flatMap({ features: [2, 5] }, { collect: (r) => got.push(r) });
  t.is(got[0]!["y"], 7);
  // Saved again predicting into another column: the compiled job's output type no longer holds.
  save({ featuresCol: "features", predictionCol: "z" }, [1, 1]);
  const error = await t.throwsAsync(() => fn().open(undefined as never));
  t.regex(error!.message, /reads or adds other columns than when the job was compiled — compile the \.flow file again/);
  rmSync(dir, { recursive: true, force: true });
});

test("vectorToArray reads dense and sparse vectors by their fields and refuses anything else", (t) => {
  t.deepEqual(vectorToArray(Vectors.dense(1, 2.5)), [1, 2.5]);
  t.deepEqual(vectorToArray(Vectors.sparse(4, [1, 3], [7, 8])), [0, 7, 0, 8]);
  t.deepEqual(vectorToArray({ kind: "dense", values: [3] }), [3]);
  t.throws(() => vectorToArray([1, 2]), { message: /expected a vector/ });
});
