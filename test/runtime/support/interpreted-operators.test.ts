// The interpreted (`--no-fuse`) operators built from embedded IR.
import test from "ava";
import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { interpretRunningAggregate, type FieldNode } from "../../../runtime/support/interpreted-operators.js";

type Row = { k: number };

/** `n: count()` as the compiler embeds it. */
const COUNT: readonly FieldNode[] = [{ name: "n", value: { kind: "aggregate", name: "count", args: [], slot: 0, type: { kind: "int" } } }];

// The running aggregate kept its state handle in a closure shared by the subtasks' copies of the function, so at
// parallelism 2 every subtask counted in the state of the subtask opened last (as retractingAggregate did in q4).
test("a running aggregate counts each key in its own subtask's state at parallelism 2", async (t) => {
  const rows: Row[] = [];
  for (let i = 0; i < 48; i++) rows.push({ k: i % 12 });
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  env.getConfig().setBatchSize(3);
  const out = await env
    .fromSource(new CollectionSource(rows), WatermarkStrategy.noWatermarks<Row>(), "rows")
    .keyBy((r) => r.k)
    .process(interpretRunningAggregate(COUNT, ["k"], (r) => r["k"], {}) as never)
    .executeAndCollect();
  const last = new Map<number, number>();
  for (const r of out as unknown as { k: number; n: number }[]) last.set(r.k, r.n);
  t.deepEqual([...last].sort((a, b) => a[0] - b[0]), Array.from({ length: 12 }, (_, k) => [k, 4]));
});
