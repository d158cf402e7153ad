// The stdout() sink: lines gathered into chunks, and "not ready" while the stream it writes to is full.
import test from "ava";
import { EventEmitter } from "node:events";
import { stdoutSink } from "../../../runtime/support/sinks.js";
import type { SinkWriter } from "../../../runtime/index.js";

/** A stream whose buffer is "full" after `capacity` characters until the test drains it. */
class FakeStream extends EventEmitter {
  readonly chunks: string[] = [];
  buffered = 0;
  constructor(private readonly capacity: number) {
    super();
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return this.buffered < this.capacity;
  }
  drain(): void {
    this.buffered = 0;
    this.emit("drain");
  }
}

const context = { timestamp: null, currentWatermark: 0 };
const writerOf = (stream: FakeStream | null) =>
  stdoutSink<{ n: number }>("jsonl", stream).createWriter({ subtaskIndex: 0, parallelism: 1, jobName: "j", operatorName: "sink:out", attemptNumber: 0 }) as SinkWriter<{ n: number }>;

test("lines are written in one chunk when the job yields, or at the end of input", async (t) => {
  const stream = new FakeStream(1e9);
  const writer = writerOf(stream);
  for (let n = 1; n <= 3; n++) writer.write({ n }, context);
  t.deepEqual(stream.chunks, [], "nothing yet: the lines wait for the chunk");
  await new Promise((r) => setImmediate(r));
  t.deepEqual(stream.chunks, ['{"n":1}\n{"n":2}\n{"n":3}\n']);
  writer.write({ n: 4 }, context);
  writer.flush!(true);
  t.deepEqual(stream.chunks.slice(1), ['{"n":4}\n']);
});

test("a full stream makes the writer not ready until it drains; 64 KiB of lines are written at once", async (t) => {
  const stream = new FakeStream(100_000);
  const writer = writerOf(stream);
  t.is(writer.availability!(), null);
  let n = 0;
  while (stream.chunks.length < 2) writer.write({ n: n++ }, context);
  t.true(stream.chunks.every((c) => c.length >= 65_536), "written in chunks of at least 64 KiB");
  const ready = writer.availability!();
  t.not(ready, null, "the stream took more than its capacity");
  let resolved = false;
  void ready!.then(() => (resolved = true));
  await new Promise((r) => setImmediate(r));
  t.false(resolved);
  stream.drain();
  await ready;
  t.true(resolved);
  t.is(writer.availability!(), null);
  const text = stream.chunks.join("");
  t.deepEqual(text.split("\n").slice(0, 3), ['{"n":0}', '{"n":1}', '{"n":2}'], "in order, one line each");
});

test("null (eddy run --quiet) drops the records", (t) => {
  const writer = writerOf(null);
  writer.write({ n: 1 }, context);
  t.is(writer.availability?.() ?? null, null);
});
