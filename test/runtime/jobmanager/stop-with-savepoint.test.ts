// Stop-with-savepoint, with and without drain (Flink's `flink stop [--drain]`), in one thread and on the worker pool:
// draining fires the open event-time windows before the savepoint; stopping without drain keeps them in the
// savepoint, and a job restored from it emits them — every window's result exactly once over the two runs.
import test from "ava";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CollectSink, type JobClient, StreamExecutionEnvironment, WatermarkStrategy, WorkerPool } from "../../../runtime/index.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";
import { type Ev, openWindows } from "./fixtures/open-windows-job.js";

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

// Tumbling 10 ms windows, watermark = max timestamp − 1 after each batch: after t=15 the watermark is 14, so
// [0,10) has fired (a: 1+2, b: 3) and [10,20) is open (a: 4, b: 5) until the input ends or is drained.
const RECORDS: readonly Ev[] = [
  { key: "a", ts: 1, v: 1 },
  { key: "a", ts: 5, v: 2 },
  { key: "b", ts: 7, v: 3 },
  { key: "a", ts: 12, v: 4 },
  { key: "b", ts: 15, v: 5 },
];
const FIRED = ["a@0=3", "b@0=3"];
const OPEN = ["a@10=4", "b@10=5"];
/** What the restored run adds: one more record in [20,30), then the input ends. */
const LATER: Ev = { key: "a", ts: 25, v: 6 };

function configure(dir: string | null) {
  return (env: StreamExecutionEnvironment) => {
    env.enableCheckpointing(60_000);
    env.getConfig().setAutoWatermarkInterval(0);
    if (dir !== null) env.setRestoreFrom(dir);
  };
}

/** Waits until the source emitted every record (in one thread at once; on the pool metrics come every 200 ms). */
async function allEmitted(client: JobClient): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((client.metrics().operators.find((o) => o.name === "Events")?.recordsOut ?? 0) < RECORDS.length) {
    if (Date.now() > deadline) throw new Error("the source did not emit its records within 20 s");
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const workers of [1, 2]) {
  const where = workers === 1 ? "in one thread" : "on the pool";

  test(`stop --drain ${where}: the open windows fire, their results are committed, then the savepoint; the job FINISHED`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "eddy-drain-"));
    try {
      const run = openWindows.start({ records: RECORDS, ends: false }, { workers, name: "drain", configure: configure(null) });
      await allEmitted(run.client);
      const path = await run.client.stopWithSavepoint(dir, { drain: true });
      const { committed } = await run.result;
      t.deepEqual([...(committed.out as string[])].sort(), [...FIRED, ...OPEN].sort());
      t.is(await run.client.getJobStatus(), "FINISHED");
      t.regex(path, /chk-\d+$/);
      t.true(path.startsWith(dir), "the savepoint is in the directory asked for");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`stop without drain ${where}: the open windows stay in the savepoint, and the restored job emits them exactly once`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "eddy-stop-"));
    try {
      const first = openWindows.start({ records: RECORDS, ends: false }, { workers, name: "stop", configure: configure(null) });
      await allEmitted(first.client);
      const path = await first.client.stopWithSavepoint(dir);
      const firstOut = [...((await first.result).committed.out as string[])].sort();
      t.deepEqual(firstOut, FIRED, "only the windows the watermark closed");
      t.is(await first.client.getJobStatus(), "FINISHED");

      const second = openWindows.start({ records: [...RECORDS, LATER], ends: true }, { workers, name: "restored", configure: configure(path) });
      const secondOut = [...((await second.result).committed.out as string[])].sort();
      t.deepEqual(secondOut, [...OPEN, "a@20=6"].sort(), "the restored job emits the open windows");
      t.deepEqual([...firstOut, ...secondOut].sort(), [...FIRED, ...OPEN, "a@20=6"].sort(), "every window's result once over both runs");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("a stop whose savepoint fails leaves the job running: its halted sources read again", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-stop-"));
  try {
    const notADirectory = join(dir, "file");
    writeFileSync(notADirectory, "");
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(null)(env);
    const source = new ReplayableControlledSource();
    const sink = new CollectSink<number>();
    env.fromSource(source, WatermarkStrategy.noWatermarks<number>(), "Numbers").map((n) => n * 10, "Times10").sinkTo(sink);
    const client = env.executeAsync("stop-fails");
    source.push(1);
    await settle(20);
    await t.throwsAsync(client.stopWithSavepoint(join(notADirectory, "savepoints")), undefined, "a savepoint directory under a file cannot be made");
    t.is(await client.getJobStatus(), "RUNNING");
    source.push(2);
    await settle(20);
    t.deepEqual(sink.values, [10, 20], "the source read the record pushed after the failed stop");
    await client.stopWithSavepoint(join(dir, "savepoints"), { drain: true });
    t.is(await client.getJobStatus(), "FINISHED");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

class ReplayableControlledSource extends ControlledSource<number> {
  readonly replayable = true;
}
