// `lookup` / `left lookup`: what the checker accepts and the located errors for what it cannot load or index; how the
// plan shows the table (inside the lookup node, never as a source node of the job).
import test from "ava";
import { printLookup } from "../../../compiler/ir/print.js";
import { compile } from "../../../compiler/compile.js";
import { describeNode } from "../../../compiler/plan/print-plan.js";
import { checkText, PRELUDE, reports } from "../helpers/check.js";

const TABLE = `source accounts: { id: string, tier: int } = collection([{ id: "a", tier: 1 }])\n`;
const job = (body: string, extra = TABLE) => `${PRELUDE}${extra}\njob j {\n${body}\n}\n`;
const errors = (source: string) => checkText(source).diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

test("lookup adds the table's row under its alias; left lookup makes it nullable", (t) => {
  t.deepEqual(errors(job("txns | lookup accounts as a on account == a.id | map { id, tier: a.tier } | to out")), []);
  t.deepEqual(errors(job("txns | left lookup accounts as a on account == a.id and amount > 10.0 | map { id, tier: (a ?? { id: null, tier: null }).tier } | to out")), []);
  // Without a match the row is null: reading it needs a default (FLOW3006), as any nullable value.
  reports(t, job("txns | left lookup accounts as a on account == a.id | map { id, tier: ⟦a⟧.tier } | to out"), "FLOW3006");
});

test("a PostgreSQL table is looked up whole, as a file or a collection is", (t) => {
  const table = `source customers: { id: string, tier: int } = postgres("postgres://127.0.0.1:5432/shop", "crm.customers", fetchSize: 100)\n`;
  t.deepEqual(errors(job("txns | lookup customers as c on account == c.id | map { id, tier: c.tier } | to out", table)), []);
});

test("a lookup of a source that does not end: FLOW4037 at the table's name", (t) => {
  reports(t, job("txns | lookup ⟦live⟧ as a on account == a.id | map { id } | to out", `source live: { id: string } = socket("localhost", 9000)\n`), "FLOW4037");
  reports(t, job("txns | lookup ⟦tail⟧ as a on account == a.id | map { id } | to out", `source tail: { id: string } = file("t.jsonl", watch: true)\n`), "FLOW4037");
  reports(t, job("txns | lookup ⟦bids⟧ as b on 1 == b.auction | map { id } | to out", `source bids = nexmark(events: 10, table: "bid")\n`), "FLOW4037");
});

test("a lookup condition without an equality of the input and the table: FLOW4038 at the condition", (t) => {
  reports(t, job("txns | lookup accounts as a on ⟦account != a.id⟧ | map { id } | to out"), "FLOW4038");
  // An equality whose table side reads the input is no key either: the table is indexed before any record arrives.
  reports(t, job("txns | lookup accounts as a on ⟦account == a.id + country⟧ | map { id } | to out"), "FLOW4038");
});

test("a lookup of a stream of the job: FLOW4039 at its name; of an unknown name: FLOW2003", (t) => {
  reports(t, job("let big = txns | filter amount > 10.0\n  txns | lookup ⟦big⟧ as b on account == b.account | map { id } | to out"), "FLOW4039");
  reports(t, job("txns | lookup ⟦acounts⟧ as a on account == a.id | map { id } | to out"), "FLOW2003");
});

test("the table is part of the lookup node: no source node, printed under the operator", (t) => {
  const result = compile(job("txns | lookup accounts as a on account == a.id | map { id, tier: a.tier } | to out"), "main.flow", { fuse: true });
  t.true(result.ok);
  const nodes = result.plan!.jobs[0]!.nodes;
  t.deepEqual(nodes.filter((n) => n.kind === "source").map((n) => n.kind === "source" && n.name), ["txns"]);
  const lookup = nodes.find((n) => n.kind === "lookup")!;
  t.deepEqual(describeNode(lookup), [
    "lookup accounts as a on account == a.id",
    "  table accounts: { id: string, tier: int } = collection(…), loaded whole as each subtask opens",
  ]);
  t.is(lookup.kind === "lookup" && printLookup({ ...lookup.op, outer: true }), "left lookup accounts as a on account == a.id");
});
