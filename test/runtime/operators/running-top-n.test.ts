// RunningTopNOperator: the latest row per (key, rank) is always the key's current top n, ties keep arrival order,
// and a record that does not enter the top n emits nothing.
import test from "ava";
import fc from "fast-check";
import { CollectionSource, RunningTopNOperator, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

interface E { k: number; v: number; i: number }
interface Ranked extends E { rank: number }

async function topN(events: E[], n: number, parallelism: number): Promise<Ranked[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  const out: Ranked[] = [];
  env.fromSource(new CollectionSource(events), WatermarkStrategy.noWatermarks<E>(), "events")
    .keyBy((e) => e.k)
    .transformKeyed<Ranked>("top", () => new RunningTopNOperator<E, Ranked>("top", { n, compare: (a, b) => b.v - a.v, emit: (r, rank) => ({ ...r, rank }) }))
    .sinkTo((r) => void out.push(r));
  await env.execute("top-n");
  return out;
}

test("n must be positive", (t) => {
  t.throws(() => new RunningTopNOperator("top", { n: 0, compare: () => 0, emit: (r) => r }), { instanceOf: RangeError });
});

test("a record entering at rank r re-emits ranks r..n; one below the top n emits nothing", async (t) => {
  const out = await topN([{ k: 1, v: 5, i: 0 }, { k: 1, v: 9, i: 1 }, { k: 1, v: 1, i: 2 }], 2, 1);
  t.deepEqual(out.map((r) => `${r.rank}:${r.v}`), ["1:5", "1:9", "2:5"]);
});

test("the last row per (key, rank) is the key's top n, ties in arrival order (property)", async (t) => {
  await fc.assert(fc.asyncProperty(
    fc.array(fc.record({ k: fc.integer({ min: 0, max: 3 }), v: fc.integer({ min: 0, max: 9 }) }), { maxLength: 40 }),
    fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }),
    async (raw, n, p) => {
      const events = raw.map((e, i) => ({ ...e, i }));
      const latest = new Map<string, Ranked>();
      for (const r of await topN(events, n, p)) latest.set(`${r.k}/${r.rank}`, r);
      for (const k of new Set(events.map((e) => e.k))) {
        // stable sort: equal values keep arrival order
        const expected = events.filter((e) => e.k === k).sort((a, b) => b.v - a.v || a.i - b.i).slice(0, n).map((e) => e.i);
        const actual = expected.map((_, rank) => latest.get(`${k}/${rank + 1}`)?.i);
        t.deepEqual(actual, expected);
      }
    }), { numRuns: 40 });
});
