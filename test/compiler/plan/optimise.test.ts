// The plan and the optimiser: lowering (hash edges at keyed operators, fan-out, side outputs), fusion with its
// report, constant folding, filters moved ahead of projections, and pruned fields before aggregates.
import test from "ava";
import { printStep } from "../../../compiler/ir/print.js";
import { stepName } from "../../../compiler/ir/stateless.js";
import { printPlan } from "../../../compiler/plan/print-plan.js";
import type { ChainNode, JobPlan } from "../../../compiler/plan/plan.js";
import { compileText } from "../helpers/compile.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, country: string, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
sink out2 = collect()
`;

function plans(body: string): { before: JobPlan; after: JobPlan } {
  const result = compileText(`${PRELUDE}job j {\n${body}\n}\n`);
  if (!result.ok) throw new Error(JSON.stringify(result.check.diagnostics.map((d) => d.message)));
  return { before: result.unoptimised!.jobs[0]!, after: result.plan!.jobs[0]! };
}

const chains = (job: JobPlan) => job.nodes.filter((n): n is ChainNode => n.kind === "chain");
const kinds = (job: JobPlan) => chains(job).map((c) => c.steps.map(stepName).join(","));

test("keyBy becomes a hash edge into the keyed operator; stateless operators before it stay on the input side", (t) => {
  const { before } = plans("txns | keyBy account | filter amount > 1.0 | window tumbling(1m) | aggregate { n: count() } | to out");
  const agg = before.nodes.find((n) => n.kind === "aggregate")!;
  const into = before.edges.find((e) => e.to === agg.id)!;
  t.is(into.partitioning.kind, "hash");
  t.is(before.nodes.find((n) => n.id === into.from)!.kind, "chain");
});

test("a map → filter → extend run fuses into one chain; a fan-out and a shuffle break chains, with reasons", (t) => {
  const { before, after } = plans(`let v = txns | map { account, amount } | filter amount > 1.0 | extend { big: amount > 100.0 }
  v | map { account } | to out
  v | filter big | keyBy account | aggregate { n: count() } | to out2`);
  t.is(chains(before).length, 5);
  // The filter on a passed-through field also moved ahead of the map; `filter big` stays before the keyBy shuffle
  // (the aggregate runs at the job's parallelism, decided when the job runs).
  t.deepEqual(kinds(after), ["filter,map,extend", "map", "filter"]);
  const reasons = after.notes.filter((n) => n.kind === "break").map((n) => n.reason);
  t.true(reasons.includes("the producer fans out to several consumers"), reasons.join("; "));
  t.true(after.notes.some((n) => n.kind === "fused"));
  t.regex(printPlan({ file: "main.flow", jobs: [after] }), /fused chain \(3 operators\)/);
  const agg = after.nodes.find((n) => n.kind === "aggregate");
  t.deepEqual(agg?.kind === "aggregate" ? agg.pre.map(stepName) : [], []);
});

test("constant folding removes `filter true` and folds arithmetic", (t) => {
  const { after } = plans("txns | filter 1 + 1 == 2 | map { account, limit: 2 * 60 * 1000 } | to out");
  t.deepEqual(kinds(after), ["map"]);
  const map = chains(after)[0]!.steps[0]!;
  const limit = map.kind === "project" ? map.fields[1]!.value : null;
  t.like(limit, { kind: "literal", value: 120000, type: { kind: "int" } });
});

test("a filter on a passed-through or renamed field moves ahead of the projection", (t) => {
  const { after } = plans("txns | map { who: account, cents: amount * 100.0 } | filter who != \"\" | to out");
  t.deepEqual(kinds(after), ["filter,map"]);
  // the filter now reads the projection's input: `who` is `account` there
  t.is(printStep(chains(after)[0]!.steps[0]!), 'filter account != ""');
  // A filter on a computed field stays where it is.
  t.deepEqual(kinds(plans("txns | map { account, cents: amount * 100.0 } | filter cents > 1.0 | to out").after), ["map,filter"]);
});

test("fields nobody reads are pruned from records that feed an aggregate", (t) => {
  const { after } = plans("parallelism 2\n  txns | extend { cents: amount * 100.0 } | keyBy account | window tumbling(1m) | aggregate { total: sum(cents) } | to out");
  const chain = chains(after)[0]!;
  t.deepEqual(chain.outputType.fields.map((f) => f.name), ["account", "cents"]);
});

test("under a `parallelism 1` hint the chains around a tumbling aggregate fuse into it", (t) => {
  const { after } = plans("txns | parallelism 1 | filter amount > 0.0 | keyBy account | window tumbling(1m) | aggregate { total: sum(amount) } | filter total > 5.0 | map { account, total } | to out");
  const agg = after.nodes.find((n) => n.kind === "aggregate");
  t.is(agg?.kind, "aggregate");
  if (agg?.kind !== "aggregate") return;
  t.deepEqual(agg.pre.map(stepName), ["filter"]);
  t.deepEqual(agg.post.map(stepName), ["filter", "map"]);
  t.is(chains(after).length, 0);
});
