// Process-level exactly-once: a job reading a JetStream stream and writing to another through the exactly-once
// JetStreamSink is killed with SIGKILL at random moments and started again from its newest completed checkpoint; the
// sink stream ends with exactly the messages of a run without failures — no loss, no duplicates.
// (The harness of test/integration/postgres/sigkill.test.ts, fixtures/sigkill-harness.ts, with JetStream at both ends.)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectedRunningSums, killAndRestart, startJob } from "../fixtures/sigkill-harness.js";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll, readStream, uniqueJob } from "./js-harness.js";

test.after.always(closeShared);

const N = 20_000;
const FIXTURE = fileURLToPath(new URL("../fixtures/jetstream-sigkill-job.ts", import.meta.url));

test("SIGKILL at random moments, restart from the newest checkpoint: the sink stream holds every record exactly once", async (t) => {
  t.timeout(180_000);
  const input = await isolatedStream(t, "kill_in");
  const output = await isolatedStream(t, "kill_out");
  await publishAll(Array.from({ length: N }, (_, i) => String(i)), () => `${input}.numbers`);
  const job = uniqueJob("sigkill");
  const root = mkdtempSync(join(tmpdir(), "eddy-js-sigkill-"));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));

  const { killed, restored } = await killAndRestart(t, {
    root,
    kills: 4,
    maxRuns: 10,
    finishTimeoutMs: 60_000,
    start: (run, restoreFrom) => startJob(FIXTURE, run, root, restoreFrom, { EDDY_NATS: NATS, EDDY_IN_STREAM: input, EDDY_OUT_STREAM: output, EDDY_JOB: job }),
    progress: async () => `${(await readStream(output)).length} messages in the sink stream`,
  });
  t.true(killed >= 3, `only ${killed} kills landed while the job ran`);
  t.true(restored >= 2, "restarts resumed from checkpoints");
  const messages = await readStream(output);
  const actual = messages.map((m) => JSON.parse(m.text) as { k: number; seq: number; total: number }).map((r) => `${r.k}|${r.seq}|${r.total}`).sort();
  t.is(actual.length, N, "no loss and no duplicates");
  t.deepEqual(actual, expectedRunningSums(N));
  t.is(new Set(messages.map((m) => m.msgId)).size, N, "every message carries its own id");
});
