// Micro-benchmarks (with the `benchmark` package) of the per-record costs under the Nexmark queries: record codec,
// keyed state get/update, window assignment, watermark propagation. The runtime has no generated codec yet (the
// single-thread scheduler passes objects), so the codec row measures JSON.parse/stringify of Nexmark bids — the
// fallback a cross-thread channel would pay — against a hand-written positional codec as what a generated one would do.
import Benchmark from "benchmark";
import { withField } from "../../runtime/core/copy-record.js";
import { denormalizeKey, normalizeKey } from "../../runtime/core/key-groups.js";
import { HeapKeyedStateBackend } from "../../runtime/state/keyed-state-backend.js";
import { WatermarkValve } from "../../runtime/time/watermark-valve.js";
import {
  BoundedOutOfOrdernessWatermarks, DEFAULT_MAX_PARALLELISM, SlidingEventTimeWindows, TimeWindow, TumblingEventTimeWindows,
  ValueStateDescriptor, nexmark, type WindowAssignerContext,
} from "../../runtime/index.js";
import { saveResult } from "../harness.js";

/**
 * Records per benchmark op, so that the harness's per-op cost disappears. Each row samples for 1 s (0.5 s quick):
 * with 1,000 records per op that is thousands of ops, and the rme stays within a few percent.
 */
const BATCH = 1_000;

export interface MicroRow { readonly name: string; readonly perSecond: number; readonly rme: number }

