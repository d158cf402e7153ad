// Fitting and transforming survive failures: the partial/merge aggregation and the broadcast model operator keep
// their state in checkpoints, so a run with injected crashes gives the failure-free run's model and rows.
import test from "ava";
import { FaultInjector, ManualClock, RestartStrategies, StreamExecutionEnvironment, TransactionalCollectSink } from "../../../runtime/index.js";
import { type Row, StandardScaler, type StandardScalerModelData } from "../../../ml/index.js";
import { vectorRows } from "../helpers/oracle.js";

const rows: Row[] = vectorRows(Array.from({ length: 3000 }, (_, i) => [i % 17, (i * 7) % 23, i / 100]));

function checkpointedEnv(faults: FaultInjector | null): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(new ManualClock(0));
  env.getConfig().setBatchSize(8);
  // why: small channels and slices keep barriers close behind the data, so checkpoints fall inside the input
  env.getConfig().setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(1);
  env.getCheckpointConfig().setCheckpointInterval(20);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(10, 0));
  if (faults !== null) env.setFaultInjector(faults);
  return env;
}

async function fitOnce(faults: FaultInjector | null): Promise<{ data: StandardScalerModelData; rows: Row[] }> {
  const env = checkpointedEnv(faults);
  const model = new StandardScaler().setWithMean(true).fit(env.fromCollection(rows));
  const sink = new TransactionalCollectSink<Row>();
  model.getModelData()[0]!.sinkTo(sink as never, "ModelOut");
  model.transform(env.fromCollection(rows))[0]!.sinkTo(sink as never, "RowsOut");
  await env.execute("ml recovery");
  const committed = sink.committed;
  const data = committed.find((r) => "mean" in r) as unknown as StandardScalerModelData;
  return { data, rows: committed.filter((r) => "output" in r).sort((a, b) => (a["id"] as number) - (b["id"] as number)) };
}

test("crashes while fitting and while transforming are recovered: same model, every row exactly once", async (t) => {
  const clean = await fitOnce(null);
  const faults = new FaultInjector([
    { kind: "crash-at-record", operator: "StandardScaler: partial", subtask: 1, record: 900 },
    { kind: "crash-at-record", operator: "StandardScalerModel.transform", subtask: 0, record: 700 },
  ]);
  const failed = await fitOnce(faults);
  t.is(faults.fired.length, 2, "both faults happened");
  t.deepEqual(Array.from(failed.data.mean.values), Array.from(clean.data.mean.values));
  t.deepEqual(Array.from(failed.data.std.values), Array.from(clean.data.std.values));
  t.is(failed.rows.length, rows.length);
  t.deepEqual(failed.rows.map((r) => r["id"]), rows.map((r) => r["id"]));
  t.deepEqual(failed.rows.map((r) => String(r["output"])), clean.rows.map((r) => String(r["output"])));
});
