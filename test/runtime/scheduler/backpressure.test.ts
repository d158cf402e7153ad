// Bounded channels: a fast producer waits for a slow consumer instead of buffering without bound.
import test from "ava";
import { StreamExecutionEnvironment } from "../../../runtime/index.js";
import { buildExecutionGraph } from "../../../runtime/graph/execution-graph.js";
import { SingleThreadScheduler } from "../../../runtime/scheduler/single-thread-scheduler.js";
import type { Channel } from "../../../runtime/scheduler/channel.js";
import { ManualClock, type Sink } from "../../../runtime/index.js";

test("channels never hold more than their capacity plus one step's output", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  env.getConfig().setBatchSize(16).setChannelCapacity(64);
  let consumed = 0;
  env
    .fromSequence(1, 20_000)
    .flatMap((x: number) => [x, x, x]) // the producer's step emits 3× its input
    .rebalance()
    .map((x) => x)
    .sinkTo(() => void consumed++);
  const job = env.getJobGraph();
  const clock = new ManualClock();
  const scheduler = new SingleThreadScheduler({ clock, sliceBudget: 4 });
  const exec = buildExecutionGraph(job, {
    jobName: "bp",
    mode: "STREAMING",
    clock,
    batchSize: 16,
    channelCapacity: 64,
    watermarkInterval: 0,
    seed: 1,
    attemptNumber: 0,
    jobParameters: {},
    monotonicNow: () => performance.now(),
    schedule: (s, ts, a) => scheduler.schedule(s, ts, a),
  });
  for (const s of exec.subtasks) await s.open();
  let maxBuffered = 0;
  const channels = exec.subtasks.flatMap((s) => s.gates.flatMap((g) => g.channels)) as Channel[];
  // drive the subtasks by hand, one slice at a time, checking the channels after every slice
  for (let round = 0; round < 100_000 && exec.subtasks.some((s) => s.state === "RUNNING"); round++) {
    for (const s of exec.subtasks) if (s.canRun()) s.runSlice(4);
    for (const c of channels) maxBuffered = Math.max(maxBuffered, c.bufferedRecords);
  }
  t.is(consumed, 60_000);
  // one slice of 4 source batches of 16 records, tripled, may land on one channel after it was just below capacity
  t.true(maxBuffered <= 64 + 4 * 16 * 3, `max buffered ${maxBuffered}`);
});

/**
 * A sink writer that takes `allowed` records, then reports it is not ready (like a stdout pipe whose reader paused)
 * until the test lets it take `step` more.
 */
function pausingSink(step: number) {
  const state = { written: 0, allowed: step, blocked: null as null | (() => void) };
  const sink: Sink<number> = {
    createWriter: () => ({
      write: () => void state.written++,
      availability: () => {
        if (state.written < state.allowed) return null;
        return new Promise<void>((resolve) => (state.blocked = resolve));
      },
    }),
  };
  /** Waits until the sink blocks; then lets it take `step` more records. Returns the records written by then. */
  const release = async (): Promise<number | null> => {
    for (let i = 0; i < 2_000 && state.blocked === null; i++) await new Promise((r) => setTimeout(r, 1));
    if (state.blocked === null) return null;
    const written = state.written;
    const resume = state.blocked;
    state.blocked = null;
    state.allowed = written + step;
    resume();
    return written;
  };
  return { sink, state, release };
}

for (const chained of [true, false]) {
  test(`a sink writer that is not ready holds back the whole job until it is (${chained ? "chained to the source" : "behind a channel"})`, async (t) => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
    env.getConfig().setBatchSize(50).setChannelCapacity(200);
    let produced = 0;
    const { sink, state, release } = pausingSink(1_000);
    const counted = env.fromSequence(1, 10_000).map((x: number) => (produced++, x));
    (chained ? counted : counted.rebalance().map((x) => x)).sinkTo(sink);
    const client = env.executeAsync("paused-reader");
    let pauses = 0;
    for (;;) {
      const written = await release();
      if (written === null) break;
      pauses++;
      // the sink overshoots by at most the batch it was writing; upstream by at most the channel and one slice more
      t.true(written <= state.allowed - 1_000 + 50, `written ${written}`);
      t.true(produced - written <= (chained ? 50 : 200 + 64 * 50), `produced ${produced}, written ${written}`);
    }
    await client.getJobExecutionResult();
    t.is(state.written, 10_000);
    t.true(pauses >= 9, `${pauses} pauses`);
  });
}

test("cancelling a job whose sink never becomes ready again ends it", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const { sink, state } = pausingSink(100);
  env.fromSequence(1, 1_000_000).sinkTo(sink);
  const client = env.executeAsync("stuck-reader");
  while (state.blocked === null) await new Promise((r) => setTimeout(r, 1));
  await client.cancel();
  await t.throwsAsync(client.getJobExecutionResult(), { message: /cancelled/ });
  t.true(state.written < 1_000);
});
