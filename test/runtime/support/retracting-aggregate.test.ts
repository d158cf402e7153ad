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

type NullableRow = { id: number; category: number; v: number | null };
const INT_OR_NULL = { kind: "nullable", inner: { kind: "int" } } as const;
const V = { kind: "read", source: { kind: "input", field: "v" }, type: INT_OR_NULL } as const;
const call = (name: "sum" | "avg" | "min" | "max" | "count", slot: number, type: object, args: readonly object[] = [V]) =>
  ({ kind: "aggregate", name, slot, type, args }) as unknown as FieldNode["value"];
/** `total: sum(v), mean: avg(v), lo: min(v), hi: max(v), n: count(v), rows: count()` over a nullable `v: int?`. */
const NULLABLE_FIELDS: readonly FieldNode[] = [
  { name: "total", value: call("sum", 0, INT_OR_NULL) },
  { name: "mean", value: call("avg", 1, { kind: "nullable", inner: { kind: "float" } }) },
  { name: "lo", value: call("min", 2, INT_OR_NULL) },
  { name: "hi", value: call("max", 3, INT_OR_NULL) },
  { name: "n", value: call("count", 4, { kind: "int" }) },
  { name: "rows", value: call("count", 5, { kind: "int" }, []) },
];

// SQL's aggregates skip null, so a row whose value is null contributes nothing, and taking it back undoes nothing;
// a group whose live rows hold no non-null value has a null sum, average, minimum and maximum (not 0).
test("nullable values: nulls are skipped when added and when taken back; no non-null value left gives null", async (t) => {
  const rows: NullableRow[] = [
    { id: 1, category: 7, v: null },
    { id: 2, category: 7, v: 4 },
    { id: 1, category: 7, v: 2 }, // takes back id 1's null: nothing
    { id: 2, category: 7, v: null }, // takes back id 2's 4
    { id: 1, category: 7, v: null }, // takes back id 1's 2: no non-null value is left
  ];
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const out = await env
    .fromSource(new CollectionSource(rows), WatermarkStrategy.noWatermarks<NullableRow>(), "rows")
    .keyBy((r) => r.category)
    .process(retractingAggregate(NULLABLE_FIELDS, ["category"], (r) => r.category, ["id"], {}) as never)
    .executeAndCollect();
  // by hand: the live values after each row are {null}, {null, 4}, {2, 4}, {2, null}, {null, null}
  t.deepEqual(out, [
    { category: 7, total: null, mean: null, lo: null, hi: null, n: 0, rows: 1 },
    { category: 7, total: 4, mean: 4, lo: 4, hi: 4, n: 1, rows: 2 },
    { category: 7, total: 6, mean: 3, lo: 2, hi: 4, n: 2, rows: 2 },
    { category: 7, total: 2, mean: 2, lo: 2, hi: 2, n: 1, rows: 2 },
    { category: 7, total: null, mean: null, lo: null, hi: null, n: 0, rows: 2 },
  ]);
});

type Change = { k: string; v: number; __rowKind: "+I" | "-D" };
/** `total: sum(v), hi: max(v)` over `v: int`. */
const SUM_MAX: readonly FieldNode[] = [
  { name: "total", value: { kind: "aggregate", name: "sum", slot: 0, type: { kind: "int" }, args: [{ kind: "read", source: { kind: "input", field: "v" }, type: { kind: "int" } }] } as unknown as FieldNode["value"] },
  { name: "hi", value: { kind: "aggregate", name: "max", slot: 1, type: { kind: "int" }, args: [{ kind: "read", source: { kind: "input", field: "v" }, type: { kind: "int" } }] } as unknown as FieldNode["value"] },
];

test("over a changelog with deletions: +I for a group's first row, -U/+U as it changes, nothing when unchanged, -D when its last row goes", async (t) => {
  const changes: Change[] = [
    { k: "a", v: 5, __rowKind: "+I" },
    { k: "a", v: 7, __rowKind: "+I" },
    { k: "a", v: 0, __rowKind: "+I" }, // sum and max unchanged: no row
    { k: "a", v: 7, __rowKind: "-D" }, // the max falls back to 5
    { k: "b", v: 1, __rowKind: "+I" },
    { k: "a", v: 5, __rowKind: "-D" },
    { k: "a", v: 0, __rowKind: "-D" }, // a's last row: the group is deleted
    { k: "a", v: 2, __rowKind: "+I" }, // and starts again from nothing
  ];
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(1);
  const out = await env
    .fromSource(new CollectionSource(changes), WatermarkStrategy.noWatermarks<Change>(), "changes")
    .keyBy((r) => r.k)
    .process(retractingAggregate(SUM_MAX, ["k"], (r) => r.k, { rowKindField: "__rowKind" }, {}) as never)
    .executeAndCollect();
  t.deepEqual(out, [
    { k: "a", total: 5, hi: 5, __rowKind: "+I" },
    { k: "a", total: 5, hi: 5, __rowKind: "-U" },
    { k: "a", total: 12, hi: 7, __rowKind: "+U" },
    { k: "a", total: 12, hi: 7, __rowKind: "-U" },
    { k: "a", total: 5, hi: 5, __rowKind: "+U" },
    { k: "b", total: 1, hi: 1, __rowKind: "+I" },
    { k: "a", total: 5, hi: 5, __rowKind: "-U" },
    { k: "a", total: 0, hi: 0, __rowKind: "+U" },
    { k: "a", total: 0, hi: 0, __rowKind: "-D" },
    { k: "a", total: 2, hi: 2, __rowKind: "+I" },
  ]);
});
