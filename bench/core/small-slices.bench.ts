// The core pipeline (pipeline.bench.ts) in its smallest slices — batches of 8 records, one batch per slice — so that
// per-slice costs (the scheduler's loop, the busy-time clock reads around each slice) weigh the most; a ratio against
// the hand-written loop in the same process.
//
// Run: npx tsx bench/core/small-slices.bench.ts [records]
import { measure, printTable } from "../harness.js";
import { engine, handWritten } from "./pipeline.bench.js";

const BATCH = 8;
const smallSlices = (n: number) => engine(n, (env) => void (env.getConfig().setBatchSize(BATCH).sliceBudget = 1));

const n = Number(process.argv[2] ?? 500_000);
if (await smallSlices(n) !== handWritten(n)) throw new Error("engine checksum differs from the hand-written loop");
const baseline = await measure("hand-written loop", n, () => handWritten(n));
const eng = await measure(`engine, batches of ${BATCH}, one per slice`, n, () => smallSlices(n));
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
const engineCpu = await cpu(() => smallSlices(n))();
process.stdout.write(`cpu seconds: hand-written ${loopCpu.toFixed(3)}, engine ${engineCpu.toFixed(3)}, ratio ${(engineCpu / loopCpu).toFixed(2)}\n`);
