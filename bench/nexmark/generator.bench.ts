// Nexmark generator throughput: events/s for the default mix and for bids alone, against a bare
// loop that allocates the same objects (the floor any generator pays), reported as ratios.
//
// Run: npx tsx bench/nexmark/generator.bench.ts

import Benchmark from "benchmark";
import { NexmarkGenerator, type NexmarkEvent } from "../../runtime/connectors/nexmark/index.js";

/** Events per benchmark op: large enough that the per-op harness cost disappears. */
const BATCH = 10_000;

const mix = new NexmarkGenerator();
const exact = new NexmarkGenerator({ extraMode: "exact" });
const batch: NexmarkEvent[] = new Array(BATCH);
let sink = 0;

/** Positions of the first 50·BATCH events that are bids (92% of them) in the default config. */
const bidPositions: number[] = [];
for (let p = 0; bidPositions.length < BATCH * 40; p++) if (mix.eventAt(p).type === 2) bidPositions.push(p);
let bidCursor = 0;

/** A cheap xorshift so that the baseline's numbers are not constant-folded. */
let x = 0x9e3779b9;
function xorshift(): number {
  x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
  return x >>> 0;
}
const STRINGS = ["Google", "https://www.nexmark.com/abc/def/ghi/item.htm?query=1", "x".repeat(68)];

interface Row { name: string; eventsPerSec: number; rme: number }
const rows: Row[] = [];

new Benchmark.Suite("nexmark generator")
  .add("baseline: allocate bid + event objects", () => {
    for (let i = 0; i < BATCH; i++) {
      const r = xorshift();
      const bid = { auction: r & 1023, bidder: r >>> 10, price: r, channel: STRINGS[0]!, url: STRINGS[1]!, dateTime: i, extra: STRINGS[2]! };
      batch[i] = { type: 2, person: null, auction: null, bid };
    }
    sink += batch[BATCH - 1]!.type;
  })
  .add("generator: mix 1:3:46 (fill)", () => {
    if (mix.remaining < BATCH) mix.seek(0);
    sink += mix.fill(batch, BATCH);
  })
  .add("generator: mix 1:3:46 (next)", () => {
    for (let i = 0; i < BATCH; i++) batch[i] = mix.next();
    sink += batch[BATCH - 1]!.type;
  })
  .add("generator: mix, extraMode exact (fill)", () => {
    if (exact.remaining < BATCH) exact.seek(0);
    sink += exact.fill(batch, BATCH);
  })
  .add("generator: bids only (eventAt)", () => {
    if (bidCursor + BATCH > bidPositions.length) bidCursor = 0;
    for (let i = 0; i < BATCH; i++) batch[i] = mix.eventAt(bidPositions[bidCursor++]!);
    sink += batch[BATCH - 1]!.type;
  })
  .on("cycle", (event: Benchmark.Event) => {
    const b = event.target as Benchmark.Target & { stats: { rme: number } };
    rows.push({ name: String(b.name), eventsPerSec: (b.hz ?? 0) * BATCH, rme: b.stats.rme });
  })
  .on("complete", () => {
    const base = rows[0]!.eventsPerSec;
    console.log(`node ${process.version}, ${BATCH} events per op`);
    console.log("| benchmark | events/s | ±% | × baseline |");
    console.log("|---|---:|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.name} | ${(r.eventsPerSec / 1e6).toFixed(2)}M | ${r.rme.toFixed(1)} | ${(r.eventsPerSec / base).toFixed(3)} |`);
    }
    if (sink === 0.5) console.log(sink); // keeps the work observable
  })
  .run();
