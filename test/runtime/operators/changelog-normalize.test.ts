// ChangelogNormalizeOperator: an update stream (each record replaces the previous one with its key) becomes a
// changelog — +I for a key's first row, -U (the replaced row) then +U for a change, nothing for an unchanged row —
// which, applied in order, leaves exactly the last row of each key (the oracle), at any parallelism.
import test from "ava";
import fc from "fast-check";
import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy, changelogNormalize, type NormalizedKind } from "../../../runtime/index.js";

interface Upsert { id: number; total: number; tags: number[] }
interface Change extends Upsert { kind: NormalizedKind }

async function normalize(updates: Upsert[], parallelism: number, batch: number): Promise<Change[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const out: Change[] = [];
  const keyed = env.fromSource(new CollectionSource(updates), WatermarkStrategy.noWatermarks<Upsert>(), "updates").keyBy((u) => u.id);
  changelogNormalize<Upsert, number, Change>(keyed, { withKind: (row, kind) => ({ ...row, kind }) }).sinkTo((c) => void out.push(c));
  await env.execute("changelog-normalize");
  return out;
}

test("a key's first row is +I, a changed row -U then +U, an equal row (arrays compared by value) nothing", async (t) => {
  const changes = await normalize([
    { id: 1, total: 5, tags: [1] },
    { id: 2, total: 7, tags: [] },
    { id: 1, total: 5, tags: [1] },
    { id: 1, total: 9, tags: [1] },
    { id: 1, total: 9, tags: [1, 2] },
  ], 1, 2);
  t.deepEqual(changes, [
    { id: 1, total: 5, tags: [1], kind: "+I" },
    { id: 2, total: 7, tags: [], kind: "+I" },
    { id: 1, total: 5, tags: [1], kind: "-U" },
    { id: 1, total: 9, tags: [1], kind: "+U" },
    { id: 1, total: 9, tags: [1], kind: "-U" },
    { id: 1, total: 9, tags: [1, 2], kind: "+U" },
  ]);
});

test("applied in order, the changelog leaves the last row of each key, and every -U takes out a row that is there (property, at parallelism 1 to 3)", async (t) => {
  const upsert = fc.record({ id: fc.integer({ min: 0, max: 5 }), total: fc.integer({ min: 0, max: 3 }), tags: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 2 }) });
  await fc.assert(
    fc.asyncProperty(fc.array(upsert, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), async (updates, p, batch) => {
      const rows = new Map<string, number>();
      for (const { kind, ...row } of await normalize(updates, p, batch)) {
        const k = JSON.stringify(row);
        const n = rows.get(k) ?? 0;
        if (kind === "-U" && n === 0) return t.fail(`-U ${k} takes out a row that is not there`);
        rows.set(k, n + (kind === "-U" ? -1 : 1));
      }
      const last = new Map(updates.map((u) => [u.id, u]));
      const applied = [...rows].flatMap(([row, n]) => Array.from({ length: n }, () => row)).sort();
      t.deepEqual(applied, [...last.values()].map((u) => JSON.stringify(u)).sort());
    }),
    { numRuns: 80 },
  );
});
