// RetractingTopNOperator: the top n per key of a changelog with deletions, emitted as changes of ranks. Applied in
// order — +I/+U set a rank's row, -U/-D take out the row the rank has — the ranks hold exactly the top n of the rows
// present at the end (a sort of them, ties in arrival order: the oracle), at parallelism 1 to 3; a rank's -U or -D
// always names the row it had.
import test from "ava";
import fc from "fast-check";
import { CollectionSource, RetractingTopNOperator, type RankChange, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

interface Row { k: number; v: number; id: number }
interface Change extends Row { __rowKind: string }
interface Ranked { k: number; v: number; id: number; rank: number; kind: RankChange }

async function topN(n: number, changes: Change[], parallelism: number, batch: number): Promise<Ranked[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const out: Ranked[] = [];
  env.fromSource(new CollectionSource(changes), WatermarkStrategy.noWatermarks<Change>(), "changes")
    .keyBy((c) => c.k)
    .transformKeyed<Ranked>("top", () => new RetractingTopNOperator<Change, Ranked>("top", {
      n,
      rowKindField: "__rowKind",
      compare: (a, b) => b.v - a.v,
      emit: (r, rank, kind) => ({ k: r.k, v: r.v, id: r.id, rank, kind }),
    }))
    .sinkTo((r) => void out.push(r));
  await env.execute("retracting-top-n");
  return out;
}

const change = (k: number, v: number, id: number, kind: string): Change => ({ k, v, id, __rowKind: kind });

test("a row leaving the top lets the next one in; a rank left without a row is deleted (by hand)", async (t) => {
  const out = await topN(2, [change(1, 5, 1, "+I"), change(1, 9, 2, "+I"), change(1, 7, 3, "+I"), change(1, 9, 2, "-D"), change(1, 5, 1, "-U"), change(1, 7, 3, "-D")], 1, 1);
  t.deepEqual(out.map((r) => `${r.kind} ${r.rank}:${r.v}`), [
    "+I 1:5",
    "-U 1:5", "+U 1:9", "+I 2:5", // 9 enters first: 5 moves to rank 2
    "-U 2:5", "+U 2:7", // 7 enters second: 5 drops out of the top 2
    "-U 1:9", "+U 1:7", "-U 2:7", "+U 2:5", // 9 leaves: 7 and 5 move up
    "-D 2:5", // 5 leaves: rank 2 has no row any more
    "-D 1:7",
  ]);
});

/** Each step inserts a row or deletes a present one (by its index among the present rows, in arrival order). */
function changelogOf(steps: readonly { row: Row; deleteAt: number | null }[]): { changes: Change[]; present: Row[] } {
  const present: Row[] = [];
  const changes: Change[] = [];
  for (const s of steps) {
    if (s.deleteAt !== null && present.length > 0) {
      const [gone] = present.splice(s.deleteAt % present.length, 1);
      changes.push({ ...gone!, __rowKind: s.deleteAt % 2 === 0 ? "-D" : "-U" });
    } else {
      present.push(s.row);
      changes.push({ ...s.row, __rowKind: "+I" });
    }
  }
  return { changes, present };
}

test("applied in order, the ranks hold the top n of the rows present at the end (property, sort oracle, parallelism 1 to 3)", async (t) => {
  const step = fc.record({ row: fc.record({ k: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 6 }), id: fc.integer({ min: 0, max: 2 }) }), deleteAt: fc.option(fc.nat(30), { freq: 3 }) });
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), async (n, steps, p, batch) => {
      const { changes, present } = changelogOf(steps);
      const slots = new Map<string, string>();
      for (const r of await topN(n, changes, p, batch)) {
        const slot = `${r.k}#${r.rank}`;
        const row = `${r.v}/${r.id}`;
        if (r.kind === "-U" || r.kind === "-D") {
          if (slots.get(slot) !== row) return t.fail(`${r.kind} ${slot} ${row}, but the rank holds ${slots.get(slot)}`);
          slots.delete(slot);
        } else {
          if (slots.has(slot)) return t.fail(`${r.kind} ${slot} ${row} while the rank holds ${slots.get(slot)}`);
          slots.set(slot, row);
        }
      }
      // the oracle: per key, the present rows sorted by v descending, ties in arrival order (a stable sort)
      const expected = new Map<string, string>();
      for (const k of new Set(present.map((r) => r.k))) {
        const ranked = present.filter((r) => r.k === k).sort((a, b) => b.v - a.v).slice(0, n);
        ranked.forEach((r, i) => expected.set(`${k}#${i + 1}`, `${r.v}/${r.id}`));
      }
      t.deepEqual(new Map([...slots].sort()), new Map([...expected].sort()));
    }),
    { numRuns: 100 },
  );
});
