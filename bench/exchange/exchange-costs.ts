// Where the exchange's time goes, each step measured alone in this thread (CPU time, best of a few runs) on the bids
// the exchange benchmark sends: partitioning and batching (RecordWriter with the hash selector), the codec's two
// encode steps, and decoding with the consumer's touch — for the generic codec and for the codec the compiler
// generates for the bid schema, plus what the generated gather's record check (plain object, keys and their order)
// costs, measured against the same gather with the check taken out (a measurement only: without it a record with a
// missing or extra key would be sent wrong). The producer's steps add up to what one producer worker can sustain; the
// consumer's run in parallel on the other worker.
import { Buffer } from "node:buffer";
import { type ChannelEntry, isControl } from "../../runtime/core/elements.js";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { NexmarkGenerator, type Bid } from "../../runtime/connectors/nexmark/index.js";
import { createChannelSelector } from "../../runtime/graph/partitioner.js";
import { batchCodecCode } from "../../compiler/emit/batch-codec-code.js";
import { compileBatchCodec } from "./compile-batch-codec.js";
import { NEXMARK_TABLES } from "../../compiler/types/nexmark.js";
import { arrayOf, record, STRING } from "../../compiler/types/type.js";
import { type BatchCodec, createGenericBatchCodec } from "../../runtime/network/batch-codec.js";
import { EncoderColumn, type ColumnKind, type GatherFunction } from "../../formats/record-shape.js";
import { schemaBatchCodec } from "../../runtime/network/schema-batch-codec.js";
import type { OutputChannel } from "../../runtime/network/channel-endpoints.js";
import { RecordWriter } from "../../runtime/scheduler/record-writer.js";

export interface CostRow {
  /** "generic", "Bid" (the generated codec), or "any" (steps before the codec). */
  readonly codec: string;
  readonly step: string;
  readonly side: "producer" | "consumer";
  /** CPU ns per record, best run. */
  readonly ns: number;
}

/** Keeps the batches a writer hands over (so the codec steps can be timed on exactly those). */
class KeepingChannel implements OutputChannel {
  readonly recycled: RecordBatch[] = [];
  readonly kept: RecordBatch[] = [];
  keep = false;
  constructor(readonly id: string) {}
  push(entry: ChannelEntry): void {
    if (isControl(entry)) return;
    if (this.keep) this.kept.push(entry);
    else {
      entry.length = 0;
      this.recycled.push(entry);
    }
  }
  isFull(): boolean {
    return false;
  }
}

const cpuNs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};

function best(runs: number, records: number, body: () => void): number {
  body();
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const began = cpuNs();
    body();
    fastest = Math.min(fastest, (cpuNs() - began) / records);
  }
  return fastest;
}

export function measureExchangeCosts(options: { poolSize: number; records: number; batchSize: number; runs: number }): CostRow[] {
  const generator = new NexmarkGenerator({});
  const pool: Bid[] = [];
  while (pool.length < options.poolSize) {
    const event = generator.next();
    if (event.type === 2) pool.push(event.bid);
  }
  const channels = [new KeepingChannel("0"), new KeepingChannel("1")];
  const selector = createChannelSelector({ kind: "hash", keySelector: (b: Bid) => b.auction }, 2, 128, 0, 0);
  const writer = new RecordWriter(channels, selector, options.batchSize);
  const send = (): void => {
    let next = 0;
    for (let i = 0; i < options.records; i++) {
      const bid = pool[next]!;
      next = next + 1 === pool.length ? 0 : next + 1;
      writer.push(bid, bid.dateTime);
    }
    writer.flush();
  };
  const partition = best(options.runs, options.records, send);

  // the batches of one more run, kept, in the order the producer would send them
  for (const ch of channels) ch.keep = true;
  send();
  const batches = channels.flatMap((ch) => ch.kept);
  const bid = NEXMARK_TABLES.get("bid")!;
  const rows: CostRow[] = [{ codec: "any", step: "partition + batch (RecordWriter, hash on auction)", side: "producer", ns: partition }];
  // why twice in alternation, the best of each step: measured once each in a fixed order, the second codec's gather
  // came out 10–20 ns slower in most runs (on a busy 2-core machine)
  const bestOf = new Map<string, CostRow>();
  for (let round = 0; round < 2; round++) {
    for (const [codec, make] of [["generic", createGenericBatchCodec], ["Bid", () => schemaBatchCodec(compileBatchCodec(bid))]] as const) {
      for (const row of codecCosts(codec, make(), make(), batches, options)) {
        const key = `${row.codec} ${row.step}`;
        if ((bestOf.get(key)?.ns ?? Infinity) > row.ns) bestOf.set(key, row);
      }
    }
  }
  rows.push(...bestOf.values());
  rows.push({ codec: "Bid", step: "(of which the record check: gather with it minus without)", side: "producer", ns: checkCost(bid, batches, options) });
  rows.push(...nestedCosts(batches, options));
  return rows;
}

/** A bid with an array field: what the generic codec sends whole through v8 and a generated codec keeps in columns. */
const TAGGED_BID = record([...NEXMARK_TABLES.get("bid")!.fields, { name: "tags", type: arrayOf(STRING) }], "TaggedBid");

