// What one record costs to cross threads, by the two ways the pool moves records, in one thread (no worker): the
// structured clone that forwards collected rows to the job's thread (postMessage of an array of records, as
// JobBridge.forward does), and the columnar batch codec of the rings (prepare + write + decode). Records: q1's output
// rows; the tagged records a window join sends through its keyBy ({ side, value: {…}, key }, which the codec cannot
// lay out in columns and sends through v8.serialize); the same fields flattened. Evidence for the scaling misses of
// q1 (forwarding) and q5/q8 (window joins across workers): see bench/scaling/scaling.bench.ts.
//   npx tsx bench/scaling/record-costs.bench.ts
import { Buffer } from "node:buffer";
import { RecordBatch } from "../../runtime/core/record-batch.js";
import { nexmark } from "../../runtime/index.js";
import { createGenericBatchCodec } from "../../runtime/network/batch-codec.js";
import { saveResult } from "../harness.js";

/** Records per forwarded message (FORWARD_BATCH of runtime/api/job-module.ts) and per ring batch. */
const BATCH = 512;
const ROUNDS = 7;

interface CostRow {
  readonly records: string;
  /** structuredClone of each batch's array, ns per record (best round). */
  readonly cloneNs: number;
  /** Batch codec prepare + write + decode, ns per record (best round). */
  readonly codecNs: number;
}

function q1Rows(events: number): Record<string, unknown>[] {
  const generator = new nexmark.NexmarkGenerator(nexmark.splitConfig({ maxEvents: events }, 1)[0]!);
  const rows: Record<string, unknown>[] = [];
  while (generator.hasNext()) {
    const e = generator.next();
    if (e.type === 2) rows.push({ auction: e.bid.auction, bidder: e.bid.bidder, price: 0.908 * e.bid.price, dateTime: e.bid.dateTime, extra: e.bid.extra });
  }
  return rows;
}

function measure(name: string, records: readonly unknown[]): CostRow {
  const batches: RecordBatch[] = [];
  for (let i = 0; i + BATCH <= records.length; i += BATCH) {
    const b = new RecordBatch(BATCH);
    for (let k = 0; k < BATCH; k++) b.push(records[i + k], 0);
    batches.push(b);
  }
  const codec = createGenericBatchCodec();
  const buffer = Buffer.alloc(1 << 22);
  const into = new RecordBatch(BATCH);
  let clone = Number.POSITIVE_INFINITY;
  let columns = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    let began = performance.now();
    for (const b of batches) structuredClone(b.values);
    clone = Math.min(clone, performance.now() - began);
    began = performance.now();
    for (const b of batches) {
      codec.prepare(b);
      codec.decode(buffer, 0, codec.write(buffer, 0), into);
    }
    columns = Math.min(columns, performance.now() - began);
  }
  const n = batches.length * BATCH;
  const row = { records: name, cloneNs: Math.round((clone * 1e6) / n), codecNs: Math.round((columns * 1e6) / n) };
  console.log(`${name.padEnd(40)} structured clone ${String(row.cloneNs).padStart(5)} ns/record   batch codec ${String(row.codecNs).padStart(5)} ns/record`);
  return row;
}

const rows = q1Rows(400_000);
const tagged = rows.map((r, i) => ({ side: 1, value: { auction: r["auction"], num: i & 7, ends: 2000 * (i >> 10) }, key: 2000 * (i >> 10) }));
const flat = rows.map((r, i) => ({ side: 1, auction: r["auction"], num: i & 7, ends: 2000 * (i >> 10), key: 2000 * (i >> 10) }));
const results = [measure("q1 output rows", rows), measure("window-join tagged records (nested value)", tagged), measure("the same fields, flat", flat)];
console.log(`saved ${saveResult("record-costs", { batch: BATCH, unit: "ns per record, best of 7 rounds, one thread", rows: results })}`);
