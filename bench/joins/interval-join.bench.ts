// The join of Nexmark q7 on its own: the interval join of the .flow query (bids ⋈ 10 s maxima on price, between
// −1 ms and 9999 ms, buffers cleaned as the watermark passes) against the regular join the SQL query becomes (the
// same pairs and more, nothing ever cleaned), fed the same records in the same batches; CPU time, best of the runs.
//
// Run: node --expose-gc --import tsx bench/joins/interval-join.bench.ts [events] [--runs n]   (default 1,000,000 Nexmark
// events, 5 runs; --expose-gc lets each run start from a collected heap)
//
// The input is what the operators see in q7: the bids (92% of the events) in batches of 256, each batch followed by
// the watermark 4 s behind its newest bid, and each 10 s maximum (timestamp end − 1) as soon as the watermark has
// reached its window's last millisecond, before that watermark, as the window operator emits it. The result counts are printed to show both joins did work.
import { CoLocatedObjects } from "../../runtime/spi.js";
import { type Collector, ManualClock, nexmark, type OperatorContext, type Output, RecordBatch, type StreamOperator } from "../../runtime/index.js";
import { IntervalJoinOperator } from "../../runtime/operators/interval-join.js";
import { RegularJoinOperator } from "../../runtime/operators/regular-join.js";
import { HeapKeyedStateBackend } from "../../runtime/state/keyed-state-backend.js";

interface Maximum {
  readonly maxPrice: number;
  readonly ends: number;
}

/** One step of the input: a batch of bids (left), a batch of maxima (right), or a watermark on both inputs. */
type Step = { readonly left: RecordBatch<nexmark.Bid> } | { readonly right: RecordBatch<Maximum> } | { readonly watermark: number };

const WINDOW = 10_000;
const DELAY = 4_000;
const BATCH = 256;

function q7Input(events: number): { steps: Step[]; bids: number } {
  const bids: nexmark.Bid[] = [];
  for (const e of new nexmark.NexmarkGenerator({ maxEvents: events })) if (e.bid !== null) bids.push(e.bid);
  const maxima = new Map<number, number>();
  for (const b of bids) {
    const end = b.dateTime - (b.dateTime % WINDOW) + WINDOW;
    maxima.set(end, Math.max(maxima.get(end) ?? 0, b.price));
  }
  const ends = [...maxima.keys()].sort((a, b) => a - b);
  const steps: Step[] = [];
  let next = 0;
  let newest = Number.NEGATIVE_INFINITY;
  const emitWatermark = (watermark: number) => {
    // why first: the window operator emits what a watermark fires before it passes the watermark on
    const due: Maximum[] = [];
    while (next < ends.length && ends[next]! - 1 <= watermark) due.push({ maxPrice: maxima.get(ends[next]!)!, ends: ends[next++]! });
    if (due.length > 0) steps.push({ right: RecordBatch.of(due, due.map((m) => m.ends - 1)) });
    steps.push({ watermark });
  };
  for (let i = 0; i < bids.length; i += BATCH) {
    const batch = bids.slice(i, i + BATCH);
    steps.push({ left: RecordBatch.of(batch, batch.map((b) => b.dateTime)) });
    for (const b of batch) newest = Math.max(newest, b.dateTime);
    emitWatermark(newest - DELAY - 1);
  }
  emitWatermark(Number.POSITIVE_INFINITY);
  return { steps, bids: bids.length };
}

/** Sets the operator up as a keyed two-input subtask whose output only counts. */
function harness(op: StreamOperator<unknown>, counter: { records: number }): void {
  const ctx: OperatorContext = {
    jobName: "bench",
    operatorName: op.name,
    operatorUid: "join",
    subtaskIndex: 0,
    parallelism: 1,
    maxParallelism: 128,
    attemptNumber: 0,
    numberOfInputs: 2,
    executionMode: "STREAMING",
    clock: new ManualClock(0),
    jobParameters: {},
    keyedBackend: new HeapKeyedStateBackend(128, () => 0),
    keySelectors: [(b: nexmark.Bid) => b.price, (m: Maximum) => m.maxPrice],
    coLocated: new CoLocatedObjects(),
    scheduleProcessingTime: () => {},
  };
  const output: Output<unknown> = {
    collect: () => void counter.records++,
    collectBatch: (batch) => void (counter.records += batch.length),
    collectSide: () => {},
    emitWatermark: () => {},
    emitWatermarkStatus: () => {},
    flush: () => {},
  };
  op.setup(ctx, output);
}

/** Runs the steps through a fresh operator; returns CPU seconds and the number of joined pairs. */
async function run(make: () => StreamOperator<unknown>, steps: readonly Step[]): Promise<{ seconds: number; pairs: number }> {
  const counter = { records: 0 };
  const op = make();
  harness(op, counter);
  await op.open();
  // why: the garbage of the previous run (a never-cleaned join's state above all) would be collected on this one's time
  (globalThis as { gc?: () => void }).gc?.();
  const began = process.cpuUsage();
  for (const s of steps) {
    if ("left" in s) op.processBatch(s.left, 0);
    else if ("right" in s) op.processBatch(s.right, 1);
    else {
      op.processWatermark(s.watermark, 0);
      op.processWatermark(s.watermark, 1);
    }
  }
  const used = process.cpuUsage(began);
  return { seconds: (used.user + used.system) / 1e6, pairs: counter.records };
}

const pair = (b: nexmark.Bid, m: Maximum, out: Collector<unknown>) => out.collect(m.ends - b.dateTime);
const interval = () => new IntervalJoinOperator<number, nexmark.Bid, Maximum, unknown>("interval join", (b, m, _ctx, out) => pair(b, m, out), { lowerBound: -1, upperBound: 9_999, leftLateDataTag: null, rightLateDataTag: null });
const regular = () => new RegularJoinOperator<nexmark.Bid, Maximum, unknown>("regular join", pair);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const events = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  const { steps, bids } = q7Input(events);
  const best = { interval: Number.POSITIVE_INFINITY, regular: Number.POSITIVE_INFINITY };
  const pairs = { interval: 0, regular: 0 };
  // why alternate: drifting load on a shared machine then falls on both alike; the first round warms up
  for (let round = 0; round <= runs; round++) {
    for (const [name, make] of [["interval", interval], ["regular", regular]] as const) {
      const r = await run(make, steps);
      if (round > 0) best[name] = Math.min(best[name], r.seconds);
      pairs[name] = r.pairs;
    }
  }
  const rate = (seconds: number) => `${((bids + 100) / seconds / 1e6).toFixed(2)} M records/s`;
  console.log(`q7's join, ${bids.toLocaleString("en")} bids, best of ${runs} runs (CPU time)`);
  console.log(`  interval join ${rate(best.interval)}  (${pairs.interval} pairs)`);
  console.log(`  regular join  ${rate(best.regular)}  (${pairs.regular} pairs)`);
  console.log(`  interval ÷ regular CPU time ${(best.interval / best.regular).toFixed(2)}`);
}

void main();
