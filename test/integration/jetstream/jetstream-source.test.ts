// JetStreamSource against the NATS server: reads a stream in sequence order, a bounded read ends at the stream's last
// sequence when it started, a subject filter reads only its subject, a reader restored from a snapshot goes on from
// exactly the next message, and malformed messages fail the job or become dead letters.
import { ManualClock } from "../../../runtime/index.js";
import { JetStreamSource, type JetStreamDeadLetter, type JetStreamSourceOptions, StreamExecutionEnvironment, WatermarkStrategy, type SourceReader } from "../../../runtime/index.js";
import { closeShared, isolatedStream, jsTest as test, NATS, publishAll } from "./js-harness.js";

test.after.always(closeShared);

const decoder = new TextDecoder();
const asNumber = (data: Uint8Array): number => JSON.parse(decoder.decode(data)) as number;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

function reader<T>(options: JetStreamSourceOptions<T>): SourceReader<T> {
  return new JetStreamSource(options).createReader({ subtaskIndex: 0, parallelism: 1, clock: new ManualClock(0) });
}

/** Polls until `count` records came (or the end), waiting on isAvailable between polls as the engine does. */
async function poll<T>(r: SourceReader<T>, count: number, timeoutMs = 10_000): Promise<{ records: T[]; timestamps: number[]; ended: boolean }> {
  const records: T[] = [];
  const timestamps: number[] = [];
  const output = { collect: (v: T, ts?: number) => (records.push(v), timestamps.push(ts ?? NaN)) };
  const deadline = Date.now() + timeoutMs;
  while (records.length < count) {
    const status = r.pollNext(output, Math.min(100, count - records.length));
    if (status === "END_OF_INPUT") return { records, timestamps, ended: true };
    if (status === "NOTHING_AVAILABLE") {
      if (Date.now() > deadline) throw new Error(`no record after ${records.length} of ${count} within ${timeoutMs} ms`);
      await Promise.race([r.isAvailable(), new Promise((res) => setTimeout(res, 200))]);
    }
  }
  return { records, timestamps, ended: false };
}

test("a bounded job reads every message of the stream in sequence order (more than one prefetch buffer)", async (t) => {
  const stream = await isolatedStream(t, "src_order");
  const n = 2500;
  await publishAll(range(0, n).map(String), (i) => `${stream}.${i % 3}`);
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const out = await env
    .fromSource(new JetStreamSource({ servers: NATS, stream, deserialize: asNumber, boundedness: "BOUNDED", prefetch: 300 }), WatermarkStrategy.noWatermarks<number>(), "js")
    .executeAndCollect();
  t.deepEqual(out, range(0, n));
});

test("a bounded read ends at the last sequence the stream had when it started, not at messages published later", async (t) => {
  const stream = await isolatedStream(t, "src_bound");
  await publishAll(range(0, 50).map(String), () => `${stream}.a`);
  const r = reader({ servers: NATS, stream, deserialize: asNumber, boundedness: "BOUNDED" });
  t.teardown(() => r.close?.());
  const first = await poll(r, 10);
  await publishAll(range(50, 80).map(String), () => `${stream}.a`);
  const rest = await poll(r, 1000);
  t.true(rest.ended);
  t.deepEqual([...first.records, ...rest.records], range(0, 50));
});

test("a subject filter reads only its subject; bounded, it ends after its last message even when the stream goes on", async (t) => {
  const stream = await isolatedStream(t, "src_filter");
  // why 42 messages: the stream's last (41) is odd, so the filtered read must end after 40 without waiting for the end
  await publishAll(range(0, 42).map(String), (i) => `${stream}.${i % 2 === 0 ? "even" : "odd"}`);
  const r = reader({ servers: NATS, stream, subject: `${stream}.even`, deserialize: asNumber, boundedness: "BOUNDED" });
  t.teardown(() => r.close?.());
  const all = await poll(r, 1000);
  t.true(all.ended);
  t.deepEqual(all.records, range(0, 42).filter((i) => i % 2 === 0));

  const none = reader({ servers: NATS, stream, subject: `${stream}.nothing`, deserialize: asNumber, boundedness: "BOUNDED" });
  t.teardown(() => none.close?.());
  const empty = await poll(none, 1000);
  t.true(empty.ended, "a filter that matches nothing ends at once");
  t.deepEqual(empty.records, []);
});

