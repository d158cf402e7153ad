// Inner join of a changelog with deletions: "orders" rows enter and a fifth of them leave again (+I, later -D), joined
// with "customers" per key, every pair inserted and deleted with its row. Records per wall second through the engine
// (two sources → keyBy → changelogJoin → sink) against a hand-written loop with the same state (per key, each side's
// present rows), reported as a ratio. Both checksum the net changelog (+I adds a pair's value, -D subtracts it).
//
// Run: npx tsx bench/joins/changelog-join.bench.ts [changes] [--quick]   (results: bench/results/changelog-join[-quick].json)

import { type ChangeKind, changelogJoin, GeneratorSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Row {
  key: number;
  value: number;
  __rowKind: ChangeKind;
}

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000);
/** About four present orders and one customer row per key. */
const KEYS = Math.max(1, Math.floor(N / 5));
const CUSTOMERS = KEYS;
/** Change i: every fifth one takes back the order that entered 5 changes before (same key, same value). */
const order = (i: number): Row => {
  const leaves = i % 5 === 4;
  const j = leaves ? i - 5 : i;
  return { key: (j * 7919) % KEYS, value: (j & 15) + 1, __rowKind: leaves ? "-D" : "+I" };
};
const customer = (c: number): Row => ({ key: c, value: (c % 7) + 1, __rowKind: "+I" });
const pairValue = (o: Row, c: Row) => o.value * c.value;

/** The baseline: customers first (one per key), then the order changes, each joined with its key's customer. */
function handWritten(): number {
  const customers = new Map<number, Row[]>();
  const orders = new Map<number, Row[]>();
  for (let c = 0; c < CUSTOMERS; c++) {
    const row = customer(c);
    customers.set(row.key, [row]);
  }
  let checksum = 0;
  for (let i = 0; i < N; i++) {
    const o = order(i);
    let mine = orders.get(o.key);
    if (o.__rowKind === "-D") {
      const at = mine === undefined ? -1 : mine.findIndex((x) => x.value === o.value);
      if (at < 0) continue;
      mine!.splice(at, 1);
    } else if (mine === undefined) orders.set(o.key, (mine = [o]));
    else mine.push(o);
    const sign = o.__rowKind === "-D" ? -1 : 1;
    for (const c of customers.get(o.key) ?? []) checksum += sign * pairValue(o, c);
  }
  return checksum;
}

async function engine(): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  // why customers declared first: in one thread the sources take turns in declaration order, as the loop reads them
  const customers = env.fromSource(new GeneratorSource(customer, CUSTOMERS), WatermarkStrategy.noWatermarks<Row>(), "customers");
  const orders = env.fromSource(new GeneratorSource(order, N), WatermarkStrategy.noWatermarks<Row>(), "orders");
  let checksum = 0;
  changelogJoin(orders.keyBy((o) => o.key), customers.keyBy((c) => c.key), {
    rowKindField: "__rowKind",
    matches: () => true,
    joined: (o: Row, c: Row, kind: ChangeKind) => (kind === "+I" ? 1 : -1) * pairValue(o, c),
  }).sinkTo((v: number) => {
    checksum += v;
  });
  await env.execute("changelog join bench");
  return checksum;
}

// The net changelog does not depend on how the two inputs interleave; both must leave the same pairs.
let loopSum = 0;
let engineSum = 0;
const records = N + CUSTOMERS;
const loop = await measure("hand-written loop (baseline)", records, () => void (loopSum = handWritten()));
const joined = await measure("engine: changelogJoin", records, async () => void (engineSum = await engine()));
if (engineSum !== loopSum) throw new Error(`engine checksum ${engineSum} ≠ loop ${loopSum}`);
printTable(`inner join of a changelog, ${N.toLocaleString("en")} order changes (a fifth of them -D) and ${CUSTOMERS.toLocaleString("en")} customers over ${KEYS.toLocaleString("en")} keys (records per wall second)`, loop, [joined]);
saveResult(process.argv.includes("--quick") ? "changelog-join-quick" : "changelog-join", {
  unit: "records (order changes + customers) per wall second", changes: N, customers: CUSTOMERS, keys: KEYS,
  rows: [loop, joined].map((r) => ({ name: r.name, perSecond: r.perSecond, vsBaseline: r.perSecond / loop.perSecond })),
});
