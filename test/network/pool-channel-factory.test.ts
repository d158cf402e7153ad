// The pool's channel factory gives each ring end the codec of its edge: a channel opened with a codec factory
// encodes in that codec's format (a generic end cannot read it), one instance per factory per worker; a channel
// opened without one uses the worker's generic codec; a channel inside the worker is an in-thread queue.
import test from "ava";
import { compileBatchCodec } from "../../bench/exchange/compile-batch-codec.js";
import { INT, record, STRING } from "../../compiler/types/type.js";
import { isControl } from "../../runtime/core/elements.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { createGenericBatchCodec } from "../../runtime/network/batch-codec.js";
import { Doorbell } from "../../runtime/network/doorbell.js";
import { PoolChannelFactory, type RingDescription } from "../../runtime/network/pool-channel-factory.js";
import { schemaBatchCodec } from "../../runtime/network/schema-batch-codec.js";
import { allocateRing, RingInputChannel } from "../../runtime/network/shared-ring-channel.js";

const ROW = record([{ name: "id", type: INT }, { name: "name", type: STRING }], "Row");
const placement = { workers: 2, workerOf: [[0], [1]], movable: [false, false] };

/** Worker `worker`'s factory over rings for channels a and b (both from worker 0 to worker 1). */
function factoryOf(worker: number, rings: Record<string, RingDescription>, bells: Doorbell[]): PoolChannelFactory {
  return new PoolChannelFactory(worker, placement, rings, bells, createGenericBatchCodec(), 4);
}

function setup() {
  const rings: Record<string, RingDescription> = {};
  for (const id of ["a", "b", "c"]) rings[id] = { buffer: allocateRing(id, 1 << 16, 0, 1).buffer, producerWorker: 0, consumerWorker: 1 };
  const bells = [Doorbell.create(), Doorbell.create()];
  return { rings, bells, producer: factoryOf(0, rings, bells), consumer: factoryOf(1, rings, bells) };
}

const rows = (n: number) => RecordBatch.of(Array.from({ length: n }, (_, i) => ({ id: i, name: `n${i % 3}` })), Array.from({ length: n }, (_, i) => i));

test("a channel opened with a codec factory uses that codec at both ends; without, the generic one", (t) => {
  const { rings, bells, producer, consumer } = setup();
  const rowCodec = () => schemaBatchCodec(compileBatchCodec(ROW));
  const out = producer.open("a", true, false, rowCodec).output!;
  const generic = producer.open("b", true, false, null).output!;
  t.is(producer.codecNames.get("a"), "Row");
  t.is(producer.codecNames.get("b"), "generic");
  out.push(rows(5));
  generic.push(rows(5));
  const input = consumer.open("a", false, true, rowCodec).input!;
  t.is(consumer.codecNames.get("a"), "Row");
  const entry = input.poll();
  t.true(entry !== undefined && !isControl(entry));
  t.deepEqual((entry as RecordBatch).values.slice(0, 5), rows(5).values);
  t.deepEqual(producer.schemaCodecBatches(), { schema: 1, fallback: 0 });
  // the frame on ring a is in the schema's format: an end with the generic codec refuses it
  out.push(rows(3));
  const wrongEnd = new RingInputChannel({ id: "a", buffer: rings["a"]!.buffer }, createGenericBatchCodec(), bells[0]!);
  t.throws(() => wrongEnd.poll(), { message: /not the generic codec's/ });
  // the generic channel's frame reads with the generic codec
  const plain = new RingInputChannel({ id: "b", buffer: rings["b"]!.buffer }, createGenericBatchCodec(), bells[0]!);
  t.deepEqual((plain.poll() as RecordBatch).values.slice(0, 5), rows(5).values);
});

test("one codec instance per factory in a worker; a batch that does not fit goes out generic and is counted", (t) => {
  const { producer } = setup();
  let made = 0;
  const rowCodec = () => {
    made++;
    return schemaBatchCodec(compileBatchCodec(ROW));
  };
  const a = producer.open("a", true, false, rowCodec).output!;
  producer.open("c", true, false, rowCodec);
  t.is(made, 1);
  a.push(RecordBatch.of([{ id: 1, name: "x" }, { id: "not a number", name: "y" }]));
  t.deepEqual(producer.schemaCodecBatches(), { schema: 0, fallback: 1 });
});

test("a channel between two subtasks of the same worker is an in-thread queue, codec or not", (t) => {
  const { producer } = setup();
  const ends = producer.open("local", true, true, () => schemaBatchCodec(compileBatchCodec(ROW)));
  t.true(ends.output !== null && (ends.output as unknown) === ends.input);
  t.false(producer.codecNames.has("local"));
});
