// The ring channel in one thread, with rings small enough that every test wraps around many times: entries come out
// in the order they went in (batches and control elements), nothing is lost when the ring is full (the overflow
// queue), a batch larger than the ring arrives whole, and the backpressure flag and doorbells tell each side when to
// look again.
import test from "ava";
import {
  ACTIVE, type BarrierElement, type ChannelEntry, END_OF_INPUT, IDLE, isControl, watermark,
} from "../../runtime/core/elements.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { createGenericBatchCodec } from "../../runtime/network/batch-codec.js";
import { Doorbell } from "../../runtime/network/doorbell.js";
import { RingInputChannel, RingOutputChannel, allocateRing } from "../../runtime/network/shared-ring-channel.js";

interface Row {
  seq: number;
  name: string;
  score: number | null;
}

function pair(capacity: number) {
  const spec = allocateRing("a[0]->b[0]", capacity);
  const consumerBell = Doorbell.create();
  const producerBell = Doorbell.create();
  // each end gets its own codec, as each thread would
  const output = new RingOutputChannel(spec, createGenericBatchCodec(), consumerBell);
  const input = new RingInputChannel(spec, createGenericBatchCodec(), producerBell);
  return { spec, output, input, consumerBell, producerBell };
}

function rows(from: number, count: number): RecordBatch<Row> {
  const batch = new RecordBatch<Row>(count);
  for (let i = from; i < from + count; i++) batch.push({ seq: i, name: `row-${i % 7}`, score: i % 5 === 0 ? null : i / 2 }, i * 10);
  return batch;
}

/** What an entry stands for, comparable across the channel (a batch's records, a control element as is). */
function describe(entry: ChannelEntry): unknown {
  if (isControl(entry)) return entry;
  return { records: entry.values.slice(0, entry.length), timestamps: entry.timestamps.slice(0, entry.length) };
}

/** Polls everything there is now. */
function drain(input: RingInputChannel, into: unknown[]): void {
  for (let entry = input.poll(); entry !== undefined; entry = input.poll()) {
    into.push(describe(entry));
    if (!isControl(entry)) {
      entry.length = 0;
      input.recycled.push(entry);
    }
  }
}

const barrier = (checkpointId: number, savepoint: boolean): BarrierElement => ({ kind: "barrier", checkpointId, timestamp: 1_700_000_000_000 + checkpointId, savepoint });

test("batches and control elements come out in order through a ring that wraps many times", (t) => {
  const { output, input } = pair(512);
  const sent: unknown[] = [];
  const received: unknown[] = [];
  let seq = 0;
  for (let round = 0; round < 200; round++) {
    const entries: ChannelEntry[] = [rows(seq, 1 + (round % 5)), watermark(round * 100)];
    seq += 1 + (round % 5);
    if (round % 3 === 0) entries.push(round % 2 === 0 ? IDLE : ACTIVE);
    if (round % 11 === 0) entries.push(barrier(round, round % 22 === 0));
    for (const entry of entries) {
      sent.push(describe(entry));
      output.push(entry);
    }
    // the consumer keeps up only now and then: the ring fills, wraps, and the overflow takes the rest
    if (round % 4 === 3) {
      output.isFull();
      drain(input, received);
    }
  }
  output.push(END_OF_INPUT);
  sent.push(END_OF_INPUT);
  while (received.length < sent.length) {
    output.isFull();
    drain(input, received);
  }
  t.deepEqual(received, sent);
  t.true(input.isEmpty());
  t.is(output.recordsSent, seq);
  t.true(output.bytesSent > 0);
});

test("a full ring keeps later entries in the overflow queue, in order, and reports full until they are in", (t) => {
  const { output, input } = pair(256);
  const sent: unknown[] = [];
  for (let i = 0; i < 40; i++) {
    const batch = rows(i * 3, 3);
    sent.push(describe(batch));
    output.push(batch); // never throws, never drops
    if (i === 20) {
      sent.push(watermark(i));
      output.push(watermark(i));
    }
  }
  t.true(output.overflowLength > 0);
  t.true(output.isFull());
  const received: unknown[] = [];
  for (let guard = 0; guard < 1000 && received.length < sent.length; guard++) {
    drain(input, received);
    output.isFull(); // moves overflow into the room the consumer made
  }
  t.deepEqual(received, sent);
  t.is(output.overflowLength, 0);
  t.false(output.isFull());
});

