// RegularJoinOperator: an unbounded inner join emits every matching pair exactly once, whichever side arrives first,
// at any parallelism (a property against a nested-loop join).
import test from "ava";
import fc from "fast-check";
import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy, regularJoin } from "../../../runtime/index.js";

interface L { k: number; a: number; ts: number }
interface R { k: number; b: number; ts: number }

async function join(left: L[], right: R[], parallelism: number, batch: number): Promise<string[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  env.getConfig().setBatchSize(batch);
  const out: string[] = [];
  const ls = env.fromSource(new CollectionSource(left), WatermarkStrategy.forMonotonousTimestamps<L>().withTimestampAssigner((x) => x.ts), "left").keyBy((x) => x.k);
  const rs = env.fromSource(new CollectionSource(right), WatermarkStrategy.forMonotonousTimestamps<R>().withTimestampAssigner((x) => x.ts), "right").keyBy((x) => x.k);
  regularJoin(ls, rs, (l: L, r: R, o: { collect(s: string): void }) => o.collect(`${l.k}:${l.a}:${r.b}`)).sinkTo((x) => void out.push(x));
  await env.execute("regular-join");
  return out.sort();
}

test("empty inputs give nothing; one side alone gives nothing", async (t) => {
  t.deepEqual(await join([], [], 1, 4), []);
  t.deepEqual(await join([{ k: 1, a: 1, ts: 1 }], [], 1, 4), []);
});

test("a pair joins whichever side arrives first", async (t) => {
  t.deepEqual(await join([{ k: 1, a: 1, ts: 5 }], [{ k: 1, b: 2, ts: 1 }], 1, 1), ["1:1:2"]);
  t.deepEqual(await join([{ k: 1, a: 1, ts: 1 }], [{ k: 1, b: 2, ts: 5 }], 1, 1), ["1:1:2"]);
});

test("every matching pair exactly once, at parallelism 1 to 3 (property, nested-loop oracle)", async (t) => {
  const side = (name: "a" | "b") => fc.array(fc.record({ k: fc.integer({ min: 0, max: 4 }), [name]: fc.integer({ min: 0, max: 99 }), ts: fc.integer({ min: 0, max: 50 }) }), { maxLength: 25 });
  await fc.assert(fc.asyncProperty(side("a"), side("b"), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), async (left, right, p, batch) => {
    const l = (left as unknown as L[]).sort((x, y) => x.ts - y.ts);
    const r = (right as unknown as R[]).sort((x, y) => x.ts - y.ts);
    const expected = l.flatMap((x) => r.filter((y) => y.k === x.k).map((y) => `${x.k}:${x.a}:${y.b}`)).sort();
    t.deepEqual(await join(l, r, p, batch), expected);
  }), { numRuns: 40 });
});
