// Event-time temporal join: orders joined with the version of their currency's rate current at their time, records
// per wall second through the engine (two sources → keyBy → temporalJoin → sink) against a hand-written loop that merges
// the two time-ordered inputs and keeps the latest rate per key, reported as a ratio. Both checksum the joined rows.
//
// Run: npx tsx bench/joins/temporal-join.bench.ts [orders] [--quick]   (results: bench/results/temporal-join[-quick].json)

import { GeneratorSource, StreamExecutionEnvironment, temporalJoin, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Order {
  key: number;
  amount: number;
  ts: number;
}
interface Rate {
  key: number;
  rate: number;
  ts: number;
}

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 2_000_000);
const KEYS = 1000;
/** One rate change per 10 orders: each key changes every ~10 000 ms of event time. */
const RATES = Math.floor(N / 10);
const order = (i: number): Order => ({ key: (i * 7919) % KEYS, amount: i & 15, ts: i });
const rate = (j: number): Rate => ({ key: (j * 31) % KEYS, rate: (j % 97) + 1, ts: 10 * j });

/** The baseline: both inputs in time order (a rate before an order of the same time), the latest rate per key in a Map. */
function handWritten(): number {
  const latest = new Map<number, number>();
  let checksum = 0;
  let j = 0;
  for (let i = 0; i < N; i++) {
    const o = order(i);
    for (; j < RATES && 10 * j <= o.ts; j++) {
      const r = rate(j);
      latest.set(r.key, r.rate);
    }
    const current = latest.get(o.key);
    if (current !== undefined) checksum += o.amount * current;
  }
  return checksum;
}

async function engine(): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const orders = env.fromSource(new GeneratorSource(order, N), WatermarkStrategy.forMonotonousTimestamps<Order>().withTimestampAssigner((o) => o.ts), "orders");
  const rates = env.fromSource(new GeneratorSource(rate, RATES), WatermarkStrategy.forMonotonousTimestamps<Rate>().withTimestampAssigner((r) => r.ts), "rates");
  let checksum = 0;
  temporalJoin(orders.keyBy((o) => o.key), rates.keyBy((r) => r.key), {
    outer: false,
    matches: () => true,
    joined: (o: Order, r: Rate) => o.amount * r.rate,
    padRight: () => 0,
  }).sinkTo((v: number) => {
    checksum += v;
  });
  await env.execute("temporal join bench");
  return checksum;
}

// Both checksum the joined rows: the engine must produce exactly the loop's result.
let loopSum = 0;
let engineSum = 0;
const records = N + RATES;
const loop = await measure("hand-written loop (baseline)", records, () => void (loopSum = handWritten()));
const joined = await measure("engine: temporalJoin", records, async () => void (engineSum = await engine()));
if (engineSum !== loopSum) throw new Error(`engine checksum ${engineSum} ≠ loop ${loopSum}`);
printTable(`temporal join, ${N.toLocaleString("en")} orders and ${RATES.toLocaleString("en")} rate changes over ${KEYS} keys (records per wall second)`, loop, [joined]);
saveResult(process.argv.includes("--quick") ? "temporal-join-quick" : "temporal-join", {
  unit: "records (orders + rates) per wall second", orders: N, rates: RATES, keys: KEYS,
  rows: [loop, joined].map((r) => ({ name: r.name, perSecond: r.perSecond, vsBaseline: r.perSecond / loop.perSecond })),
});