test("restored from a snapshot, a reader goes on from exactly the next message: no loss, no duplicate", async (t) => {
  const stream = await isolatedStream(t, "src_resume");
  await publishAll(range(0, 300).map(String), () => `${stream}.x`);
  const options = { servers: NATS, stream, deserialize: asNumber, boundedness: "BOUNDED" as const, prefetch: 64 };
  const a = reader(options);
  const before = await poll(a, 137);
  const position = a.snapshotState!();
  t.deepEqual(position, { next: 138, end: 300 }, "the position is the next stream sequence (sequences start at 1)");
  await a.close?.();
  // the stream grows after the snapshot: a restored bounded read keeps the end it had
  await publishAll(range(300, 320).map(String), () => `${stream}.x`);
  const b = reader(options);
  t.teardown(() => b.close?.());
  b.restoreState!(structuredClone(position));
  const after = await poll(b, 1000);
  t.true(after.ended);
  t.deepEqual([...before.records, ...after.records], range(0, 300));
});

test("an unbounded reader starts at startSequence, waits without blocking, and reads messages published later", async (t) => {
  const stream = await isolatedStream(t, "src_tail");
  await publishAll(range(0, 10).map(String), () => `${stream}.x`);
  const r = reader({ servers: NATS, stream, deserialize: asNumber, startSequence: 6 });
  t.teardown(() => r.close?.());
  const first = await poll(r, 5);
  t.deepEqual(first.records, [5, 6, 7, 8, 9]);
  const output = { collect: () => t.fail("nothing was published") };
  t.is(r.pollNext(output, 10), "NOTHING_AVAILABLE", "pollNext returns at once when nothing is there");
  const available = r.isAvailable();
  await publishAll(["10", "11"], () => `${stream}.x`);
  await available;
  const later = await poll(r, 2);
  t.deepEqual(later.records, [10, 11]);
  t.true(later.timestamps.every((ts) => Math.abs(ts - Date.now()) < 60_000), "records carry the stream's timestamp");
});

test("a malformed message fails the job with its sequence and reason; with onDeadLetter it is reported and skipped", async (t) => {
  const stream = await isolatedStream(t, "src_bad");
  await publishAll(["1", "2", "{oops", "4"], () => `${stream}.x`);
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const failing = env.fromSource(new JetStreamSource({ servers: NATS, stream, deserialize: asNumber, boundedness: "BOUNDED" }), WatermarkStrategy.noWatermarks<number>(), "js");
  const error = await t.throwsAsync(failing.executeAndCollect());
  t.regex(error!.message, new RegExp(`message 3 of stream '${stream}' \\(subject ${stream}\\.x\\).*onDeadLetter`));

  const letters: JetStreamDeadLetter[] = [];
  const env2 = StreamExecutionEnvironment.getExecutionEnvironment();
  const out = await env2
    .fromSource(new JetStreamSource({ servers: NATS, stream, deserialize: asNumber, boundedness: "BOUNDED", onDeadLetter: (l) => letters.push(l) }), WatermarkStrategy.noWatermarks<number>(), "js")
    .executeAndCollect();
  t.deepEqual(out, [1, 2, 4]);
  t.is(letters.length, 1);
  t.like(letters[0], { stream, subject: `${stream}.x`, sequence: 3 });
  t.is(decoder.decode(letters[0]!.data), "{oops");
  t.regex(letters[0]!.reason, /JSON/);
});

test("a stream that does not exist fails the job at once with what to do", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const job = env.fromSource(new JetStreamSource({ servers: NATS, stream: "eddy_it_no_such_stream", deserialize: asNumber, boundedness: "BOUNDED" }), WatermarkStrategy.noWatermarks<number>(), "js");
  const error = await t.throwsAsync(job.executeAndCollect());
  t.regex(error!.message, /JetStream stream 'eddy_it_no_such_stream' does not exist .*nats stream add/);
});
