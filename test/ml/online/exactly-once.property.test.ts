// Exactly-once for online learning, as a property: for random training streams, parallelism, global batch sizes,
// checkpoint intervals and failure schedules (the runtime's seeded fault injector), the model versions an
// exactly-once sink commits equal, bit for bit and in number, those of the same job run without failures; and the
// predictions committed score every row exactly once, each with the model version it names, computed as that
// version scores it. (Which version scores a row depends on how the row and the model stream interleave — in Flink ML
// as here — so the version a row gets may differ between runs; what it gets must be right.)
//
// Replay a failure with the command it prints (EDDY_PROPERTY_SEED, EDDY_PROPERTY_PATH); EDDY_PROPERTY_RUNS changes the count.
import test from "ava";
import fc from "fast-check";
import {
  type DataStream,
  type Fault,
  FaultInjector,
  GeneratorSource,
  ManualClock,
  RestartStrategies,
  StreamExecutionEnvironment,
  TransactionalCollectSink,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import {
  DenseVector,
  OnlineKMeans,
  OnlineKMeansModel,
  OnlineLogisticRegression,
  OnlineLogisticRegressionModel,
  type OnlineModel,
  OnlineStandardScaler,
  OnlineStandardScalerModel,
  OnlineWindows,
  type Row,
  toJsonData,
} from "../../../ml/index.js";
import { assertProperty, PROPERTY_SEED, propertyRuns } from "../../helpers/property.js";
import { closeTo } from "../helpers/oracle.js";

type Family = "kmeans" | "lr" | "scaler";

interface Scenario {
  readonly family: Family;
  readonly parallelism: number;
  readonly globalBatchSize: number;
  readonly trainRows: number;
  readonly dataSeed: number;
  readonly batch: number;
  readonly interval: number;
  readonly faults: Fault[];
}

const STAGE: Record<Family, string> = { kmeans: "OnlineKMeans", lr: "OnlineLogisticRegression", scaler: "OnlineStandardScaler" };

/** Where faults strike: the parallel and the parallelism-1 halves of training, the scoring operator, the sinks. */
function operators(family: Family): string[] {
  const stage = STAGE[family];
  const training = family === "scaler" ? [`${stage}: window moments`, `${stage}: model`] : [`${stage}: mini-batch`, `${stage}: update`];
  return [...training, `${stage}Model.transform`, "train-tick", "Models", "Predictions"];
}

function faultArb(family: Family, parallelism: number): fc.Arbitrary<Fault> {
  const operator = fc.constantFrom(...operators(family));
  const subtask = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: parallelism - 1 }));
  return fc.oneof(
    fc.record({ kind: fc.constant("crash-at-record" as const), operator, subtask, record: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant("crash-at-record" as const), operator, subtask, record: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ kind: fc.constant("crash-during-snapshot" as const), operator, subtask, snapshot: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("crash-before-commit" as const), operator: fc.constantFrom("Models", "Predictions"), subtask, commit: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("crash-during-restore" as const), restore: fc.integer({ min: 1, max: 2 }) }),
  ) as fc.Arbitrary<Fault>;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({ family: fc.constantFrom<Family>("kmeans", "lr", "scaler"), parallelism: fc.integer({ min: 1, max: 3 }) })
  .chain(({ family, parallelism }) =>
    fc.record({
      family: fc.constant(family),
      parallelism: fc.constant(parallelism),
      globalBatchSize: fc.integer({ min: 1, max: 4 }).map((m) => m * parallelism + (m % 2)),
      trainRows: fc.integer({ min: 20, max: 120 }),
      dataSeed: fc.integer({ min: 1, max: 2 ** 30 }),
      batch: fc.integer({ min: 1, max: 8 }),
      interval: fc.integer({ min: 5, max: 40 }),
      faults: fc.array(faultArb(family, parallelism), { minLength: 1, maxLength: 4 }),
    }),
  );

/** A small seeded generator (mulberry32), so a scenario's data is a function of its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCORED = 40;

/** Training and scoring rows: points near three centres, a label from a fixed linear rule, a timestamp 10 ms apart. */
function rows(count: number, seed: number): Row[] {
  const next = random(seed);
  const centres = [[0, 0], [5, 5], [0, 5]];
  return Array.from({ length: count }, (_, id) => {
    const c = centres[Math.floor(next() * 3)]!;
    const x = c[0]! + next() * 2 - 1;
    const y = c[1]! + next() * 2 - 1;
    return { id, features: new DenseVector(Float64Array.of(x, y, 1)), label: x - y + next() > 0 ? 1 : 0, ts: id * 10 };
  });
}

function table(env: StreamExecutionEnvironment, data: Row[], clock: ManualClock, name: string): DataStream<Row> {
  const strategy = WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner((r) => r["ts"] as number);
  return env.fromSource(new GeneratorSource((i) => data[i]!, data.length), strategy, name).map((r) => {
    clock.advance(1); // why: processing time moves with the data, so checkpoints fall at the same records in every run
    return r;
  }, `${name}-tick`);
}

