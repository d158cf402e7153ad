// A sink writer without transactions (stdout's, a user's) is flushed before every checkpoint, as Flink's
// SinkWriter.flush(false) before a barrier: what it buffers is written before the checkpoint counts it as done, so a
// job cancelled and restored from that checkpoint skips nothing on such a sink.
import test from "ava";
import { GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy, type Sink, type SinkWriter } from "../../../runtime/index.js";
import { TickingClock } from "../../helpers/ticking-clock.js";

test("a writer without transactions is flushed (endOfInput false) before each checkpoint, and once at the end (true)", async (t) => {
  const log: string[] = [];
  let buffered = 0;
  const sink: Sink<number> = {
    createWriter: (): SinkWriter<number> => ({
      write: () => void buffered++,
      flush: (endOfInput) => {
        log.push(`flush ${endOfInput} after ${buffered}`);
        buffered = 0;
      },
    }),
  };
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1).setClock(new TickingClock());
  env.getConfig().setBatchSize(8).sliceBudget = 1;
  env.enableCheckpointing(5);
  env.fromSource(new GeneratorSource((i) => i, 2000), WatermarkStrategy.noWatermarks(), "numbers").sinkTo(sink, "sink:out");
  const result = await env.execute("flushes");
  const before = log.filter((l) => l.startsWith("flush false"));
  const checkpoints = result.metrics.checkpoints!;
  t.true(checkpoints.completed > 1, `the job checkpointed (${checkpoints.completed})`);
  t.true(before.length >= checkpoints.completed - 1 && before.length <= checkpoints.completed + checkpoints.failed, `${before.length} flushes for ${checkpoints.completed} checkpoints`);
  t.true(before.some((l) => !l.endsWith(" after 0")), "a flush wrote what the writer held");
  t.is(log.filter((l) => l.startsWith("flush true")).length, 1, "the end of input flushes once");
});