test("a pushed batch goes back to the writer at once, and the reader reuses the batches it is given back", (t) => {
  const { output, input } = pair(4096);
  const batch = rows(0, 10);
  output.push(batch);
  t.is(output.recycled.pop(), batch, "the writer gets the same batch back to fill again");
  t.is(batch.length, 0);
  const first = input.poll() as RecordBatch;
  t.is(first.length, 10);
  first.length = 0;
  input.recycled.push(first);
  output.push(rows(10, 5));
  t.is(input.poll(), first, "decoded into the recycled batch");
  t.is(first.length, 5);
  t.deepEqual((first.values[0] as Row).seq, 10);
});

test("an entry pushed while the ring is full is encoded at once: later changes to the batch do not leak", (t) => {
  const { output, input } = pair(256);
  const big = rows(0, 8);
  output.push(big);
  const next = rows(100, 8);
  output.push(next); // no room: encoded into the overflow
  next.values[0]!.seq = -1;
  next.length = 0;
  const received: unknown[] = [];
  for (let guard = 0; guard < 100 && received.length < 2; guard++) {
    drain(input, received);
    output.isFull();
  }
  t.deepEqual(received[1], describe(rows(100, 8)));
});

test("a batch larger than the ring arrives whole, between smaller entries", (t) => {
  const { output, input } = pair(1024);
  const huge = new RecordBatch<Row>();
  for (let i = 0; i < 2000; i++) huge.push({ seq: i, name: "x".repeat(i % 50), score: i }, i);
  const hugeText = { seq: 1, name: "y".repeat(100_000), score: null };
  const sent = [describe(rows(0, 2)), describe(huge), watermark(5), describe(RecordBatch.of([hugeText])), describe(rows(2, 2)), END_OF_INPUT];
  output.push(rows(0, 2));
  output.push(huge);
  output.push(watermark(5));
  output.push(RecordBatch.of([hugeText]));
  output.push(rows(2, 2));
  output.push(END_OF_INPUT);
  const received: unknown[] = [];
  for (let guard = 0; guard < 10_000 && received.length < sent.length; guard++) {
    drain(input, received);
    output.isFull();
  }
  t.deepEqual(received, sent);
  t.is(output.recordsSent, 2 + 2000 + 1 + 2);
});

test("a batch of more than half the ring goes in whole when the ring has the room", (t) => {
  const { output, input } = pair(4096);
  // float64 numbers: the encoded size is the bound (strings are bounded at two bytes a code unit)
  const batch = RecordBatch.of(Array.from({ length: 70 }, (_, i) => ({ a: i + 0.5, b: i + 0.25, c: -i - 0.5, d: i / 3 })));
  const expected = describe(batch);
  output.push(batch);
  t.is(output.overflowLength, 0);
  t.true(output.usedBytes > 2048, `${output.usedBytes} bytes`);
  t.deepEqual(describe(input.poll()!), expected);
});

test("the producer's full report sets the waiting flag; the consumer clears it and rings the producer's bell", (t) => {
  const { output, input, producerBell, consumerBell } = pair(1024);
  const rungBefore = consumerBell.current();
  output.push(rows(0, 4));
  t.not(consumerBell.current(), rungBefore, "a push rings the consumer");
  while (!output.isFull()) output.push(rows(0, 4));
  const seen = producerBell.current();
  t.true(output.isFull());
  t.is(producerBell.current(), seen, "no ring while nothing was consumed");
  input.poll();
  t.not(producerBell.current(), seen, "consuming rings the producer that waits");
  const after = producerBell.current();
  input.poll();
  t.is(producerBell.current(), after, "once: the flag was cleared");
});

test("isFull is false below three quarters of the ring, true above", (t) => {
  const { output, input } = pair(4096);
  t.false(output.isFull());
  let pushed = 0;
  while (output.usedBytes <= 3072) {
    t.false(output.isFull());
    output.push(rows(pushed, 1));
    pushed++;
  }
  t.true(output.isFull());
  while (output.isFull()) input.poll();
  t.true(output.usedBytes <= 3072);
});

test("an empty input end polls undefined and says empty; an ended flag is the gate's to set", (t) => {
  const { output, input } = pair(256);
  t.true(input.isEmpty());
  t.is(input.poll(), undefined);
  output.push(END_OF_INPUT);
  t.false(input.isEmpty());
  t.is(input.poll(), END_OF_INPUT);
  t.false(input.ended);
  t.true(input.isEmpty());
});

