// Bounded memory on the pool: while a job's sink takes no records, a source that could produce gigabytes stops once
// the channels between it and the sink are full — the shared-memory rings between workers included — so the
// process (whose RSS counts every worker thread's heap) grows by a bounded amount; released, the sink gets every record.
import test from "ava";
import { WorkerPool } from "../../../runtime/index.js";
import { blockedSink } from "./fixtures/blocked-sink-job.js";

const MB = 1024 * 1024;

test.after.always(async () => {
  await WorkerPool.shared().shutdown();
});

test("a blocked sink across a hash edge between 2 workers bounds the memory of a fast source; released, every record arrives once", async (t) => {
  t.timeout(120_000);
  const records = 400_000;
  const payload = 2_500; // 1 GB of payloads in all
  const gate = new SharedArrayBuffer(12);
  const g = new Int32Array(gate);
  // A small run first, with the sink open: the workers' start-up and the job module's loading are not the job's memory.
  const warm = new Int32Array(new SharedArrayBuffer(12));
  warm[0] = 1;
  await blockedSink.run({ records: 1_000, payload: 10, gate: warm.buffer as SharedArrayBuffer }, { workers: 2, configure: (env) => env.setParallelism(2) });
  t.is(Atomics.load(warm, 1), 1_000);
  const before = process.memoryUsage().rss;
  const batch = 256;
  const run = blockedSink.start({ records, payload, gate }, { workers: 2, configure: (env) => env.setParallelism(2).getConfig().setBatchSize(batch) });
  const emitted = () => run.client.metrics().operators.find((o) => o.name === "Payload")?.recordsOut ?? 0;
  // Sample RSS until the source has stopped for a second (metrics arrive from the workers every 200 ms).
  let peak = before;
  let last = -1;
  let still = 0;
  const deadline = Date.now() + 60_000;
  while (still < 5 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    peak = Math.max(peak, process.memoryUsage().rss);
    const now = emitted();
    still = now > 0 && now === last ? still + 1 : 0;
    last = now;
  }
  t.true(still >= 5, "the source stopped while the sink was shut");
  // why a batch each: a sink subtask asks its writer for availability after a batch, so its first batch gets in
  t.true(Atomics.load(g, 1) <= 2 * batch, `the sink took at most a batch per subtask while shut (${Atomics.load(g, 1)})`);
  t.log(`while shut: the source emitted ${last} of ${records} records (${((last * payload) / MB).toFixed(0)} MB of payload); RSS grew by ${((peak - before) / MB).toFixed(0)} MB`);
  t.true(last < records / 10, `backpressure stopped the source early (${last} records emitted)`);
  t.true(peak - before < 200 * MB, `RSS grew by ${((peak - before) / MB).toFixed(0)} MB`);
  Atomics.store(g, 0, 1);
  Atomics.notify(g, 0);
  const { result } = await run.result;
  t.is(result.metrics.workers?.length, 2, "the job ran on the pool");
  t.true(result.metrics.workers!.every((w) => w.exchangeRecords > 0), "records crossed the hash edge between the workers both ways");
  t.is(Atomics.load(g, 1), records, "every record reached the sink");
  let xor = 0;
  for (let i = 0; i < records; i++) xor ^= i;
  t.is(Atomics.load(g, 2), xor, "each record once");
});
