// `train` and `predict latest` end to end: a .flow job's model versions equal an independent FTRL-Proximal / online
// k-means written here from the papers' update rules (and ml/'s DataStream API run on the same rows), fused and
// --no-fuse alike, at parallelism 1 and 2; every scored record carries the prediction of the version it names; and a
// checkpointed training job that crashes commits each model version exactly once, equal to a run without failure.
import test, { type ExecutionContext } from "ava";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobIO } from "../../../runtime/support/job.js";
import { OnlineLogisticRegression, Vectors, type OnlineLogisticRegressionModelData } from "../../../ml/index.js";
import { type Fault, FaultInjector, listCommittedParts, RestartStrategies, StreamExecutionEnvironment } from "../../../runtime/index.js";
import { compileQuery, runCompiled, type CompiledQuery } from "../../helpers/compiled-query.js";
import { TickingClock } from "../../helpers/ticking-clock.js";

interface Click { id: number; a: number; b: number; clicked: number; ts: number }

/** 30 clicks: clicked when a > b, with a little noise so that the coefficients keep moving. */
const CLICKS: Click[] = Array.from({ length: 30 }, (_, i) => {
  const a = ((i * 37) % 100) / 100;
  const b = ((i * 61 + 13) % 100) / 100;
  return { id: i, a, b, clicked: a > b !== (i % 11 === 5) ? 1 : 0, ts: i * 1000 };
});
const REQUESTS: Click[] = [0.1, 0.5, 0.9].map((a, i) => ({ id: 100 + i, a, b: 1 - a, clicked: 0, ts: 0 }));

const LR = `schema Click { id: int, a: float, b: float, clicked: int, ts: timestamp }
source clicks: Click = collection([]) watermark ts delay 0s
source requests: Click = collection([])
sink versions = collect()
sink scored = collect()
job online {
  let model = clicks
    | extend { bias: 1.0 }
    | train OnlineLogisticRegression(features: [a, b, bias], label: clicked, batch: 6, alpha: 0.5, beta: 0.2, reg: 0.01, elasticNet: 0.5)
  model | to versions
  requests | extend { bias: 1.0 } | predict latest(model) | to scored
}
`;
const SETTINGS = { batch: 6, alpha: 0.5, beta: 0.2, l1: 0.01 * 0.5, l2: 0.01 * 0.5 };

/**
 * FTRL-Proximal (McMahan et al., KDD 2013, Algorithm 1) on global mini-batches, with Flink ML's batch rule: the
 * logistic-loss gradient at the current coefficients averaged over the batch's (dense) rows. Rows short of a full
 * batch at the end are never used.
 */
function ftrl(rows: readonly (readonly number[])[], labels: readonly number[]): number[][] {
  const dim = rows[0]!.length;
  const w = new Array<number>(dim).fill(0), z = new Array<number>(dim).fill(0), n = new Array<number>(dim).fill(0);
  const versions: number[][] = [];
  for (let start = 0; start + SETTINGS.batch <= rows.length; start += SETTINGS.batch) {
    const g = new Array<number>(dim).fill(0);
    for (let r = start; r < start + SETTINGS.batch; r++) {
      const p = 1 / (1 + Math.exp(-rows[r]!.reduce((s, x, i) => s + x * w[i]!, 0)));
      rows[r]!.forEach((x, i) => (g[i]! += ((p - labels[r]!) * x) / SETTINGS.batch));
    }
    for (let i = 0; i < dim; i++) {
      const sigma = (Math.sqrt(n[i]! + g[i]! ** 2) - Math.sqrt(n[i]!)) / SETTINGS.alpha;
      z[i]! += g[i]! - sigma * w[i]!;
      n[i]! += g[i]! ** 2;
      w[i] = Math.abs(z[i]!) <= SETTINGS.l1 ? 0 : -(z[i]! - Math.sign(z[i]!) * SETTINGS.l1) / ((SETTINGS.beta + Math.sqrt(n[i]!)) / SETTINGS.alpha + SETTINGS.l2);
    }
    versions.push([...w]);
  }
  return versions;
}

