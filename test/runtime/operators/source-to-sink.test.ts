// A source chained to a sink: a source without watermarks hands its reader's records straight to a sink that takes
// them one at a time (no batch in between), counts them, and a failure is still the sink's (with its record) or the
// reader's; otherwise whole batches reach the sink's writer, with each record's timestamp and failures named by record.
import test from "ava";
import {
  EddyError,
  FaultInjector,
  GeneratorSource,
  ManualClock,
  RestartStrategies,
  type ReaderOutput,
  type Source,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  functionSink,
  recordFunctionSink,
} from "../../../runtime/index.js";

const env = () => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);

/** A bounded source of 0..n-1 that logs each record it emits; `failAt` makes the reader itself throw there. */
function loggingSource(n: number, log: string[], options: { timestamps?: boolean; failAt?: number } = {}): Source<{ id: number }> {
  return {
    boundedness: "BOUNDED",
    maxParallelism: 1,
    createReader() {
      let next = 0;
      return {
        pollNext(output: ReaderOutput<{ id: number }>, max: number) {
          for (let k = 0; k < max && next < n; k++, next++) {
            if (next === options.failAt) throw new Error(`reader broke at ${next}`);
            log.push(`read ${next}`);
            output.collect({ id: next }, options.timestamps === true ? 1000 + next : undefined);
          }
          return next < n ? "MORE_AVAILABLE" : "END_OF_INPUT";
        },
        isAvailable: () => Promise.resolve(),
      };
    },
  };
}

test("without watermarks, each record the reader emits reaches a record-function sink at once, in order, and is counted", async (t) => {
  const log: string[] = [];
  const e = env();
  e.fromSource(loggingSource(5, log), WatermarkStrategy.noWatermarks(), "src").sinkTo(recordFunctionSink((r: { id: number }) => void log.push(`write ${r.id}`)), "sink:out");
  const result = await e.execute("direct");
  // the hand-over is record by record: a batch would read all five before writing any
  t.deepEqual(log, [0, 1, 2, 3, 4].flatMap((i) => [`read ${i}`, `write ${i}`]));
  const src = result.metrics.operators.find((o) => o.name === "src")!;
  const sink = result.metrics.operators.find((o) => o.name === "sink:out")!;
  t.is(src.recordsOut, 5);
  t.is(sink.recordsIn, 5);
});

test("with a timestamp assigner the sink gets whole batches, after the reader, with each record's timestamp", async (t) => {
  const log: string[] = [];
  const seen: (number | null)[] = [];
  const e = env();
  e.fromSource(loggingSource(3, log), WatermarkStrategy.noWatermarks<{ id: number }>().withTimestampAssigner((r) => 10 * r.id), "src")
    .sinkTo(functionSink((r: { id: number }, ctx) => {
      log.push(`write ${r.id}`);
      seen.push(ctx.timestamp);
    }), "sink:out");
  await e.execute("batched");
  t.deepEqual(log, ["read 0", "read 1", "read 2", "write 0", "write 1", "write 2"]);
  t.deepEqual(seen, [0, 10, 20]);
});

test("a pass-through source keeps the reader's timestamps, and none stays none, for a sink that reads the context", async (t) => {
  const seen: (number | null)[] = [];
  const plain: (number | null)[] = [];
  const e = env();
  e.fromSource(loggingSource(3, [], { timestamps: true }), WatermarkStrategy.noWatermarks(), "a").sinkTo(functionSink((_r, ctx) => void seen.push(ctx.timestamp)), "sink:a");
  e.fromSource(loggingSource(2, []), WatermarkStrategy.noWatermarks(), "b").sinkTo(functionSink((_r, ctx) => void plain.push(ctx.timestamp)), "sink:b");
  await e.execute("timestamps");
  t.deepEqual(seen, [1000, 1001, 1002]);
  t.deepEqual(plain, [null, null]);
});

test("a record-function sink fed directly that fails names the sink operator, subtask and record", async (t) => {
  const e = env();
  const written: number[] = [];
  e.fromSource(loggingSource(600, []), WatermarkStrategy.noWatermarks(), "src").sinkTo(recordFunctionSink((r: { id: number }) => {
    if (r.id === 517) throw new Error("sink refused");
    written.push(r.id);
  }), "sink:out");
  const error = await t.throwsAsync(e.execute("failing-sink"), { instanceOf: EddyError });
  t.regex(error!.message, /sink refused/);
  t.regex(error!.message, /operator 'sink:out'/);
  t.regex(error!.message, /subtask 0/);
  t.regex(error!.message, /"id":517/);
  t.is(written.length, 517, "the records before the failing one were written, in order");
});

test("a reader that fails ahead of a direct sink is still the source's failure", async (t) => {
  const e = env();
  e.fromSource(loggingSource(10, [], { failAt: 4 }), WatermarkStrategy.noWatermarks(), "src").sinkTo(recordFunctionSink(() => {}), "sink:out");
  const error = await t.throwsAsync(e.execute("failing-reader"), { instanceOf: EddyError });
  t.regex(error!.message, /reader broke at 4/);
  t.regex(error!.message, /operator 'src'/);
  t.notRegex(error!.message, /sink:out/);
});

test("a batch-writing function sink that fails names the failing record of the batch", async (t) => {
  const e = env();
  e.fromSource(loggingSource(50, []), WatermarkStrategy.noWatermarks<{ id: number }>().withTimestampAssigner((r) => r.id), "src")
    .sinkTo(functionSink((r: { id: number }) => {
      if (r.id === 33) throw new Error("no 33");
    }), "sink:out");
  const error = await t.throwsAsync(e.execute("failing-batch-sink"), { instanceOf: EddyError });
  t.regex(error!.message, /no 33/);
  t.regex(error!.message, /operator 'sink:out'/);
  t.regex(error!.message, /"id":33/);
});