/** `only`: run the rows whose name contains this text (e.g. "key" to compare key normalisation before/after). */
export function runMicro(options: { quick?: boolean; only?: string } = {}): MicroRow[] {
  const generator = new nexmark.NexmarkGenerator({ maxEvents: 50 * BATCH });
  const bids: nexmark.Bid[] = [];
  while (generator.hasNext() && bids.length < BATCH) { const e = generator.next(); if (e.type === 2) bids.push(e.bid); }
  const json = bids.map((b) => JSON.stringify(b));
  let sink = 0;

  // A positional codec: what a schema-specific generated codec does (no field names, fixed order).
  const encode = (b: nexmark.Bid) => `${b.auction}\u0001${b.bidder}\u0001${b.price}\u0001${b.channel}\u0001${b.url}\u0001${b.dateTime}\u0001${b.extra}`;
  const decode = (s: string): nexmark.Bid => {
    const f = s.split("\u0001");
    return { auction: +f[0]!, bidder: +f[1]!, price: +f[2]!, channel: f[3]!, url: f[4]!, dateTime: +f[5]!, extra: f[6]! };
  };
  const positional = bids.map(encode);

  const backend = new HeapKeyedStateBackend(DEFAULT_MAX_PARALLELISM, () => 0);
  const counts = backend.getOrCreateState(new ValueStateDescriptor<number>("count")) as unknown as { value(): number | undefined; update(v: number): void };

  // The window operator hands assigners canonical windows; a one-entry cache stands in for it.
  let last = new TimeWindow(0, 0);
  const context: WindowAssignerContext = {
    getCurrentProcessingTime: () => 0,
    timeWindow: (start: number, end: number) => (last.start === start && last.end === end ? last : (last = new TimeWindow(start, end))),
  };
  const tumbling = TumblingEventTimeWindows.of(10_000);
  const sliding = SlidingEventTimeWindows.of(10_000, 2_000);

  const wmGenerator = new BoundedOutOfOrdernessWatermarks<nexmark.Bid>(4_000);
  const valve = new WatermarkValve(2);
  let emitted = 0;
  const valveOut = { watermark: (t: number) => void (emitted = t), status: () => {} };
  const wmOut = { emitWatermark: (t: number) => void (emitted = t), markIdle: () => {}, markActive: () => {} };
  let tick = 0;

  const suite = new Benchmark.Suite("micro");
  const add = (name: string, fn: () => void) => {
    if (options.only === undefined || name.includes(options.only)) suite.add(name, fn, options.quick === true ? { maxTime: 0.5, minSamples: 5 } : { maxTime: 1 });
  };
  add("codec: JSON.stringify bid", () => { for (const b of bids) sink += JSON.stringify(b).length; });
  add("codec: JSON.parse bid", () => { for (const s of json) sink += (JSON.parse(s) as nexmark.Bid).price; });
  add("codec: positional encode bid", () => { for (const b of bids) sink += encode(b).length; });
  add("codec: positional decode bid", () => { for (const s of positional) sink += decode(s).price; });
  add("keyed state: setCurrentKey + value + update (int key)", () => {
    for (const b of bids) { backend.setCurrentKey(b.bidder); counts.update((counts.value() ?? 0) + 1); }
  });
  add("keyed state: composite key [bidder, auction]", () => {
    for (const b of bids) { backend.setCurrentKey([b.bidder, b.auction]); counts.update((counts.value() ?? 0) + 1); }
  });
  // Composite keys as the compiled queries build them (keyBy a, b → [a, b]) and as the API allows (records).
  const days = bids.map((b) => new Date(b.dateTime).toISOString().slice(0, 10));
  const normalized = bids.map((b) => normalizeKey([b.bidder, b.auction]) as string);
  add("key normalisation: [bidder, auction]", () => { for (const b of bids) sink += (normalizeKey([b.bidder, b.auction]) as string).length; });
  add("key normalisation: [channel, day]", () => { for (let i = 0; i < BATCH; i++) sink += (normalizeKey([bids[i]!.channel, days[i]]) as string).length; });
  add("key normalisation: record { auction, day }", () => { for (let i = 0; i < BATCH; i++) sink += (normalizeKey({ auction: bids[i]!.auction, day: days[i] }) as string).length; });
  add("key normalisation: denormalize [bidder, auction]", () => { for (const k of normalized) sink += (denormalizeKey(k) as number[]).length; });
  add("window assignment: tumbling(10s)", () => { for (const b of bids) sink += tumbling.assignWindows(b, b.dateTime, context).length; });
  add("window assignment: sliding(10s, 2s)", () => { for (const b of bids) sink += sliding.assignWindows(b, b.dateTime, context).length; });
  add("watermark: bounded out-of-orderness onEvent + emit", () => {
    for (const b of bids) { wmGenerator.onEvent(b, b.dateTime, wmOut as never); }
    wmGenerator.onPeriodicEmit(wmOut as never);
  });
  add("watermark: valve of 2 channels", () => { for (let i = 0; i < BATCH; i++) valve.inputWatermark(i & 1, ++tick >> 1, valveOut); });
  // A bid with one more field, as a running top's rank or a changelog's row kind: spread (each copy of its own hidden
  // class once hot, on Node 20) against Object.assign onto a fresh object (runtime/core/copy-record.ts)
  add("record copy: { ...bid, rank }", () => { for (let i = 0; i < BATCH; i++) sink += ({ ...bids[i]!, rank: i }).rank; });
  add("record copy: withField(bid, rank)", () => { for (let i = 0; i < BATCH; i++) sink += withField(bids[i]!, "rank", i).rank; });

  const rows: MicroRow[] = [];
  suite.on("cycle", (event: Benchmark.Event) => {
    const b = event.target as unknown as Benchmark & { name: string };
    const row = { name: b.name, perSecond: b.hz * BATCH, rme: b.stats.rme };
    rows.push(row);
    console.log(`${row.name.padEnd(55)} ${(row.perSecond / 1e6).toFixed(2).padStart(8)} M records/s ±${row.rme.toFixed(1)}%`);
  });
  suite.run({ async: false });
  if (sink === 42 && emitted === 42) console.log("");
  return rows;
}

export function saveMicro(rows: readonly MicroRow[], quick: boolean): string {
  return saveResult(quick ? "micro-quick" : "micro", { unit: "records per second (1,000 records per op)", rows });
}
