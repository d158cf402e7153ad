// `left/right/full join … unbounded` as docs/language.md describes it (Flink's regular outer join): its output is a
// changelog with deletions — an unmatched row inserted padded, deleted (`__rowKind: "-D"`) when its first partner
// arrives — that flows through filter, map (which carries `__rowKind` unasked) and extend, and whose net rows are the
// outer join of the whole inputs (hand-computed), fused and `--no-fuse`, at parallelism 1 and 3; a running aggregate
// over it takes deletions back and is such a changelog itself.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { checkText } from "../helpers/check.js";
import { netRows } from "../../helpers/net-rows.js";

const SOURCE = `
schema Order { id: int, customer: string, ts: timestamp }
schema Payment { order: int, amount: int, ts: timestamp }
source orders: Order = collection([
  { id: 1, customer: "ann", ts: 1 },
  { id: 2, customer: "bob", ts: 2 },
  { id: 3, customer: "cat", ts: 3 },
]) watermark ts delay 0s
source payments: Payment = collection([
  { order: 1, amount: 10, ts: 4 },
  { order: 1, amount: 5, ts: 5 },
  { order: 4, amount: 7, ts: 6 },
  { order: 3, amount: 0, ts: 7 },
]) watermark ts delay 0s
sink unpaid = collect()
sink settled = collect()
sink totals = collect()
job j {
  orders
    | left join payments as p on id == p.order and p.amount > 0 unbounded
    | map { id, paid: if p == null then 0 else p.amount }
    | to unpaid
  orders
    | full join payments as p on id == p.order unbounded
    | filter id != 2
    | extend { big: if p == null then false else p.amount >= 10 }
    | map { order: if p == null then id else p.order, big }
    | to settled
  orders
    | left join payments as p on id == p.order unbounded
    | keyBy customer
    | aggregate { n: count(), paid: sum(if p == null then 0 else p.amount), unpaid: count(if p == null then 1 else null) }
    | to totals
}
`;

for (const fuse of [true, false]) {
  for (const parallelism of [1, 3]) {
    test(`the changelog's net rows are the outer join of everything read (${fuse ? "fused" : "--no-fuse"}, parallelism ${parallelism})`, async (t) => {
      const query = await compileQuery(SOURCE, "outer.flow", "j", { fuse });
      const { collected } = await runCompiled(query, { checkpointing: null, parallelism });
      const unpaid = collected["unpaid"] as Record<string, unknown>[];
      // order 3's only payment fails `p.amount > 0`: it stays padded
      t.deepEqual(netRows(unpaid), [{ id: 1, paid: 10 }, { id: 1, paid: 5 }, { id: 2, paid: 0 }, { id: 3, paid: 0 }].map((r) => JSON.stringify(r)).sort());
      t.true(unpaid.every((r) => r.__rowKind === "+I" || r.__rowKind === "-D"), "the map carried the change kind");
      // `filter id != 2` keeps payment 4's padded row: its id is null, and null != 2
      t.deepEqual(netRows(collected["settled"] as Record<string, unknown>[]), [
        { order: 1, big: true }, { order: 1, big: false }, { order: 3, big: false }, { order: 4, big: false },
      ].map((r) => JSON.stringify(r)).sort());
      // ann: order 1 twice (paid 10 and 5); bob's order 2 unpaid; cat's order 3 paid 0 — each group's last row stands
      t.deepEqual(netRows(collected["totals"] as Record<string, unknown>[]), [
        { customer: "ann", n: 2, paid: 15, unpaid: 0 }, { customer: "bob", n: 1, paid: 0, unpaid: 1 }, { customer: "cat", n: 1, paid: 0, unpaid: 0 },
      ].map((r) => JSON.stringify(r)).sort());
    });
  }
}

test("a padded row is taken back before its first joined row", async (t) => {
  const query = await compileQuery(SOURCE, "outer.flow", "j", { fuse: true });
  const { collected } = await runCompiled(query, { checkpointing: null, parallelism: 1 });
  const ann = (collected["unpaid"] as Record<string, unknown>[]).filter((r) => r.id === 1).map((r) => `${String(r.__rowKind)} ${String(r.paid)}`);
  // the orders arrive first (one thread, sources in declaration order)
  t.deepEqual(ann, ["+I 0", "-D 0", "+I 10", "+I 5"]);
});

test("what would take a deletion for a row is FLOW4042 at the operator: a window, dedupe, a bounded join of the changelog", (t) => {
  const job = (body: string) => SOURCE.replace(/job j \{[\s\S]*\}\s*$/, `job j {\n  orders | left join payments as p on id == p.order unbounded | ${body} | to unpaid\n}\n`);
  for (const [body, op] of [
    ["keyBy customer | window tumbling(1s) | aggregate { n: count() }", "window tumbling(1s)"],
    ["keyBy customer | dedupe id within 1m", "dedupe id within 1m"],
    ["left join payments as q on id == q.order between 0s and 1m", "left join payments as q on id == q.order between 0s and 1m"],
  ] as const) {
    const text = job(body);
    const errors = checkText(text).diagnostics.filter((d) => d.severity === "error");
    t.deepEqual(errors.map((d) => [d.code, text.slice(d.span.start, d.span.end)]), [["FLOW4042", op]], body);
  }
});
