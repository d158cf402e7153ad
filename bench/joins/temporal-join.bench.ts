// Event-time temporal join: orders joined with the version of their currency's rate current at their time, records
// per wall second through the engine (two sources → keyBy → temporalJoin → sink) against a hand-written loop that merges
// the two time-ordered inputs and keeps the latest rate per key, reported as a ratio. Both checksum the joined rows.
//
// Run: npx tsx bench/joins/temporal-join.bench.ts [orders] [--quick]   (results: bench/results/temporal-join[-quick].json)

import { GeneratorSource, StreamExecutionEnvironment, temporalJoin, WatermarkStrategy } from "../../runtime/index.js";
import { saveResult } from "../harness.js";

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

async function time(name: string, run: () => number | Promise<number>): Promise<{ name: string; recordsPerSec: number; checksum: number }> {
  await run(); // warm-up
  const runs: number[] = [];
  let checksum = 0;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    checksum = await run();
    runs.push(performance.now() - start);
  }
  return { name, recordsPerSec: (N + RATES) / (Math.min(...runs) / 1000), checksum };
}

const rows = [await time("hand-written loop (baseline)", handWritten), await time("engine: temporalJoin", engine)];
const base = rows[0]!.recordsPerSec;
for (const r of rows) if (r.checksum !== rows[0]!.checksum) throw new Error(`${r.name}: checksum ${r.checksum} ≠ ${rows[0]!.checksum}`);
console.log(`temporal join, ${N.toLocaleString("en")} orders and ${RATES.toLocaleString("en")} rate changes over ${KEYS} keys`);
console.table(rows.map((r) => ({ benchmark: r.name, "records/s": Math.round(r.recordsPerSec).toLocaleString("en"), "vs baseline": (r.recordsPerSec / base).toFixed(3) })));
saveResult(process.argv.includes("--quick") ? "temporal-join-quick" : "temporal-join", { unit: "records (orders + rates) per wall second", orders: N, rates: RATES, keys: KEYS, rows: rows.map((r) => ({ name: r.name, perSecond: r.recordsPerSec, vsBaseline: r.recordsPerSec / base })) });