function closeTo(t: ExecutionContext, actual: readonly number[], expected: readonly number[], what: string): void {
  t.is(actual.length, expected.length, what);
  t.true(actual.every((x, i) => Math.abs(x - expected[i]!) <= 1e-12), `${what}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

interface Version { coefficient: number[]; modelVersion: number }
interface Scored extends Click { bias: number; prediction: number; rawPrediction: number[]; modelVersion: number }

const queries = new Map<string, Promise<CompiledQuery>>();
const query = (source: string, name: string, job: string, fuse: boolean) => {
  const key = `${name}:${fuse}`;
  if (!queries.has(key)) queries.set(key, compileQuery(source, `${name}.flow`, job, { fuse }));
  return queries.get(key)!;
};

const runLr = async (fuse: boolean, parallelism: number) => {
  const run = await runCompiled(await query(LR, "train-lr", "online", fuse), { parallelism, checkpointing: null, sources: { clicks: CLICKS, requests: REQUESTS } });
  const versions = (run.collected["versions"] as Version[]).slice().sort((x, y) => x.modelVersion - y.modelVersion);
  return { versions, scored: (run.collected["scored"] as Scored[]).slice().sort((x, y) => x.id - y.id) };
};

const expected = ftrl(CLICKS.map((c) => [c.a, c.b, 1]), CLICKS.map((c) => c.clicked));

for (const fuse of [true, false]) {
  for (const parallelism of [1, 2]) {
    test(`OnlineLogisticRegression: the model versions are FTRL-Proximal's, and each request is scored as the version it names scores it (${fuse ? "fused" : "--no-fuse"}, p=${parallelism})`, async (t) => {
      const { versions, scored } = await runLr(fuse, parallelism);
      t.deepEqual(versions.map((v) => v.modelVersion), [1, 2, 3, 4, 5]);
      versions.forEach((v, i) => closeTo(t, v.coefficient, expected[i]!, `version ${v.modelVersion}`));
      t.is(scored.length, REQUESTS.length);
      for (const s of scored) {
        const request = REQUESTS.find((r) => r.id === s.id)!;
        t.like(s, { ...request, bias: 1 }, "the record keeps its fields");
        const w = versions.find((v) => v.modelVersion === s.modelVersion)!.coefficient;
        const margin = w[0]! * request.a + w[1]! * request.b + w[2]!;
        const p = 1 / (1 + Math.exp(-margin));
        t.is(s.prediction, margin >= 0 ? 1 : 0);
        closeTo(t, s.rawPrediction, [1 - p, p], `request ${s.id}'s raw prediction`);
      }
    });
  }
}

test("the versions equal those of ml/'s OnlineLogisticRegression run on the same rows through the DataStream API", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const rows = env.fromCollection(CLICKS.map((c) => ({ features: Vectors.dense(c.a, c.b, 1), label: c.clicked })));
  const model = new OnlineLogisticRegression().setGlobalBatchSize(6).setAlpha(0.5).setBeta(0.2).setReg(0.01).setElasticNet(0.5)
    .setInitialModelData(env.fromCollection([{ coefficient: Vectors.dense(0, 0, 0) }]))
    .fit(rows);
  const direct = (await model.getModelData()[0]!.executeAndCollect("direct")) as OnlineLogisticRegressionModelData[];
  const { versions } = await runLr(true, 1);
  t.deepEqual(versions, direct.sort((x, y) => x.modelVersion - y.modelVersion).map((v) => ({ coefficient: Array.from(v.coefficient.values), modelVersion: v.modelVersion })));
});

const KMEANS = `schema Point { id: int, xy: [float], ts: timestamp }
source points: Point = collection([]) watermark ts delay 0s
sink versions = collect()
sink scored = collect()
job clusters {
  let model = points | train OnlineKMeans(features: xy, batch: 4, decayFactor: 0.5, initial: [[0.0, 0.0], [5.0, 5.0]], weights: [1.0, 1.0])
  model | to versions
  points | predict latest(model) | map { id, cluster: prediction } | to scored
}
`;

/** Two blobs around (1, 1) and (6, 5), interleaved. */
const POINTS = Array.from({ length: 12 }, (_, i) => {
  const jitter = ((i * 7) % 5) / 10;
  return { id: i, xy: i % 2 === 0 ? [1 + jitter, 1 - jitter] : [6 - jitter, 5 + jitter], ts: i };
});

/** Online k-means (Flink ML's rule): assign to the nearest centroid, decay the weights, move each centroid to the weighted mean. */
function onlineKMeans(points: readonly (readonly number[])[]): { centroids: number[][]; weights: number[] }[] {
  let centroids = [[0, 0], [5, 5]], weights = [1, 1];
  const versions = [{ centroids, weights }];
  for (let start = 0; start + 4 <= points.length; start += 4) {
    const sums = centroids.map(() => [0, 0]), counts = centroids.map(() => 0);
    for (const p of points.slice(start, start + 4)) {
      const d = centroids.map((c) => (c[0]! - p[0]!) ** 2 + (c[1]! - p[1]!) ** 2);
      const k = d.indexOf(Math.min(...d));
      counts[k]!++;
      sums[k] = [sums[k]![0]! + p[0]!, sums[k]![1]! + p[1]!];
    }
    weights = weights.map((w, k) => w * 0.5 + counts[k]!);
    centroids = centroids.map((c, k) => (counts[k] === 0 ? c : c.map((x, i) => x + (sums[k]![i]! / counts[k]! - x) * (counts[k]! / weights[k]!))));
    versions.push({ centroids, weights });
  }
  return versions;
}

