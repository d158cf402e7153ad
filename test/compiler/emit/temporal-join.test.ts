// `join … temporal` as docs/language.md describes it (Flink's event-time temporal join): each left record joins the
// right side's version of its key current at the record's time — the latest right record at or before it — or, in a
// `left join`, keeps a null alias without one; a condition beyond the key is checked on that version only. Hand-computed
// rows, fused and `--no-fuse`, at parallelism 1 and 3.
import test from "ava";
import { compileQuery, runCompiled } from "../../helpers/compiled-query.js";

const SOURCE = `
schema Order { id: int, currency: string, amount: float, ts: timestamp }
schema Rate { currency: string, rate: float, ts: timestamp }
source orders: Order = collection([
  { id: 1, currency: "EUR", amount: 10.0, ts: 5 },
  { id: 2, currency: "EUR", amount: 10.0, ts: 10 },
  { id: 3, currency: "USD", amount: 4.0, ts: 12 },
  { id: 4, currency: "JPY", amount: 100.0, ts: 12 },
  { id: 5, currency: "EUR", amount: 2.0, ts: 25 },
  { id: 6, currency: "GBP", amount: 1.0, ts: 30 },
]) watermark ts delay 0s
source rates: Rate = collection([
  { currency: "EUR", rate: 1.1, ts: 0 },
  { currency: "USD", rate: 1.0, ts: 0 },
  { currency: "EUR", rate: 1.2, ts: 10 },
  { currency: "JPY", rate: 0.01, ts: 15 },
  { currency: "EUR", rate: 1.3, ts: 20 },
]) watermark ts delay 0s
sink inner = collect()
sink outer = collect()
sink dear = collect()
job j {
  orders | join rates as r on currency == r.currency temporal | map { id, rate: r.rate, ts } | to inner
  orders | left join rates as r on currency == r.currency temporal | map { id, rate: if r == null then -1.0 else r.rate } | to outer
  orders | join rates as r on currency == r.currency and r.rate > 1.15 temporal | map { id, rate: r.rate } | to dear
}
`;

type Row = { id: number; rate: number; ts?: number };
const byId = (rows: readonly unknown[]) => [...(rows as Row[])].sort((a, b) => a.id - b.id);

for (const fuse of [true, false]) {
  for (const parallelism of [1, 3]) {
    test(`each order joins the rate current at its time (${fuse ? "fused" : "--no-fuse"}, parallelism ${parallelism})`, async (t) => {
      const query = await compileQuery(SOURCE, "temporal.flow", "j", { fuse });
      const { collected } = await runCompiled(query, { checkpointing: null, parallelism });
      // order 2 at 10 meets the version of 10 itself; JPY's first version (15) comes after order 4 (12); GBP has none
      t.deepEqual(byId(collected["inner"]!), [
        { id: 1, rate: 1.1, ts: 5 },
        { id: 2, rate: 1.2, ts: 10 },
        { id: 3, rate: 1.0, ts: 12 },
        { id: 5, rate: 1.3, ts: 25 },
      ]);
      t.deepEqual(byId(collected["outer"]!), [
        { id: 1, rate: 1.1 }, { id: 2, rate: 1.2 }, { id: 3, rate: 1.0 }, { id: 4, rate: -1.0 }, { id: 5, rate: 1.3 }, { id: 6, rate: -1.0 },
      ]);
      // the condition tests the current version only: order 1's version (1.1) fails it, and the older one is not tried
      t.deepEqual(byId(collected["dear"]!), [{ id: 2, rate: 1.2 }, { id: 5, rate: 1.3 }]);
    });
  }
}
