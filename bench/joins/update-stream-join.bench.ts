// Inner join of an update stream (Flink's ChangelogNormalize, then its join over retracting inputs; and the plan the
// compiler makes when the join key is the update key, the join replacing rows itself): "totals" rows are
// upserts per key — each replaces the key's previous row, an eighth of them equal to it — turned into a changelog (+I,
// -U/+U, nothing for an equal row) and joined with "customers" per key. Records per wall second through the engine (two
// sources → keyBy → changelogNormalize → keyBy → changelogJoin → sink) against a hand-written loop with the same state
// (per key, the current total and the customer row), reported as a ratio. Both checksum the net changelog.
//
// Run: npx tsx bench/joins/update-stream-join.bench.ts [updates] [--quick]   (results: bench/results/update-stream-join[-quick].json)

import { type ChangeKind, changelogJoin, changelogNormalize, GeneratorSource, type NormalizedKind, StreamExecutionEnvironment, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Total {
  key: number;
  total: number;
}
interface Change extends Total {
  __rowKind: NormalizedKind;
}
interface Customer {
  key: number;
  weight: number;
}

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 1_000_000);
/** About five updates per key. */
const KEYS = Math.max(1, Math.floor(N / 5));
/** Update i: key by a stride; its total grows with i, except every eighth update, which repeats the previous total. */
const update = (i: number): Total => {
  const key = (i * 7919) % KEYS;
  const round = Math.floor(i / KEYS);
  return { key, total: i % 8 === 7 && round > 0 ? round - 1 : round };
};
const customer = (c: number): Customer => ({ key: c, weight: (c % 7) + 1 });
const pairValue = (t: Total, c: Customer) => t.total * c.weight + 1;

/** The baseline: customers first, then each update replaces its key's total (an equal one changes nothing). */
function handWritten(): number {
  const weights = new Map<number, Customer>();
  for (let c = 0; c < KEYS; c++) weights.set(c, customer(c));
  const current = new Map<number, Total>();
  let checksum = 0;
  for (let i = 0; i < N; i++) {
    const u = update(i);
    const before = current.get(u.key);
    if (before !== undefined && before.total === u.total) continue;
    current.set(u.key, u);
    const c = weights.get(u.key);
    if (c === undefined) continue;
    if (before !== undefined) checksum -= pairValue(before, c);
    checksum += pairValue(u, c);
  }
  return checksum;
}

/** The compiler's plan when the join key is the update key: the join replaces the key's row itself (`upsertLeft`). */
async function folded(): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const customers = env.fromSource(new GeneratorSource(customer, KEYS), WatermarkStrategy.noWatermarks<Customer>(), "customers");
  const totals = env.fromSource(new GeneratorSource(update, N), WatermarkStrategy.noWatermarks<Total>(), "totals");
  let checksum = 0;
  changelogJoin(totals.keyBy((t) => t.key), customers.keyBy((c) => c.key), {
    rowKindField: "__rowKind",
    upsertLeft: true,
    matches: () => true,
    joined: (t: Total, c: Customer, kind: ChangeKind) => (kind === "+I" ? 1 : -1) * pairValue(t, c),
  }).sinkTo((v: number) => {
    checksum += v;
  });
  await env.execute("update stream join bench (folded)");
  return checksum;
}

async function engine(): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  // why customers declared first: in one thread the sources take turns in declaration order, as the loop reads them
  const customers = env.fromSource(new GeneratorSource(customer, KEYS), WatermarkStrategy.noWatermarks<Customer>(), "customers");
  const totals = env.fromSource(new GeneratorSource(update, N), WatermarkStrategy.noWatermarks<Total>(), "totals");
  const changes = changelogNormalize<Total, number, Change>(totals.keyBy((t) => t.key), { withKind: (r, k) => ({ key: r.key, total: r.total, __rowKind: k }) });
  let checksum = 0;
  changelogJoin(changes.keyBy((t) => t.key), customers.keyBy((c) => c.key), {
    rowKindField: "__rowKind",
    matches: () => true,
    joined: (t: Change, c: Customer, kind: ChangeKind) => (kind === "+I" ? 1 : -1) * pairValue(t, c),
  }).sinkTo((v: number) => {
    checksum += v;
  });
  await env.execute("update stream join bench");
  return checksum;
}

let loopSum = 0;
let engineSum = 0;
let foldedSum = 0;
const records = N + KEYS;
const loop = await measure("hand-written loop (baseline)", records, () => void (loopSum = handWritten()));
const joined = await measure("engine: changelogNormalize + changelogJoin", records, async () => void (engineSum = await engine()));
const upserting = await measure("engine: changelogJoin replacing rows (join key = update key)", records, async () => void (foldedSum = await folded()));
if (engineSum !== loopSum) throw new Error(`engine checksum ${engineSum} ≠ loop ${loopSum}`);
if (foldedSum !== loopSum) throw new Error(`folded checksum ${foldedSum} ≠ loop ${loopSum}`);
printTable(`inner join of an update stream, ${N.toLocaleString("en")} updates and ${KEYS.toLocaleString("en")} customers over ${KEYS.toLocaleString("en")} keys (records per wall second)`, loop, [joined, upserting]);
saveResult(process.argv.includes("--quick") ? "update-stream-join-quick" : "update-stream-join", {
  unit: "records (updates + customers) per wall second", updates: N, customers: KEYS, keys: KEYS,
  rows: [loop, joined, upserting].map((r) => ({ name: r.name, perSecond: r.perSecond, vsBaseline: r.perSecond / loop.perSecond })),
});