test("allocateRing rounds the capacity up to a power of two and rejects nonsense", (t) => {
  t.is(allocateRing("c", 1000).buffer.byteLength - 192, 1024);
  t.is(allocateRing("c", 1).buffer.byteLength - 192, 64);
  t.throws(() => allocateRing("c", 0), { message: /ring c: capacity/ });
  t.throws(() => allocateRing("c", Number.NaN));
});

test("a doorbell wait returns at once after a ring it has not seen, else on the next ring or the timeout", async (t) => {
  const bell = Doorbell.create();
  const seen = bell.current();
  bell.ring();
  await bell.waitFor(seen, 10_000); // would time the test out if it slept
  const now = bell.current();
  const began = performance.now();
  setTimeout(() => Doorbell.attach(bell.buffer).ring(), 20);
  await bell.waitFor(now, 10_000);
  t.true(performance.now() - began < 5_000);
  const quiet = bell.current();
  const start = performance.now();
  await bell.waitFor(quiet, 30);
  t.true(performance.now() - start >= 25, "timed out");
  t.throws(() => Doorbell.attach(new ArrayBuffer(8) as unknown as SharedArrayBuffer), { message: /not shared/ });
});

test("a doorbell spin sees a ring made before it or while it watches, and gives up after its time", (t) => {
  const bell = Doorbell.create();
  const seen = bell.current();
  t.false(bell.spinFor(seen, 200));
  bell.ring();
  t.true(bell.spinFor(seen, 0), "a ring since `seen` is seen without spinning");
  t.false(bell.spinFor(bell.current(), 0));
});

// ---- ends that move between workers (work stealing) ---------------------------------------------------------------

test("a second copy of each end that claims the ring continues where the first stopped, and peers ring its worker", (t) => {
  const spec = allocateRing("a[0]->b[0]", 4096, 0, 1);
  const bells = [Doorbell.create(), Doorbell.create(), Doorbell.create()];
  const output0 = new RingOutputChannel(spec, createGenericBatchCodec(), bells);
  const input1 = new RingInputChannel(spec, createGenericBatchCodec(), bells);
  // the copies another worker made of both subtasks when the job was deployed
  const output2 = new RingOutputChannel(spec, createGenericBatchCodec(), bells);
  const input2 = new RingInputChannel(spec, createGenericBatchCodec(), bells);
  const received: unknown[] = [];

  let rung = bells.map((b) => b.current());
  output0.push(rows(0, 3));
  t.deepEqual(bells.map((b, i) => b.current() - rung[i]!), [0, 1, 0], "the producer rang the consumer's worker (1)");
  drain(input1, received);

  output0.push(rows(3, 2));
  t.true(output0.isSettled() && input1.isSettled());
  // the producer's subtask moves to worker 2 with a batch still unread
  output2.claim(2);
  t.true(input1.hasUnread() && input2.hasUnread(), "either copy of the consumer sees the unread batch in the header");
  output2.push(rows(5, 1));
  drain(input1, received);
  t.deepEqual(received, [describe(rows(0, 3)), describe(rows(3, 2)), describe(rows(5, 1))], "the new producer's batch follows the old one's, nothing lost or repeated");

  // the consumer's subtask moves to worker 2 as well
  input2.claim(2);
  rung = bells.map((b) => b.current());
  output2.push(rows(6, 2));
  t.deepEqual(bells.map((b, i) => b.current() - rung[i]!), [0, 0, 1], "the producer rings the consumer's new worker");
  const after: unknown[] = [];
  drain(input2, after);
  t.deepEqual(after, [describe(rows(6, 2))], "the new consumer starts where the old one stopped");
  t.false(input2.hasUnread());
});

test("an end holding an entry the ring had no room for is not settled (its subtask may not move)", (t) => {
  const spec = allocateRing("a[0]->b[0]", 256, 0, 1);
  const bells = [Doorbell.create(), Doorbell.create()];
  const output = new RingOutputChannel(spec, createGenericBatchCodec(), bells);
  for (let i = 0; i < 10; i++) output.push(rows(i * 4, 4));
  t.true(output.overflowLength > 0, "the test filled the ring");
  t.false(output.isSettled());
});
