// JetStreamSink against the NATS server: nothing is published before the checkpoint completes, a commit publishes the
// interval's messages in order with ids a repeated commit repeats (JetStream drops them as duplicates), a job with
// crashes and restarts leaves each record in the stream exactly once, and a too short duplicate window is refused.
import {
  FaultInjector,
  JetStreamSink,
  JetStreamSource,
  RestartStrategies,
  StreamExecutionEnvironment,
  type JetStreamTransaction,
  type SinkWriterContext,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import type { JetStreamExactlyOnceWriter } from "../../../runtime/connectors/jetstream/exactly-once-writer.js";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll, readStream, uniqueJob } from "./js-harness.js";

test.after.always(closeShared);

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

function writerContext(jobName: string): SinkWriterContext {
  return { subtaskIndex: 0, parallelism: 1, jobName, operatorName: "out", attemptNumber: 0 };
}

test("a commit publishes the interval's messages in order; a repeated commit, even from a new writer, adds nothing", async (t) => {
  const stream = await isolatedStream(t, "sink_commit");
  const job = uniqueJob("commit");
  const sink = new JetStreamSink<{ i: number; text: string }>({ servers: NATS, stream, subject: `${stream}.out`, serialize: (r) => JSON.stringify(r) });
  const writer = (await sink.createWriter(writerContext(job))) as JetStreamExactlyOnceWriter<{ i: number; text: string }>;
  t.teardown(() => writer.close());
  // non-ASCII text: the payload buffer is filled by encodeInto
  const records = range(0, 1500).map((i) => ({ i, text: i % 7 === 0 ? `größe ✓ ${i}` : `r${i}` }));
  for (const r of records.slice(0, 1000)) writer.write(r);
  const first = writer.preCommit(1)!;
  for (const r of records.slice(1000)) writer.write(r);
  const second = writer.preCommit(2)!;
  t.is(writer.preCommit(3), null, "an interval without records is no transaction");
  t.deepEqual(await readStream(stream), [], "nothing is visible before the checkpoint completes");

  // the transactions travel through the checkpoint as plain data (v8 serialisation, like a state file)
  const stored = structuredClone([first, second]) as JetStreamTransaction[];
  await writer.commit([first, second]);
  const after = await readStream(stream);
  t.deepEqual(after.map((m) => JSON.parse(m.text)), records);
  t.is(new Set(after.map((m) => m.msgId)).size, 1500, "every message has its own id");
  t.regex(after[0]!.msgId!, new RegExp(`^eddy:${job}:out:0:[\\w-]+:1:0$`));
  t.is(writer.published, 1500);

  await writer.recoverAndCommit(stored);
  t.is(writer.duplicates, 1500, "the stream reports every repeated message as a duplicate");
  const again = (await sink.createWriter({ ...writerContext(job), attemptNumber: 1 })) as JetStreamExactlyOnceWriter<{ i: number; text: string }>;
  t.teardown(() => again.close());
  await again.recoverAndCommit(stored);
  t.is(again.published, 0);
  t.is((await readStream(stream)).length, 1500, "a commit repeated after a restart adds nothing");
});

test("subject may be a function of the record: each message lands on its record's subject", async (t) => {
  const stream = await isolatedStream(t, "sink_subject");
  const sink = new JetStreamSink<number>({ servers: NATS, stream, subject: (i) => `${stream}.${i % 2 === 0 ? "even" : "odd"}`, serialize: String });
  const writer = await sink.createWriter(writerContext(uniqueJob("subject")));
  t.teardown(() => writer.close());
  for (const i of range(0, 10)) writer.write(i);
  await writer.commit([writer.preCommit(1)!]);
  t.deepEqual(
    (await readStream(stream)).map((m) => `${m.subject.slice(stream.length + 1)}:${m.text}`),
    range(0, 10).map((i) => `${i % 2 === 0 ? "even" : "odd"}:${i}`),
  );
});

test("the writer refuses a stream whose duplicate window is shorter than minDuplicateWindowMs, saying how to fix it", async (t) => {
  const stream = await isolatedStream(t, "sink_window", { duplicate_window: 5_000 * 1_000_000 });
  const sink = new JetStreamSink<number>({ servers: NATS, stream, subject: `${stream}.out`, serialize: String });
  const error = await t.throwsAsync(Promise.resolve(sink.createWriter(writerContext(uniqueJob("window")))));
  t.regex(error!.message, new RegExp(`stream '${stream}' drops repeated message ids only within 5000 ms, shorter than the sink's minDuplicateWindowMs 120000 ms.*--dupe-window`));
  const lenient = new JetStreamSink<number>({ servers: NATS, stream, subject: `${stream}.out`, serialize: String, minDuplicateWindowMs: 5_000 });
  const writer = await lenient.createWriter(writerContext(uniqueJob("window")));
  await writer.close?.();
  t.pass("a window as long as the minimum is accepted");
});

test("a subject that another stream stores fails the commit with a message naming both streams", async (t) => {
  const stream = await isolatedStream(t, "sink_own");
  const other = await isolatedStream(t, "sink_other");
  const sink = new JetStreamSink<number>({ servers: NATS, stream, subject: `${other}.x`, serialize: String });
  const writer = await sink.createWriter(writerContext(uniqueJob("other")));
  t.teardown(() => writer.close());
  writer.write(1);
  const error = await t.throwsAsync(Promise.resolve(writer.commit([writer.preCommit(1)!])));
  t.regex(error!.message, new RegExp(`which stream '${other}' stores, not '${stream}'`));
});

test("a checkpointed job with crashes (a record, before a commit) and restarts: the sink stream holds every record exactly once", async (t) => {
  const input = await isolatedStream(t, "job_in");
  const output = await isolatedStream(t, "job_out");
  const n = 3000;
  await publishAll(range(0, n).map(String), () => `${input}.x`);
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.enableCheckpointing(20).setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 0));
  env.setFaultInjector(
    new FaultInjector([
      { kind: "crash-at-record", operator: "out", subtask: 0, record: 1200 },
      { kind: "crash-before-commit", operator: "out", subtask: 0, commit: 3 },
    ]),
  );
  const decoder = new TextDecoder();
  env
    .fromSource(new JetStreamSource({ servers: NATS, stream: input, deserialize: (d) => Number(decoder.decode(d)), boundedness: "BOUNDED", prefetch: 100 }), WatermarkStrategy.noWatermarks<number>(), "in")
    .uid("in")
    .map((i) => i * 10, "times-ten")
    .uid("times-ten")
    .sinkTo(new JetStreamSink<number>({ servers: NATS, stream: output, subject: `${output}.out`, serialize: String }), "out")
    .uid("out");
  const result = await env.execute(uniqueJob("faults"));
  t.true((result.metrics.restarts ?? 0) >= 2, `both faults struck (restarts: ${result.metrics.restarts})`);
  const stored = (await readStream(output)).map((m) => Number(m.text));
  t.is(stored.length, n, "no loss and no duplicates");
  t.deepEqual(stored, range(0, n).map((i) => i * 10), "in input order (one subtask)");
});

test("without checkpointing, a bounded job publishes everything when its input ends", async (t) => {
  const output = await isolatedStream(t, "nockpt_out");
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.fromCollection(range(0, 100)).sinkTo(new JetStreamSink<number>({ servers: NATS, stream: output, subject: `${output}.out`, serialize: String }), "out");
  await env.execute(uniqueJob("nockpt"));
  t.deepEqual((await readStream(output)).map((m) => Number(m.text)), range(0, 100));
});
