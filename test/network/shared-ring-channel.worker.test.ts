// The ring channel across real threads: a worker streams 1,000,000 records through a small ring to this thread;
// every record arrives once, in order, equal to what was sent (a checksum over all fields), and neither side spins:
// both sleep on their doorbells.
import test from "ava";
import { isControl } from "../../runtime/core/elements.js";
import { genericBatchCodec } from "../../runtime/network/batch-codec.js";
import { Doorbell } from "../../runtime/network/doorbell.js";
import { RingInputChannel, allocateRing } from "../../runtime/network/shared-ring-channel.js";
import { startTsWorker } from "../helpers/ts-worker.js";
import { checksumOf, type StreamRecord } from "./fixtures/ring-stream.js";

const COUNT = 1_000_000;

test("a worker streams 1,000,000 records through a 64 KiB ring: all arrive, in order, unchanged", async (t) => {
  const spec = allocateRing("producer[0]->consumer[0]", 64 * 1024);
  const consumerBell = Doorbell.create();
  const producerBell = Doorbell.create();
  const worker = startTsWorker(new URL("./fixtures/ring-producer.ts", import.meta.url), {
    spec, consumerBell: consumerBell.buffer, producerBell: producerBell.buffer, count: COUNT, batchSize: 500,
  });
  let failure: unknown = null;
  const report = new Promise<{ checksum: number; sleeps: number; recordsSent: number; bytesSent: number }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (e) => reject((failure = e)));
    worker.once("exit", (code) => reject((failure ??= new Error(`the producer exited with ${code}`))));
  });
  report.catch(() => {});
  const input = new RingInputChannel(spec, genericBatchCodec, producerBell);
  let received = 0;
  let checksum = 0;
  let outOfOrder = 0;
  let sleeps = 0;
  let ended = false;
  while (!ended && failure === null) {
    const seen = consumerBell.current();
    const entry = input.poll();
    if (entry === undefined) {
      sleeps++;
      await consumerBell.waitFor(seen, 200);
      continue;
    }
    if (isControl(entry)) {
      ended = entry.kind === "end-of-input";
      continue;
    }
    const values = entry.values as StreamRecord[];
    for (let i = 0; i < entry.length; i++) {
      const record = values[i]!;
      if (record.seq !== received || entry.timestamps[i] !== received) outOfOrder++;
      checksum = checksumOf(checksum, record);
      received++;
    }
    entry.length = 0;
    input.recycled.push(entry);
  }
  const sent = await report;
  await worker.terminate();
  t.is(received, COUNT);
  t.is(outOfOrder, 0);
  t.is(checksum, sent.checksum);
  t.is(sent.recordsSent, COUNT);
  t.log(`${(sent.bytesSent / COUNT).toFixed(1)} bytes/record; sleeps: producer ${sent.sleeps}, consumer ${sleeps}`);
});