/**
 * Prepare + write + decode of the same bids with a `tags: string[]` field added (a nested field is where the codecs
 * part: the generic one sends any batch holding an object through v8.serialize whole, the generated one only that
 * column). Measurement rows, not steps of the exchange above.
 */
function nestedCosts(batches: readonly RecordBatch[], options: { records: number; runs: number }): CostRow[] {
  const tagged = batches.map((b) => RecordBatch.of(b.values.slice(0, b.length).map((v) => ({ ...(v as Bid), tags: [(v as Bid).channel, "x"] })), b.timestamps.slice(0, b.length)));
  const target = Buffer.from(new SharedArrayBuffer(options.records * 1024));
  const into = new RecordBatch();
  const rows: CostRow[] = [];
  for (const [codec, make] of [["generic", createGenericBatchCodec], ["TaggedBid", () => schemaBatchCodec(compileBatchCodec(TAGGED_BID))]] as const) {
    const producer = make();
    const consumer = make();
    let sink = 0;
    const ns = best(options.runs, options.records, () => {
      for (const b of tagged) {
        producer.prepare(b);
        const n = producer.write(target, 0);
        consumer.decode(target, 0, n, into);
        sink += (into.values[0] as { tags: string[] }).tags.length;
      }
    });
    if (sink === 0) throw new Error("exchange costs: nothing decoded");
    rows.push({ codec, step: "(bids with a string[] field: prepare + write + decode)", side: "producer", ns });
  }
  return rows;
}

/** The codec's steps on `batches`, each alone: prepare (gather), write, decode + touch. */
function codecCosts(codec: string, producer: BatchCodec, consumer: BatchCodec, batches: readonly RecordBatch[], options: { records: number; runs: number }): CostRow[] {
  const target = Buffer.from(new SharedArrayBuffer(options.records * 512));
  const sizes: number[] = [];
  const offsets: number[] = [];
  // why both steps timed batch by batch in one loop: a difference of two separately timed loops came out negative
  // on a busy machine; a CPU-time reading per batch (~1 µs) is small against a batch (~100 µs)
  let prepare = Infinity;
  let encode = Infinity;
  for (let r = 0; r <= options.runs; r++) {
    let inPrepare = 0;
    let inWrite = 0;
    let at = 0;
    sizes.length = 0;
    offsets.length = 0;
    for (const b of batches) {
      const t0 = cpuNs();
      producer.prepare(b);
      const t1 = cpuNs();
      const n = producer.write(target, at);
      inWrite += cpuNs() - t1;
      inPrepare += t1 - t0;
      offsets.push(at);
      sizes.push(n);
      at += (n + 7) & ~7;
    }
    if (r === 0) continue; // warm-up
    prepare = Math.min(prepare, inPrepare / options.records);
    encode = Math.min(encode, inWrite / options.records);
  }
  let sink = 0;
  const into = new RecordBatch();
  const decode = best(options.runs, options.records, () => {
    for (let k = 0; k < sizes.length; k++) {
      consumer.decode(target, offsets[k]!, sizes[k]!, into);
      const values = into.values as Bid[];
      for (let i = 0; i < into.length; i++) sink += values[i]!.auction + values[i]!.extra.length + values[i]!.channel.length;
    }
  });
  if (sink === 0) throw new Error("exchange costs: nothing decoded");
  return [
    { codec, step: "encode: gather into columns (prepare)", side: "producer", ns: prepare },
    { codec, step: "encode: write the columns (write)", side: "producer", ns: encode },
    { codec, step: "decode + touch each record", side: "consumer", ns: decode },
  ];
}

/**
 * CPU ns per record of the generated gather's record check: the gather as generated, minus the same text with the
 * check's lines removed (plain-object test, the for-in over the keys, the key count), timed in alternation, the best
 * run of each.
 */
function checkCost(type: Parameters<typeof batchCodecCode>[0], batches: readonly RecordBatch[], options: { records: number; runs: number }): number {
  const code = batchCodecCode(type, "KEYS", false);
  const unchecked = code.gather.split("\n").filter((line) => !/typeof r !== "object"|let k = 0;|for \(const key in r\)|if \(k !== /.test(line)).join("\n");
  if (unchecked === code.gather) throw new Error("exchange costs: the generated gather has no record check to take out");
  const compile = (source: string) => new Function("KEYS", `"use strict"; return ${source};`)([...code.keys]) as GatherFunction;
  const columns = [...code.kinds].map((k) => new EncoderColumn(k as ColumnKind));
  const time = (gather: GatherFunction) => best(options.runs, options.records, () => {
    for (const b of batches) {
      for (const c of columns) c.reserve(b.length);
      if (gather(b.values, b.length, columns) >= 0) throw new Error("exchange costs: a bid did not fit the bid schema");
    }
  });
  const withCheck = compile(code.gather);
  const without = compile(unchecked);
  // why the best of each, alternated, then the difference: the best of differences came out negative on a busy machine
  let bestChecked = Infinity;
  let bestUnchecked = Infinity;
  for (let r = 0; r < 4; r++) {
    bestChecked = Math.min(bestChecked, time(withCheck));
    bestUnchecked = Math.min(bestUnchecked, time(without));
  }
  return bestChecked - bestUnchecked;
}