test("a record-function sink given something else than a function says which sink and what it got", (t) => {
  const error = t.throws(() => recordFunctionSink(42 as unknown as (r: unknown) => void, "sinks.bids"));
  t.is(error!.message, "sinks.bids must be a function taking one record, got number");
});

test("a timestamp assigner that fails on a source without watermarks names the source and the record", async (t) => {
  const e = env();
  e.fromSource(loggingSource(20, []), WatermarkStrategy.noWatermarks<{ id: number }>().withTimestampAssigner((r) => {
    if (r.id === 12) throw new Error("no time for 12");
    return r.id;
  }), "src").sinkTo(recordFunctionSink(() => {}), "sink:out");
  const error = await t.throwsAsync(e.execute("failing-assigner"), { instanceOf: EddyError });
  t.regex(error!.message, /no time for 12/);
  t.regex(error!.message, /operator 'src'/);
  t.regex(error!.message, /"id":12/);
});

test("records handed straight to the sink are replayed from the last checkpoint after a crash: each at least once, in order per attempt", async (t) => {
  const n = 600;
  const clock = new ManualClock(0);
  const e = env().setClock(clock);
  e.getConfig().setBatchSize(8);
  e.getConfig().sliceBudget = 1;
  e.enableCheckpointing(1).setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  e.getCheckpointConfig().setCheckpointInterval(40);
  const faults = new FaultInjector([{ kind: "crash-at-record", operator: "sink:out", subtask: 0, record: 333 }]);
  e.setFaultInjector(faults);
  const written: number[] = [];
  const log: string[] = [];
  e.fromSource(new GeneratorSource((i) => {
    log.push(`read ${i}`);
    return i;
  }, n), WatermarkStrategy.noWatermarks<number>(), "src").uid("src").sinkTo(recordFunctionSink((i: number) => {
    // why: processing time advances with the data, so checkpoints fall between polls all along the input
    clock.advance(1);
    log.push(`write ${i}`);
    written.push(i);
  }), "sink:out");
  const result = await e.execute("direct-recovery");
  t.is(faults.fired.length, 1);
  t.is(result.metrics.restarts, 1);
  // the second attempt starts at a checkpointed position at or before the crash and runs to the end, in order
  const restart = written.findIndex((x, k) => k > 0 && x <= written[k - 1]!);
  t.true(restart > 0, "the sink saw a second attempt");
  const first = written.slice(0, restart);
  const second = written.slice(restart);
  t.deepEqual(first, Array.from({ length: first.length }, (_, i) => i));
  t.true(second[0]! > 0 && second[0]! <= first.length, `replay from ${second[0]} after ${first.length} written`);
  t.deepEqual(second, Array.from({ length: n - second[0]! }, (_, i) => second[0]! + i));
  // the hand-over stayed record by record across the restore
  t.is(log.indexOf(`write ${second[0]}`, log.lastIndexOf(`read ${second[0]}`)), log.lastIndexOf(`read ${second[0]}`) + 1);
});

/** A bounded source of 0..n-1 that logs the `max` of every poll and the position of every snapshot. */
function pollLoggingSource(n: number, maxes: number[], snapshots: number[]): Source<number> {
  return {
    boundedness: "BOUNDED",
    maxParallelism: 1,
    replayable: true,
    createReader() {
      let next = 0;
      return {
        pollNext(output: ReaderOutput<number>, max: number) {
          maxes.push(max);
          for (let k = 0; k < max && next < n; k++) output.collect(next++);
          return next < n ? "MORE_AVAILABLE" : "END_OF_INPUT";
        },
        isAvailable: () => Promise.resolve(),
        snapshotState: () => (snapshots.push(next), next),
        restoreState: (s: unknown) => void (next = s as number),
      };
    },
  };
}

test("a source handing records straight to a sink function reads its whole slice in one poll; checkpoints still fall every slice", async (t) => {
  // batches of 8, slices of 4 batches: a direct source polls 32 records at a time, a batching one 8
  const run = async (direct: boolean) => {
    const maxes: number[] = [];
    const snapshots: number[] = [];
    const written: number[] = [];
    const clock = new ManualClock(0);
    const e = env().setClock(clock);
    e.getConfig().setBatchSize(8);
    e.getConfig().sliceBudget = 4;
    e.enableCheckpointing(10);
    const write = (i: number) => {
      clock.advance(1); // why: processing time moves with the data, so checkpoints are due all along the input
      written.push(i);
    };
    e.fromSource(pollLoggingSource(100, maxes, snapshots), WatermarkStrategy.noWatermarks<number>(), "src").uid("src")
      .sinkTo(direct ? recordFunctionSink(write) : functionSink(write), "sink:out");
    await e.execute(direct ? "direct-polls" : "batched-polls");
    return { maxes, snapshots, written };
  };
  const direct = await run(true);
  const batched = await run(false);
  t.deepEqual(direct.maxes, [32, 32, 32, 32]);
  t.deepEqual(batched.maxes, Array.from({ length: 13 }, () => 8));
  t.deepEqual(direct.written, Array.from({ length: 100 }, (_, i) => i));
  t.deepEqual(batched.written, direct.written);
  // a barrier waits for the slice it arrives in, as long in records either way: positions between slices only
  for (const { snapshots } of [direct, batched]) {
    const inner = snapshots.filter((p) => p < 100);
    t.true(inner.length > 0, "checkpoints were taken while the source read");
    t.true(inner.every((p) => p % 32 === 0), `snapshot positions ${inner.join(", ")}`);
  }
});
