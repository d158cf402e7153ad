// OnlineStandardScaler: one model version per event-time window that holds rows, each the mean and sample deviation of
// everything so far (the numpy re-implementation of Flink ML's ComputeModelDataFunction); the global window's one
// version equals scikit-learn's batch answer (ddof = 1); the model respects maxAllowedModelDelayMs.
import test from "ava";
import { type DataStream, GeneratorSource, type StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { OnlineStandardScaler, OnlineStandardScalerModel, type OnlineStandardScalerModelData, OnlineWindows, type Row } from "../../../ml/index.js";
import { assertClose, env, fixture } from "../helpers/oracle.js";
import { dense, plain } from "../helpers/online-streams.js";

const fx = fixture("online-standard-scaler");
const rows: Row[] = (fx.rows as number[][]).map((x, id) => ({ id, input: dense(x), ts: fx.timestamps[id] }));
const byVersion = (vs: OnlineStandardScalerModelData[]) => [...vs].sort((a, b) => a.version - b.version);

/** The rows with event timestamps, read round-robin; timestamps ascend per subtask, so no row is late. */
function timedTable(e: StreamExecutionEnvironment, data: readonly Row[], name = "train"): DataStream<Row> {
  const strategy = WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner((r) => r["ts"] as number);
  return e.fromSource(new GeneratorSource((i) => data[i]!, data.length), strategy, name);
}

test("event-time tumbling windows: a version per window with rows — the moments of all rows so far — at parallelism 1, 2 and 3", async (t) => {
  for (const parallelism of [1, 2, 3]) {
    const e = env(parallelism);
    const model = new OnlineStandardScaler().setWindows(OnlineWindows.eventTimeTumbling(fx.windowSizeMs)).fit(timedTable(e, rows));
    const versions = byVersion((await model.getModelData()[0]!.executeAndCollect()) as OnlineStandardScalerModelData[]);
    t.deepEqual(versions.map((v) => v.version), fx.versions.map((v: any) => v.version), `parallelism ${parallelism}`);
    t.deepEqual(versions.map((v) => v.timestamp), fx.versions.map((v: any) => v.timestamp), "each version carries its window's largest timestamp; empty windows yield none");
    assertClose(t, versions.map((v) => plain(v.mean)), fx.versions.map((v: any) => v.mean), 1e-9, "mean");
    assertClose(t, versions.map((v) => plain(v.std)), fx.versions.map((v: any) => v.std), 1e-9, "std");
  }
});

test("the global window (the default): one version when the input ends, equal to scikit-learn's mean and the sample deviation", async (t) => {
  const e = env(2);
  const model = new OnlineStandardScaler().fit(e.fromCollection(rows));
  const versions = (await model.getModelData()[0]!.executeAndCollect()) as OnlineStandardScalerModelData[];
  t.is(versions.length, 1);
  t.is(versions[0]!.version, 0);
  t.is(versions[0]!.timestamp, Number.POSITIVE_INFINITY);
  assertClose(t, plain(versions[0]!.mean), fx.globalMean);
  assertClose(t, plain(versions[0]!.std), fx.globalStd);
});

test("event-time windows refuse rows without timestamps, saying what to do", async (t) => {
  const e = env(1);
  const model = new OnlineStandardScaler().setWindows(OnlineWindows.eventTimeTumbling(100)).fit(e.fromCollection(rows));
  await t.throwsAsync(model.getModelData()[0]!.executeAndCollect(), { message: /assignTimestampsAndWatermarks/ });
});

const models: OnlineStandardScalerModelData[] = (fx.versions as any[]).map((v) => ({ mean: dense(v.mean), std: dense(v.std), version: v.version, timestamp: v.timestamp }));

test("maxAllowedModelDelayMs: a row of timestamp t is scaled by a version whose timestamp is at least t − delay; rows no version is fresh enough for wait", async (t) => {
  const lastTimestamp = models.at(-1)!.timestamp;
  // why the extra row: it is 100 ms younger than the newest version, so it waits forever unless the delay allows 100 ms
  const scored = [...rows, { id: rows.length, input: dense([1, 2, 3]), ts: lastTimestamp + 100 }];
  for (const delay of [0, 150]) {
    const e = env(2);
    const model = new OnlineStandardScalerModel().setWithMean(true).setMaxAllowedModelDelayMs(delay).setModelData(e.fromCollection(models));
    const out = await model.transform(timedTable(e, scored, "score"))[0]!.executeAndCollect();
    const expectedIds = scored.filter((r) => (r["ts"] as number) - delay <= lastTimestamp).map((r) => r["id"]);
    t.deepEqual(out.map((r) => r["id"]).sort((a, b) => (a as number) - (b as number)), expectedIds, `delay ${delay}: every row some version is fresh enough for, once`);
    t.is(out.some((r) => r["id"] === rows.length), delay >= 100, "the young row is scaled only when the delay allows it");
    for (const r of out) {
      const used = models[r["version"] as number]!;
      t.true((r["ts"] as number) - delay <= used.timestamp, `row at ${r["ts"]} scaled by version ${used.version} of ${used.timestamp}`);
      const expected = model.servable(used).transformRow(scored[r["id"] as number]!);
      assertClose(t, plain(r["output"] as any), plain(expected["output"] as any), 1e-12);
    }
  }
});

test("modelVersionCol null: no version column; withMean and withStd as StandardScaler", (t) => {
  const v = models[3]!;
  const model = new OnlineStandardScalerModel().setModelVersionCol(null).setWithMean(true).setWithStd(true);
  const out = model.servable(v).transformRow(rows[5]!);
  t.false("version" in out);
  const x = fx.rows[5] as number[];
  assertClose(t, plain(out["output"] as any), x.map((xi, i) => (xi - v.mean.values[i]!) / v.std.values[i]!), 1e-12);
});

test("params follow Flink ML: defaults and validation", (t) => {
  const s = new OnlineStandardScaler();
  t.deepEqual(s.getWindows(), { kind: "global" });
  t.is(s.getModelVersionCol(), "version");
  t.is(s.getMaxAllowedModelDelayMs(), 0);
  t.false(s.getWithMean());
  t.true(s.getWithStd());
  t.throws(() => s.setWindows(OnlineWindows.eventTimeTumbling(0)), { message: /windows/ });
  t.throws(() => s.setMaxAllowedModelDelayMs(-1), { message: /maxAllowedModelDelayMs/ });
});
