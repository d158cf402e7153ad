// pruneFields: a chain whose records only feed plain aggregates emits just the fields those aggregates read — the
// key's fields and the aggregated expressions' fields. Everything else that sees the records keeps them whole: sinks,
// other consumers, late-record side outputs, and reduce/top (whose output is the input record).
import test from "ava";
import { pruneFields } from "../../../compiler/passes/prune-fields.js";
import type { JobPlan } from "../../../compiler/plan/plan.js";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { fieldsOut, runPass } from "../../helpers/plan-passes.js";

const SCHEMA = "schema Txn { id: string, account: string, country: string, amount: float, ts: timestamp }";
const PRELUDE = `${SCHEMA}
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
sink late = collect()
`;
const prune = (body: string) => runPass(`${PRELUDE}job j {\n${body}\n}\n`, pruneFields);
const ALL = ["id", "account", "country", "amount", "ts"];

/** The fields each chain emits, and those each aggregate is typed to receive. */
function fields(job: JobPlan): { chains: string[][]; aggregateInputs: string[][] } {
  return {
    chains: job.nodes.filter((n) => n.kind === "chain").map(fieldsOut),
    aggregateInputs: job.nodes.flatMap((n) => (n.kind === "aggregate" ? [n.inputType.fields.map((f) => f.name)] : [])),
  };
}

test("a chain feeding a keyed aggregate keeps the key field and the aggregated fields, and the aggregate expects just those", (t) => {
  const { before, after } = prune("txns | extend { cents: amount * 100.0 } | keyBy account | window tumbling(1m) | aggregate { total: sum(cents) } | to out");
  t.deepEqual(fields(before).chains, [[...ALL, "cents"]]);
  t.deepEqual(fields(after), { chains: [["account", "cents"]], aggregateInputs: [["account", "cents"]] });
});

test("fields read inside the key expression and inside aggregate arguments are kept", (t) => {
  const { after } = prune("txns | extend { big: amount > 100.0 } | keyBy lower(country) | window tumbling(1m) | aggregate { bigs: count(if big then id else null) } | to out");
  t.deepEqual(fields(after).chains, [["id", "country", "big"]]);
});

test("a chain that also feeds a sink keeps every field (the sink receives whole records)", (t) => {
  const { before, after } = prune(`let v = txns | extend { cents: amount * 100.0 }
  v | keyBy account | window tumbling(1m) | aggregate { total: sum(cents) } | to out
  v | to out2`);
  t.deepEqual(fields(after).chains, fields(before).chains);
});

test("a chain feeding two aggregates keeps the union of what they read", (t) => {
  const { after } = prune(`let v = txns | extend { cents: amount * 100.0 }
  v | keyBy account | window tumbling(1m) | aggregate { total: sum(cents) } | to out
  v | keyBy country | window tumbling(1m) | aggregate { n: count() } | to out2`);
  t.deepEqual(fields(after).chains, [["account", "country", "cents"]]);
});

test("an aggregate with lateTo keeps every field: late records reach their sink as they came in", (t) => {
  const { after } = prune("txns | extend { cents: amount * 100.0 } | keyBy account | window tumbling(1m) lateTo late | aggregate { total: sum(cents) } | to out");
  t.deepEqual(fields(after).chains, [[...ALL, "cents"]]);
});

test("end to end, fused: a late record keeps all its fields (it once arrived with only the key and the summed field)", async (t) => {
  const source = `${SCHEMA}
source txns: Txn = collection([
  { id: "a", account: "x", country: "fr", amount: 1.0, ts: 1000 },
  { id: "b", account: "x", country: "fr", amount: 2.0, ts: 200000 },
  { id: "c", account: "x", country: "de", amount: 3.0, ts: 2000 },
]) watermark ts delay 0s
sink out = collect()
sink late = collect()
job j {
  txns | extend { cents: amount * 100.0 } | keyBy account | window tumbling(1m) lateTo late | aggregate { total: sum(cents) } | to out
}`;
  const query = await compileQuery(source, "late.flow", "j", { fuse: true });
  // why batch size 1: a watermark after every record, so `c` arrives after the watermark passed its window
  const { collected } = await runCompiled(query, { checkpointing: null, batchSize: 1 });
  t.deepEqual(collected["late"], [{ id: "c", account: "x", country: "de", amount: 3, ts: 2000, cents: 300 }]);
  t.deepEqual(collected["out"], [{ account: "x", total: 100 }, { account: "x", total: 200 }]);
});

test("reduce and top emit input records, so the chain before them is not pruned", (t) => {
  for (const op of ["reduce (a, b) => if a.amount >= b.amount then a else b", "top 1 by amount desc"]) {
    const { before, after } = prune(`txns | extend { cents: amount * 100.0 } | keyBy account | window tumbling(1m) | ${op} | to out`);
    t.deepEqual(fields(after).chains, fields(before).chains, op);
  }
});

test("a filter-only chain forwards its input records unchanged rather than copying them smaller", (t) => {
  const { after } = prune("txns | filter amount > 1.0 | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) } | to out");
  t.deepEqual(fields(after).chains, [ALL]);
});

// Found by the SQL front end (Nexmark q4 through SQL): the map between two running aggregates was pruned to what the
// second aggregate reads, dropping the first one's key — which the second needs to retract a row it replaces.
const UPDATES = `${SCHEMA}
source txns: Txn = collection([
  { id: "a", account: "x", country: "fr", amount: 1.0, ts: 1000 },
  { id: "b", account: "x", country: "fr", amount: 5.0, ts: 2000 },
  { id: "c", account: "y", country: "fr", amount: 2.0, ts: 3000 },
]) watermark ts delay 0s
sink out = collect()
job j {
  txns
    | keyBy account, country
    | aggregate { top: max(amount) }
    | map { top, country, account }
    | keyBy country
    | aggregate { total: sum(top) }
    | to out
}`;

test("the fields an aggregate over an update stream retracts by survive pruning: its rows are taken back, fused or not", async (t) => {
  // By hand: x's max goes 1 → 5 (the 1 taken back), y's is 2; the running total per country: 1, 5, 7.
  for (const fuse of [true, false]) {
    const { collected } = await runCompiled(await compileQuery(UPDATES, "updates.flow", "j", { fuse }), { checkpointing: null, batchSize: 1 });
    t.deepEqual(collected["out"], [{ country: "fr", total: 1 }, { country: "fr", total: 5 }, { country: "fr", total: 7 }], `fuse ${fuse}`);
  }
});

test("an update stream named with `let` stays one: the aggregate after it retracts as in the pipeline written whole", async (t) => {
  const split = UPDATES.replace("    | map { top, country, account }\n", "  let tops = txns2\n    | map { top, country, account }\n  tops\n")
    .replace("  txns\n    | keyBy account, country", "  let txns2 = txns\n    | keyBy account, country");
  t.not(split, UPDATES);
  const { collected } = await runCompiled(await compileQuery(split, "updates-let.flow", "j", { fuse: true }), { checkpointing: null, batchSize: 1 });
  t.deepEqual(collected["out"], [{ country: "fr", total: 1 }, { country: "fr", total: 5 }, { country: "fr", total: 7 }]);
});
