// The core pipeline (pipeline.bench.ts) in its smallest slices — batches of 8 records, one batch per slice — so that
// per-slice costs (the scheduler's loop, the busy-time clock reads around each slice) weigh the most; a ratio against
// the hand-written loop in the same process.
//
// Run: npx tsx bench/core/small-slices.bench.ts [records]
import { GeneratorSource, StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable } from "../harness.js";

interface Ev {
  key: number;
  value: number;
  ts: number;
}

const WINDOW = 1000;
const KEYS = 1000;
const BATCH = 8;
const generate = (i: number): Ev => ({ key: (i * 7919) % KEYS, value: i & 15, ts: Math.floor(i / 10) });

function handWritten(n: number): number {
  let checksum = 0;
  let windowEnd = WINDOW;
  let sums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const raw = generate(i);
    const e = { key: raw.key, value: raw.value * 3, ts: raw.ts };
    if ((e.value & 1) === 0) continue;
    if (e.ts >= windowEnd) {
      for (const s of sums.values()) checksum += s;
      sums = new Map();
      windowEnd += WINDOW;
    }
    sums.set(e.key, (sums.get(e.key) ?? 0) + e.value);
  }
  for (const s of sums.values()) checksum += s;
  return checksum;
}

async function engine(n: number): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  env.getConfig().setBatchSize(BATCH).sliceBudget = 1;
  let checksum = 0;
  env
    .fromSource(new GeneratorSource(generate, n), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "Generator")
    .map((e) => ({ key: e.key, value: e.value * 3, ts: e.ts }))
    .filter((e) => (e.value & 1) === 1)
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(WINDOW))
    .aggregate({ createAccumulator: () => 0, add: (e: Ev, acc: number) => acc + e.value, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b })
    .sinkTo((s: number) => {
      checksum += s;
    });
  await env.execute("small slices bench");
  return checksum;
}

const n = Number(process.argv[2] ?? 500_000);
if (await engine(n) !== handWritten(n)) throw new Error("engine checksum differs from the hand-written loop");
const baseline = await measure("hand-written loop", n, () => handWritten(n));
const eng = await measure(`engine, batches of ${BATCH}, one per slice`, n, () => engine(n));
printTable(`small slices: map → filter → keyBy → window sum, ${n.toLocaleString("en")} records`, baseline, [eng]);
process.stdout.write(`ratio engine/hand-written: ${(eng.perSecond / baseline.perSecond).toFixed(4)}\n`);
// why CPU time as well: on a loaded machine wall-clock rates mostly measure the other processes
const cpu = (body: () => unknown) => async () => {
  const before = process.cpuUsage();
  await body();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
};
const loopCpu = await cpu(() => handWritten(n))();
const engineCpu = await cpu(() => engine(n))();
process.stdout.write(`cpu seconds: hand-written ${loopCpu.toFixed(3)}, engine ${engineCpu.toFixed(3)}, ratio ${(engineCpu / loopCpu).toFixed(2)}\n`);
