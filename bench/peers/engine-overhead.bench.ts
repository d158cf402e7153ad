// Where q0's time goes when Eddy runs it (bench/peers): the engine's fused job (FusedArraySource → record-function
// sink) against the same job polling one batch at a time, the same generated read loop driven over the array in polls
// without the engine, and a job whose read loop does nothing (the job's setup and its polls, no records). Rounds
// interleave the variants, so a noisy neighbour slows them alike; the table gives best and median bids per CPU second.
//   npx tsx bench/peers/engine-overhead.bench.ts [rounds]
import { StreamExecutionEnvironment, WatermarkStrategy, recordFunctionSink, nexmark, type ReaderOutput } from "../../runtime/index.js";
import { FusedArraySource } from "../../runtime/support/index.js";
import { cpuTimed } from "../nexmark/cpu.js";
import { formatRate } from "../harness.js";

type Bid = nexmark.Bid;
type Out = { price?: number; auction?: number; n?: number };

// why one copy of the loop per variant: a shared function would share V8's type feedback (its `out.collect` call
// would see two receivers), which slows both; the generated job has its own loop too
/** The loop `eddy compile` generates for q0 (chains.ts, q0Read1). */
function engineRead(elements: readonly Bid[], from: number, to: number, out: ReaderOutput<Out>): void {
  for (let i = from; i < to; i++) {
    const r = elements[i]!;
    out.collect({ auction: r.auction, bidder: r.bidder, price: r.price, dateTime: r.dateTime, extra: r.extra } as Out, r.dateTime);
  }
}
function bareRead(elements: readonly Bid[], from: number, to: number, out: ReaderOutput<Out>): void {
  for (let i = from; i < to; i++) {
    const r = elements[i]!;
    out.collect({ auction: r.auction, bidder: r.bidder, price: r.price, dateTime: r.dateTime, extra: r.extra } as Out, r.dateTime);
  }
}

/** What SourceOperator.collect does on its direct path (a sink function chained right behind), without the engine. */
class DirectOutput implements ReaderOutput<Out> {
  delivered = 0;
  writing: unknown = null;
  constructor(private readonly deliver: (r: Out) => void) {}
  collect(record: Out): void {
    try {
      this.deliver(record);
    } catch (e) {
      this.writing = record;
      throw e;
    }
    this.delivered++;
  }
}

const fold = (sum: number, r: Out) => sum + (r.price ?? 0) + (r.auction ?? 0) + (r.n ?? 0);

async function engine(bids: readonly Bid[], batchSize: number, read = engineRead, sliceBudget?: number): Promise<number> {
  let sum = 0;
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  env.getConfig().setBatchSize(batchSize);
  if (sliceBudget !== undefined) env.getConfig().sliceBudget = sliceBudget;
  env.fromSource(new FusedArraySource(bids, read), WatermarkStrategy.noWatermarks(), "source:bid").sinkTo(recordFunctionSink((r: Out) => void (sum = fold(sum, r))), "sink:bids");
  await env.execute("q0");
  return sum;
}

function bare(bids: readonly Bid[], batchSize: number): number {
  let sum = 0;
  const out = new DirectOutput((r) => void (sum = fold(sum, r)));
  for (let p = 0; p < bids.length; p += batchSize) bareRead(bids, p, Math.min(bids.length, p + batchSize), out);
  return sum;
}

const rounds = Number(process.argv[2] ?? 12);
const generator = new nexmark.NexmarkGenerator({ maxEvents: 1_000_000 });
const bids: Bid[] = [];
while (generator.hasNext()) {
  const e = generator.next();
  if (e.type === 2) bids.push(e.bid);
}
// why the slice of one batch: records handed straight to a sink function are read a whole slice (64 batches) per poll;
// with a slice of one batch every poll reads 512, as all polls did before (what the per-poll work costs)
const variants: [string, () => unknown][] = [
  ["engine, a slice per poll (the default)", () => engine(bids, 512)],
  ["engine, slices of one batch of 512", () => engine(bids, 512, engineRead, 1)],
  ["loop without engine, polls of 512", () => bare(bids, 512)],
  ["engine, empty read loop", () => engine(bids, 512, () => {})],
];
const rates = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (const [, run] of variants) for (let k = 0; k < 3; k++) await run();
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of variants) rates.get(name)!.push(bids.length / (await cpuTimed(run)).cpuSeconds);
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`q0 over ${bids.length} bids, ${rounds} interleaved rounds — bids per CPU second (the empty loop: per run)`);
for (const [name, xs] of rates) {
  const perRunMs = (bids.length / median(xs)) * 1000;
  console.log(`${name.padEnd(38)} best ${formatRate(Math.max(...xs)).padStart(11)}  median ${formatRate(median(xs)).padStart(11)}  (${perRunMs.toFixed(2)} ms per run)`);
}
