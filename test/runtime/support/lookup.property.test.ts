// `lookup` and `left lookup` against a brute-force nested-loop join over random input records and a random table
// (duplicate keys, null keys, an extra condition), fused and --no-fuse, at parallelism 1 and 3 (the lookup behind a
// rebalance, so that three subtasks each load the table). The oracle is written from the documented semantics: every
// table row for which the condition holds gives one output; `left lookup` emits a record without any with a null row.
import test from "ava";
import fc from "fast-check";
import { loadFactories, type Factory } from "../../dsl-examples/factories.js";
import { assertProperty, propertyRuns } from "../../helpers/property.js";

interface Left { id: number; k: number | null; x: number }
interface Row { k: number | null; v: string; w: number }

const PROGRAM = `
source left: { id: int, k: int?, x: int } = collection([{ id: 0, k: 0, x: 0 }])
source table: { k: int?, v: string, w: int } = collection([{ k: 0, v: "a", w: 0 }])
sink inner = collect()
sink outer = collect()

job j {
  left | rebalance | lookup table as s on k == s.k and x >= s.w | map { id, v: s.v, w: s.w } | to inner
  left | rebalance | left lookup table as s on s.k == k and x >= s.w | map { id, v: (s ?? { k: null, v: null, w: null }).v } | to outer
}
`;

/** The condition of both lookups, as the .flow program writes it (`==` holds for null == null, as in `.flow`). */
const matches = (l: Left, r: Row) => l.k === r.k && l.x >= r.w;

function oracle(lefts: readonly Left[], table: readonly Row[]): { inner: unknown[]; outer: unknown[] } {
  const inner: unknown[] = [];
  const outer: unknown[] = [];
  for (const l of lefts) {
    const found = table.filter((r) => matches(l, r));
    for (const r of found) inner.push({ id: l.id, v: r.v, w: r.w });
    for (const r of found) outer.push({ id: l.id, v: r.v });
    if (found.length === 0) outer.push({ id: l.id, v: null });
  }
  return { inner, outer };
}

const canonical = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

const key = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 6 });
const lefts = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 30 }).chain((xs) => fc.tuple(...xs.map((x) => key.map((k): Left => ({ id: 0, k, x }))))).map((ls) => ls.map((l, i) => ({ ...l, id: i })));
const table = fc.array(fc.record({ k: key, v: fc.constantFrom("a", "b", "c", "d"), w: fc.integer({ min: 0, max: 6 }) }), { maxLength: 12 });

test("lookup and left lookup give the nested-loop join's rows, fused and --no-fuse, at parallelism 1 and 3", async (t) => {
  const factories: [string, Factory][] = [];
  for (const fuse of [true, false]) factories.push([fuse ? "fused" : "--no-fuse", (await loadFactories(PROGRAM, "lookup.flow", fuse)).jobs["j"]!]);
  await assertProperty(t, fc.asyncProperty(lefts, table, async (ls, rows) => {
    const expected = oracle(ls, rows);
    for (const [mode, job] of factories) {
      for (const parallelism of [1, 3]) {
        const run = await job({ sources: { left: ls, table: rows }, parallelism, workers: 1 }).run();
        const label = `${mode}, parallelism ${parallelism}`;
        if (JSON.stringify(canonical(run.collected["inner"] ?? [])) !== JSON.stringify(canonical(expected.inner))) throw new Error(`inner lookup differs (${label}): ${JSON.stringify(run.collected["inner"])}`);
        if (JSON.stringify(canonical(run.collected["outer"] ?? [])) !== JSON.stringify(canonical(expected.outer))) throw new Error(`left lookup differs (${label}): ${JSON.stringify(run.collected["outer"])}`);
      }
    }
  }), { file: import.meta.url, numRuns: propertyRuns(15) });
});
