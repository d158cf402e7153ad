// Asynchronous pre-commit (a sink whose PREPARE completes later, like a database's): records keep
// flowing while it runs, the checkpoint is acknowledged once it resolves, and a pre-commit that
// fails fails the job, which restarts from the last completed checkpoint — exactly once either way.
import test from "ava";
import {
  GeneratorSource,
  ManualClock,
  RestartStrategies,
  type Sink,
  type SinkWriterContext,
  StreamExecutionEnvironment,
  TransactionalCollectSink,
  type TwoPhaseCommitWriter,
  WatermarkStrategy,
} from "../../../runtime/index.js";

const N = 20_000;

/** A running count per key of 0..N-1, keys i % 5; the sink decides how pre-commits behave. */
async function run(sink: Sink<string>): Promise<{ checkpoints: number; restarts: number }> {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setClock(clock);
  env.getConfig().setBatchSize(4).sliceBudget = 1;
  env.enableCheckpointing(20).getCheckpointConfig().setTolerableCheckpointFailureNumber(100);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  env
    .fromSource(new GeneratorSource((i) => i, N), WatermarkStrategy.noWatermarks<number>(), "gen")
    .map((i) => {
      clock.advance(1);
      return i;
    }, "tick")
    .keyBy((i) => i % 5)
    .reduce((a, b) => a + b, "sum")
    .map((s) => String(s), "show")
    .sinkTo(sink, "Out");
  const result = await env.execute("async pre-commit");
  return { checkpoints: result.metrics.checkpoints!.completed, restarts: result.metrics.restarts ?? 0 };
}

function expected(): string[] {
  const sums = [0, 0, 0, 0, 0];
  const out: string[] = [];
  for (let i = 0; i < N; i++) out.push(String((sums[i % 5]! += i)));
  return out.sort();
}

test("a pre-commit that completes later: the committed output is exactly the records, and checkpoints complete", async (t) => {
  const sink = new TransactionalCollectSink<string>({ preCommitDelayMs: 0 });
  const { checkpoints } = await run(sink);
  t.true(checkpoints >= 1, `checkpoints completed (${checkpoints})`);
  t.deepEqual([...sink.committed].sort(), expected());
});

for (const [when, failAt] of [
  ["of a checkpoint while records flow", 1],
  ["of the final checkpoint after the input ended", Number.MAX_SAFE_INTEGER],
] as const) {
  test(`a pre-commit ${when} that rejects fails the job; the restart from the last checkpoint loses and duplicates nothing`, async (t) => {
    const inner = new TransactionalCollectSink<string>({ preCommitDelayMs: 0 });
    let failed = false;
    const flaky: Sink<string> = {
      createWriter(context: SinkWriterContext) {
        const writer = inner.createWriter(context) as TwoPhaseCommitWriter<string, unknown>;
        return {
          ...writer,
          preCommit: async (checkpointId: number) => {
            const txn = await writer.preCommit(checkpointId);
            if (context.attemptNumber === 0 && checkpointId === failAt && !failed) {
              failed = true;
              throw new Error("PREPARE failed: disk full");
            }
            return txn;
          },
        };
      },
    };
    const { restarts } = await run(flaky);
    t.true(failed, "the pre-commit failed");
    t.is(restarts, 1);
    t.deepEqual([...inner.committed].sort(), expected());
  });
}