for (const fuse of [true, false]) {
  test(`OnlineKMeans on a [float] field: version 0 is the initial model, each next one online k-means' step, and every point gets its blob's cluster (${fuse ? "fused" : "--no-fuse"})`, async (t) => {
    const run = await runCompiled(await query(KMEANS, "train-kmeans", "clusters", fuse), { parallelism: 1, checkpointing: null, sources: { points: POINTS } });
    const versions = (run.collected["versions"] as { centroids: number[][]; weights: number[]; modelVersion: number }[]).slice().sort((x, y) => x.modelVersion - y.modelVersion);
    const reference = onlineKMeans(POINTS.map((p) => p.xy));
    t.deepEqual(versions.map((v) => v.modelVersion), [0, 1, 2, 3]);
    versions.forEach((v, i) => {
      closeTo(t, v.weights, reference[i]!.weights, `weights of version ${i}`);
      v.centroids.forEach((c, k) => closeTo(t, c, reference[i]!.centroids[k]!, `centroid ${k} of version ${i}`));
    });
    const scored = (run.collected["scored"] as { id: number; cluster: number }[]).slice().sort((x, y) => x.id - y.id);
    t.deepEqual(scored, POINTS.map((p) => ({ id: p.id, cluster: p.id % 2 })));
  });
}

const CHECKPOINTED = `schema Click { id: int, a: float, b: float, clicked: int, ts: timestamp }
source clicks: Click = file("in.jsonl") watermark ts delay 0s
sink versions = file("out/versions.jsonl")
job online {
  checkpoint every 10s exactly_once
  clicks
    | extend { bias: 1.0 }
    | train OnlineLogisticRegression(features: [a, b, bias], label: clicked, batch: 6, alpha: 0.5, beta: 0.2, reg: 0.01, elasticNet: 0.5)
    | to versions
}
`;

async function runCheckpointed(q: CompiledQuery, dir: string, out: string, faults: readonly Fault[]) {
  const env = q.module.StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(new TickingClock());
  env.getConfig().setBatchSize(4).setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(15);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  const injector = new FaultInjector(faults);
  env.setFaultInjector(injector);
  const io = { nexmark: {}, onDeadLetter: (d: unknown) => { throw new Error(`dead letter ${JSON.stringify(d)}`); }, collect: () => { throw new Error("no collect sink"); }, files: { clicks: join(dir, "in.jsonl"), versions: join(out, "versions.jsonl") } } as unknown as JobIO;
  q.build(env, io, {}, {});
  const result = await env.executeAsync(q.job).getJobExecutionResult();
  const lines = listCommittedParts(out, { prefix: "versions", suffix: ".jsonl" }).flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l !== ""));
  const versions = lines.map((l) => JSON.parse(l) as Version).sort((x, y) => x.modelVersion - y.modelVersion);
  return { versions, fired: injector.fired.length, restarts: result.metrics.restarts ?? 0, checkpoints: result.metrics.checkpoints?.completed ?? 0 };
}

test("exactly-once: crashes in the training's mini-batch and update operators and in a snapshot commit each version once, as a run without failure does", async (t) => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "eddy-train-")));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const clicks = Array.from({ length: 240 }, (_, i) => ({ ...CLICKS[i % CLICKS.length]!, id: i, ts: i * 1000 }));
  writeFileSync(join(dir, "in.jsonl"), clicks.map((c) => JSON.stringify(c)).join("\n"));
  const q = await compileQuery(CHECKPOINTED, "train-checkpointed.flow", "online", { fuse: true });
  const clean = await runCheckpointed(q, dir, join(dir, "clean"), []);
  t.deepEqual(clean.versions.map((v) => v.modelVersion), Array.from({ length: 40 }, (_, i) => i + 1));
  const reference = ftrl(clicks.map((c) => [c.a, c.b, 1]), clicks.map((c) => c.clicked));
  clean.versions.forEach((v, i) => closeTo(t, v.coefficient, reference[i]!, `version ${v.modelVersion}`));
  const faults: Fault[] = [
    { kind: "crash-at-record", operator: "OnlineLogisticRegression: mini-batch", subtask: 1, record: 50 },
    { kind: "crash-at-record", operator: "OnlineLogisticRegression: update", subtask: 0, record: 25 },
    { kind: "crash-during-snapshot", operator: "OnlineLogisticRegression: update", subtask: 0, snapshot: 3 },
  ];
  const failed = await runCheckpointed(q, dir, join(dir, "failed"), faults);
  t.is(failed.fired, faults.length, "every fault fired");
  t.true(failed.restarts >= 1 && failed.checkpoints >= 2, `${failed.restarts} restarts, ${failed.checkpoints} checkpoints`);
  t.deepEqual(failed.versions, clean.versions, "the same versions, each committed once");
});
