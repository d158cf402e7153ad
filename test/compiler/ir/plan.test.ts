// The logical plan in IR terms, lowered from today's job graph: schemas, partitioning with IR key expressions, the
// time attribute and the changelog kind of each node (hand-derived from Flink's changelog modes).
import test from "ava";
import { lowerJobPlan, type IrPlanNode } from "../../../compiler/ir/plan.js";
import { runPass } from "../../helpers/plan-passes.js";

const PRELUDE = `schema Txn { id: string, account: string, amount: float, ts: timestamp }
source txns: Txn = collection([]) watermark ts delay 1s
sink out = collect()
`;
const plan = (body: string) => lowerJobPlan(runPass(`${PRELUDE}job j {\n${body}\n}\n`, () => {}).after);
const kinds = (n: IrPlanNode) => n.operators.map((o) => o.kind).join(" ");

test("a running aggregate emits upserts keyed by the group key; a hash edge carries the key as IR", (t) => {
  const { nodes } = plan("txns | filter amount > 10.0 | keyBy account | aggregate { n: count(), total: sum(amount) } | to out");
  t.deepEqual(nodes.map(kinds), ["source", "filter", "aggregate", "sink"]);
  const [source, filter, aggregate, sink] = nodes as [IrPlanNode, IrPlanNode, IrPlanNode, IrPlanNode];
  t.deepEqual(source.time, { eventTime: true, field: "ts" });
  t.deepEqual(filter.changelog, { kind: "insert-only", upsertKey: null });
  t.deepEqual(filter.time, { eventTime: true, field: "ts" });
  t.deepEqual(aggregate.changelog, { kind: "upsert", upsertKey: ["account"] });
  t.deepEqual(aggregate.schema.fields.map((f) => f.name), ["account", "n", "total"]);
  const edge = aggregate.inputs[0]!;
  t.is(edge.from, filter.id);
  t.like(edge.partitioning, { kind: "hash", fields: ["account"], key: [{ kind: "read", source: { kind: "input", field: "account" } }] });
  t.like(aggregate.operators[0], { kind: "aggregate", fields: [{ name: "n", value: { kind: "aggregate", name: "count", slot: 0 } }, { name: "total", value: { kind: "aggregate", name: "sum", slot: 1 } }] });
  t.deepEqual(sink.changelog, aggregate.changelog, "a sink receives what its input emits");
});

test("a tumbling window with its default trigger emits each window once: insert-only, no time field", (t) => {
  const { nodes } = plan("txns | keyBy account | window tumbling(1m) | aggregate { n: count() } | to out");
  const aggregate = nodes.find((n) => n.operators.some((o) => o.kind === "aggregate"))!;
  t.deepEqual(aggregate.changelog, { kind: "insert-only", upsertKey: null });
  t.deepEqual(aggregate.time, { eventTime: true, field: null });
  t.like(aggregate.operators.at(-1), { kind: "aggregate", window: { kind: "tumbling", sizeMs: 60000 } });
});

test("the time field is lost when a map drops or recomputes it, kept when it passes through", (t) => {
  const time = (body: string) => plan(body).nodes.find((n) => n.operators[0]?.kind === "project")!.time;
  t.deepEqual(time("txns | map { account, ts } | to out"), { eventTime: true, field: "ts" });
  t.deepEqual(time("txns | map { account } | to out"), { eventTime: true, field: null });
  t.deepEqual(time("txns | extend { ts: ts + 1s } | to out"), { eventTime: true, field: null });
});
