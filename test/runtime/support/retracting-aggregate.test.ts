// The retracting aggregate behind `keyBy … | aggregate` over an update stream (Nexmark q4's average of running maxima).
import test from "ava";
import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import type { FieldNode } from "../../../runtime/support/interpreted-operators.js";
import { retractingAggregate } from "../../../runtime/support/retracting-aggregate.js";

type Row = { id: number; category: number; final: number };

/** `average: avg(final)` as the compiler embeds it. */
const AVG_FINAL: readonly FieldNode[] = [{
  name: "average",
  value: {
    kind: "aggregate", name: "avg", slot: 0, type: { kind: "float" },
    args: [{ kind: "read", source: { kind: "input", field: "final" }, type: { kind: "int" } }],
  },
}];

// Found by Nexmark q4 at parallelism 2, whose averages changed with the batch size and were equal across categories:
// the function kept its state handle in a closure shared by the subtasks' copies, so every subtask read and wrote the
// state of the subtask opened last, under that subtask's current key.
test("each subtask aggregates its own keys: the average of each id's last row, per category, at parallelism 2", async (t) => {
  // ids 0..39 in categories 10..17, each id's running max rising three times
  const rows: Row[] = [];
  for (let step = 1; step <= 3; step++) for (let id = 0; id < 40; id++) rows.push({ id, category: 10 + (id % 8), final: id * 100 + step });
  for (const batch of [1, 3, 8]) {
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
    env.getConfig().setBatchSize(batch);
    const out = await env
      .fromSource(new CollectionSource(rows), WatermarkStrategy.noWatermarks<Row>(), "rows")
      .keyBy((r) => r.category)
      .process(retractingAggregate(AVG_FINAL, ["category"], (r) => r.category, ["id", "category"], {}) as never)
      .executeAndCollect();
    const last = new Map<number, number>();
    for (const r of out as unknown as { category: number; average: number }[]) last.set(r.category, r.average);
    // oracle: category c holds ids c-10, c-2, …, each at its last value id * 100 + 3
    const expected = new Map<number, number>();
    for (let c = 10; c < 18; c++) {
      const ids = Array.from({ length: 5 }, (_, i) => c - 10 + 8 * i);
      expected.set(c, ids.reduce((s, id) => s + id * 100 + 3, 0) / ids.length);
    }
    t.deepEqual([...last].sort((a, b) => a[0] - b[0]), [...expected], `batch size ${batch}`);
  }
});
