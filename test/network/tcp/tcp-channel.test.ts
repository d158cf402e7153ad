// Channels between processes over TCP (runtime/network/tcp): entries arrive whole and in order however TCP splits
// them, credits bound what is in flight (backpressure crosses the connection), a consumer may open its end before or
// after the producer's first frames, and a broken connection is reported.
import assert from "node:assert/strict";
import test from "ava";
import { type ChannelEntry, END_OF_INPUT, IDLE, watermark } from "../../../runtime/core/elements.js";
import { RecordBatch } from "../../../runtime/core/record-batch.js";
import { createGenericBatchCodec } from "../../../runtime/index.js";
import { TcpExchange } from "../../../runtime/network/tcp/tcp-exchange.js";
import type { TcpInputChannel } from "../../../runtime/network/tcp/tcp-input-channel.js";

interface Pair {
  producer: TcpExchange;
  consumer: TcpExchange;
  close(): Promise<void>;
}

async function pair(): Promise<Pair> {
  const producer = new TcpExchange();
  const consumer = new TcpExchange();
  await producer.listen();
  await consumer.listen();
  return { producer, consumer, close: async () => { await producer.close(); await consumer.close(); } };
}

/** Reads entries until `count` arrived (waking on each arrival). */
function drain(input: TcpInputChannel, count: number, arrived: { wake: () => void }): Promise<ChannelEntry[]> {
  const got: ChannelEntry[] = [];
  return new Promise((resolve) => {
    const read = () => {
      for (let e = input.poll(); e !== undefined; e = input.poll()) {
        got.push(isBatch(e) ? RecordBatch.of(e.values.slice(0, e.length), e.timestamps.slice(0, e.length)) : e);
        if (got.length === count) return resolve(got);
      }
    };
    arrived.wake = read;
    read();
  });
}

function isBatch(e: ChannelEntry): e is RecordBatch {
  return (e as { kind?: unknown }).kind === undefined;
}

function batchOf(from: number, n: number): RecordBatch<{ id: number; name: string }> {
  const b = new RecordBatch<{ id: number; name: string }>(0);
  for (let i = 0; i < n; i++) b.push({ id: from + i, name: `r${from + i}` }, 1000 + from + i);
  return b;
}

test("records and control elements cross in order, big batches split by TCP included", async (t) => {
  const p = await pair();
  const arrived = { wake: () => {} };
  const input = p.consumer.openInput("e0:0->0", createGenericBatchCodec(), 64, () => arrived.wake());
  const output = await p.producer.openOutput("e0:0->0", p.consumer.localAddress!, createGenericBatchCodec(), 64, () => {});
  const sent: ChannelEntry[] = [batchOf(0, 3), watermark(42), IDLE, { kind: "barrier", checkpointId: 7, timestamp: 123, savepoint: true }, batchOf(3, 100_000), END_OF_INPUT];
  const expected = sent.map((e) => (isBatch(e) ? { values: e.values.slice(0, e.length), timestamps: e.timestamps.slice(0, e.length) } : e));
  for (const e of sent) output.push(e);
  const got = await drain(input, sent.length, arrived);
  // why node's assert: ava's diffing of 100,000 records takes seconds
  assert.deepStrictEqual(got.map((e) => (isBatch(e) ? { values: e.values.slice(0, e.length), timestamps: e.timestamps.slice(0, e.length) } : e)), expected);
  t.is(output.recordsSent, 100_003);
  await p.close();
});

test("credits: the producer is full after `capacity` unconsumed batches, and writable again once the consumer takes them", async (t) => {
  const p = await pair();
  const arrived = { wake: () => {} };
  let writable = 0;
  const input = p.consumer.openInput("c", createGenericBatchCodec(), 4, () => arrived.wake());
  const output = await p.producer.openOutput("c", p.consumer.localAddress!, createGenericBatchCodec(), 4, () => writable++);
  for (let i = 0; i < 4; i++) {
    t.false(output.isFull(), `batch ${i} has a credit`);
    output.push(batchOf(i * 10, 10));
  }
  t.true(output.isFull(), "four batches in flight use up four credits");
  // control elements need no credit
  output.push(watermark(1));
  const creditsBack = new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (!output.isFull()) { clearInterval(check); resolve(); }
    }, 1);
  });
  await drain(input, 5, arrived);
  await creditsBack;
  t.true(writable >= 1, "the producer was told it may write again");
  t.false(output.isFull());
  await p.close();
});

test("the consumer may open its end after the producer's first frames arrived", async (t) => {
  const p = await pair();
  const output = await p.producer.openOutput("late", p.consumer.localAddress!, createGenericBatchCodec(), 8, () => {});
  output.push(batchOf(0, 5));
  output.push(END_OF_INPUT);
  await new Promise((r) => setTimeout(r, 50));
  const arrived = { wake: () => {} };
  const input = p.consumer.openInput("late", createGenericBatchCodec(), 8, () => arrived.wake());
  const got = await drain(input, 2, arrived);
  t.deepEqual((got[0] as RecordBatch).values.slice(0, 5).map((r) => (r as { id: number }).id), [0, 1, 2, 3, 4]);
  t.is(got[1], END_OF_INPUT);
  await p.close();
});

test("many channels share one connection and keep apart", async (t) => {
  const p = await pair();
  const channels = 20;
  const ins = Array.from({ length: channels }, (_, c) => {
    const arrived = { wake: () => {} };
    return { arrived, input: p.consumer.openInput(`ch${c}`, createGenericBatchCodec(), 16, () => arrived.wake()) };
  });
  const outs = await Promise.all(Array.from({ length: channels }, (_, c) => p.producer.openOutput(`ch${c}`, p.consumer.localAddress!, createGenericBatchCodec(), 16, () => {})));
  outs.forEach((o, c) => { o.push(batchOf(c * 1000, 50)); o.push(END_OF_INPUT); });
  for (let c = 0; c < channels; c++) {
    const got = await drain(ins[c]!.input, 2, ins[c]!.arrived);
    t.deepEqual((got[0] as RecordBatch).values.slice(0, 50).map((r) => (r as { id: number }).id), Array.from({ length: 50 }, (_, i) => c * 1000 + i));
  }
  await p.close();
});

test("a connection that breaks is reported to the exchange", async (t) => {
  let report: (e: Error) => void = () => {};
  const broken = new Promise<Error>((resolve) => (report = resolve));
  const producer = new TcpExchange((e) => report(e));
  const consumer = new TcpExchange();
  await consumer.listen();
  const output = await producer.openOutput("x", consumer.localAddress!, createGenericBatchCodec(), 4, () => {});
  output.push(batchOf(0, 1));
  await consumer.close();
  const e = await broken;
  t.regex(e.message, /ended the connection|closed/);
  await producer.close().catch(() => {});
});
