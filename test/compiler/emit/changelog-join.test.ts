// An `unbounded` inner join of a changelog with deletions (docs/language.md, "Outer joins"): a padded row that leaves
// its outer join deletes the pairs it made further on, so the net rows are the join of the outer join's net rows
// (hand-computed), fused and `--no-fuse`, at parallelism 1 and 3.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";
import { netRows } from "../../helpers/net-rows.js";

const SOURCE = `
schema Order { id: int, customer: string, ts: timestamp }
schema Payment { order: int, amount: int, ts: timestamp }
schema Customer { name: string, city: string, ts: timestamp }
source customers: Customer = collection([
  { name: "ann", city: "Oslo", ts: 0 },
  { name: "bob", city: "Rome", ts: 0 },
]) watermark ts delay 0s
source orders: Order = collection([
  { id: 1, customer: "ann", ts: 1 },
  { id: 2, customer: "bob", ts: 2 },
  { id: 3, customer: "ann", ts: 3 },
]) watermark ts delay 0s
source payments: Payment = collection([
  { order: 1, amount: 10, ts: 4 },
  { order: 2, amount: 7, ts: 5 },
]) watermark ts delay 0s
sink cities = collect()
job j {
  orders
    | left join payments as p on id == p.order unbounded
    | map { id, customer, paid: if p == null then 0 else p.amount }
    | join customers as c on customer == c.name unbounded
    | map { id, city: c.city, paid }
    | to cities
}
`;

for (const fuse of [true, false]) {
  for (const parallelism of [1, 3]) {
    test(`a padded row that leaves deletes its pairs downstream (${fuse ? "fused" : "--no-fuse"}, parallelism ${parallelism})`, async (t) => {
      const query = await compileQuery(SOURCE, "changelog-join.flow", "j", { fuse });
      const { collected } = await runCompiled(query, { checkpointing: null, parallelism });
      const rows = collected["cities"] as Record<string, unknown>[];
      // the customers come first (one thread: sources in declaration order), so padded rows made pairs before they left
      if (parallelism === 1) t.true(rows.some((r) => r.__rowKind === "-D"), "a pair was deleted");
      t.deepEqual(netRows(rows), [{ id: 1, city: "Oslo", paid: 10 }, { id: 2, city: "Rome", paid: 7 }, { id: 3, city: "Oslo", paid: 0 }].map((r) => JSON.stringify(r)).sort());
    });
  }
}