function model(s: Scenario, env: StreamExecutionEnvironment, train: DataStream<Row>): OnlineModel<any> {
  switch (s.family) {
    case "kmeans":
      return new OnlineKMeans()
        .setK(3)
        .setDecayFactor(0.7)
        .setGlobalBatchSize(s.globalBatchSize)
        .setInitialModelData(env.fromCollection([{ centroids: [[1, 1, 1], [4, 4, 1], [1, 4, 1]].map((c) => new DenseVector(Float64Array.from(c))), weights: new DenseVector(3) }]))
        .fit(train);
    case "lr":
      return new OnlineLogisticRegression()
        .setGlobalBatchSize(s.globalBatchSize)
        .setReg(0.05)
        .setElasticNet(0.5)
        .setInitialModelData(env.fromCollection([{ coefficient: new DenseVector(3) }]))
        .fit(train);
    case "scaler":
      return new OnlineStandardScaler().setInputCol("features").setWithMean(true).setWindows(OnlineWindows.eventTimeTumbling(50)).setMaxAllowedModelDelayMs(200).fit(train);
  }
}

/** The model stage with the params `model` gives the fitted one, to score rows without a job. */
function scorer(s: Scenario): OnlineModel<any> {
  switch (s.family) {
    case "kmeans":
      return new OnlineKMeansModel().setK(3);
    case "lr":
      return new OnlineLogisticRegressionModel();
    case "scaler":
      return new OnlineStandardScalerModel().setInputCol("features").setWithMean(true).setMaxAllowedModelDelayMs(200);
  }
}

interface RunResult {
  readonly models: unknown[];
  readonly predictions: Row[];
  readonly fired: number;
}

async function run(s: Scenario, faults: Fault[]): Promise<RunResult> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(s.parallelism).setClock(clock);
  env.getConfig().setBatchSize(s.batch).setChannelCapacity(Math.max(4, s.batch * 2)).sliceBudget = 1;
  env.enableCheckpointing(s.interval).getCheckpointConfig().setCheckpointTimeout(400).setTolerableCheckpointFailureNumber(10);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(faults.length + 2, 0));
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const modelSink = new TransactionalCollectSink<unknown>();
  const predictionSink = new TransactionalCollectSink<Row>();
  const m = model(s, env, table(env, rows(s.trainRows, s.dataSeed), clock, "train"));
  m.getModelData()[0]!.sinkTo(modelSink, "Models");
  m.transform(table(env, rows(SCORED, s.dataSeed + 1), clock, "score"))[0]!.sinkTo(predictionSink, "Predictions");
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    env.executeAsync("online exactly-once").getJobExecutionResult(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`job did not finish within 20 s: ${JSON.stringify(s)}`)), 20_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return { models: modelSink.committed, predictions: predictionSink.committed, fired: injector.fired.length };
}

const versionOf = (s: Scenario, m: any): number => (s.family === "scaler" ? m.version : m.modelVersion);

/** The model versions in version order, as JSON text that holds every double exactly. */
function versionsText(s: Scenario, models: unknown[]): string {
  return JSON.stringify(toJsonData([...models].sort((a, b) => versionOf(s, a) - versionOf(s, b))));
}

/** Every scored row once, each as some model version of the failure-free run scores it — the one it names, where it names one. */
function predictionsAreRight(s: Scenario, stage: OnlineModel<any>, clean: RunResult, failed: RunResult): boolean {
  const ids = (r: RunResult) => r.predictions.map((p) => p["id"] as number).sort((a, b) => a - b);
  if (JSON.stringify(ids(failed)) !== JSON.stringify(ids(clean))) return false;
  const scored = rows(SCORED, s.dataSeed + 1);
  const byVersion = new Map(clean.models.map((m) => [versionOf(s, m), m]));
  for (const p of failed.predictions) {
    const row = scored[p["id"] as number]!;
    if (s.family === "kmeans") {
      if (![...byVersion.values()].some((m) => stage.servable(m).transformRow(row)["prediction"] === p["prediction"])) return false;
      continue;
    }
    const version = (s.family === "lr" ? p["modelVersion"] : p["version"]) as number;
    const m = byVersion.get(version);
    if (m === undefined) return false;
    const expected = stage.servable(m).transformRow(row);
    const col = s.family === "lr" ? "rawPrediction" : "output";
    if (!closeTo(Array.from((p[col] as DenseVector).values), Array.from((expected[col] as DenseVector).values), 0)) return false;
  }
  return true;
}

const runs = propertyRuns(60);

test(`committed model versions and predictions under injected failures equal the failure-free run's (${runs} runs)`, async (t) => {
  t.timeout(10 * 60_000);
  t.log(`seed ${PROPERTY_SEED}`);
  let faultsFired = 0;
  let versionsSeen = 0;
  await assertProperty(
    t,
    fc.asyncProperty(scenarioArb, async (s) => {
      const clean = await run(s, []);
      const failed = await run(s, s.faults);
      faultsFired += failed.fired;
      versionsSeen += clean.models.length;
      const stage = scorer(s);
      return versionsText(s, failed.models) === versionsText(s, clean.models) && clean.models.length > 0 && predictionsAreRight(s, stage, clean, failed);
    }),
    { numRuns: runs, endOnFailure: false, file: import.meta.url },
  );
  t.log(`${faultsFired} injected faults, ${versionsSeen} model versions over ${runs} runs`);
  t.true(faultsFired > runs / 3, `the schedules actually crash the jobs (${faultsFired} faults fired)`);
});
