// Regular (unbounded) left outer join: orders joined with their payments, every key's rows kept for ever, an order
// without a payment inserted padded and deleted (-D) when its first payment arrives. Records per wall second through
// the engine (two sources → keyBy → regularOuterJoin → sink) against a hand-written loop with the same state (per key,
// the orders with a matched flag and the payments), reported as a ratio. Both checksum the net changelog (+I adds a
// row's value, -D subtracts it), which does not depend on the order the two inputs interleave in.
//
// Run: npx tsx bench/joins/outer-join.bench.ts [orders] [--quick]   (results: bench/results/outer-join[-quick].json)

import { type ChangeKind, GeneratorSource, regularOuterJoin, StreamExecutionEnvironment, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Order {
  key: number;
  amount: number;
  ts: number;
}
interface Payment {
  key: number;
  paid: number;
  ts: number;
}

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000);
/** About four orders and two payments per key: each record meets a handful of the other side's. */
const KEYS = Math.max(1, Math.floor(N / 4));
const PAYMENTS = Math.floor(N / 2);
const order = (i: number): Order => ({ key: (i * 7919) % KEYS, amount: (i & 15) + 1, ts: i });
const payment = (j: number): Payment => ({ key: (j * 31) % KEYS, paid: (j % 7) + 1, ts: 2 * j });

/** A row of the changelog as the checksum sees it: its sign times its value. */
const joinedValue = (o: Order, p: Payment) => o.amount * p.paid;
const paddedValue = (o: Order) => o.amount;
const sign = (kind: ChangeKind) => (kind === "+I" ? 1 : -1);

/** The baseline: the inputs merged by time, per key the orders (with whether each matched) and the payments. */
function handWritten(): number {
  const orders = new Map<number, { rows: Order[]; matched: number[] }>();
  const payments = new Map<number, Payment[]>();
  let checksum = 0;
  let j = 0;
  for (let i = 0; i < N; i++) {
    for (; j < PAYMENTS && 2 * j <= i; j++) {
      const p = payment(j);
      const mine = orders.get(p.key);
      if (mine !== undefined) {
        for (let k = 0; k < mine.rows.length; k++) {
          const o = mine.rows[k]!;
          if (mine.matched[k] === 0) {
            mine.matched[k] = 1;
            checksum -= paddedValue(o);
          }
          checksum += joinedValue(o, p);
        }
      }
      const list = payments.get(p.key);
      if (list === undefined) payments.set(p.key, [p]);
      else list.push(p);
    }
    const o = order(i);
    const theirs = payments.get(o.key);
    if (theirs === undefined) checksum += paddedValue(o);
    else for (const p of theirs) checksum += joinedValue(o, p);
    const mine = orders.get(o.key);
    if (mine === undefined) orders.set(o.key, { rows: [o], matched: [theirs === undefined ? 0 : 1] });
    else {
      mine.rows.push(o);
      mine.matched.push(theirs === undefined ? 0 : 1);
    }
  }
  return checksum;
}

async function engine(): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const orders = env.fromSource(new GeneratorSource(order, N), WatermarkStrategy.forMonotonousTimestamps<Order>().withTimestampAssigner((o) => o.ts), "orders");
  const payments = env.fromSource(new GeneratorSource(payment, PAYMENTS), WatermarkStrategy.forMonotonousTimestamps<Payment>().withTimestampAssigner((p) => p.ts), "payments");
  let checksum = 0;
  regularOuterJoin(orders.keyBy((o) => o.key), payments.keyBy((p) => p.key), {
    kind: "left",
    rowKindField: null,
    matches: () => true,
    joined: (o: Order, p: Payment) => joinedValue(o, p),
    padRight: (o: Order, kind: ChangeKind) => sign(kind) * paddedValue(o),
    padLeft: () => 0,
  }).sinkTo((v: number) => {
    checksum += v;
  });
  await env.execute("outer join bench");
  return checksum;
}

// Both checksum the net changelog: the engine must leave exactly the loop's rows.
let loopSum = 0;
let engineSum = 0;
const records = N + PAYMENTS;
const loop = await measure("hand-written loop (baseline)", records, () => void (loopSum = handWritten()));
const joined = await measure("engine: regularOuterJoin (left)", records, async () => void (engineSum = await engine()));
if (engineSum !== loopSum) throw new Error(`engine checksum ${engineSum} ≠ loop ${loopSum}`);
printTable(`regular left outer join, ${N.toLocaleString("en")} orders and ${PAYMENTS.toLocaleString("en")} payments over ${KEYS.toLocaleString("en")} keys (records per wall second)`, loop, [joined]);
saveResult(process.argv.includes("--quick") ? "outer-join-quick" : "outer-join", {
  unit: "records (orders + payments) per wall second", orders: N, payments: PAYMENTS, keys: KEYS,
  rows: [loop, joined].map((r) => ({ name: r.name, perSecond: r.perSecond, vsBaseline: r.perSecond / loop.perSecond })),
});
