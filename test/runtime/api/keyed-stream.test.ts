// KeyedStream: per-key rolling aggregations, keyed state in rich functions, per-key order.
import test from "ava";
import fc from "fast-check";
import {
  AbstractRichFunction,
  type KeyedProcessFunction,
  StreamExecutionEnvironment,
  type ValueState,
  ValueStateDescriptor,
} from "../../../runtime/index.js";

const env = (parallelism = 1) => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);

interface Reading {
  sensor: string;
  v: number;
  seq: number;
}
const readings: Reading[] = [
  { sensor: "a", v: 3, seq: 0 },
  { sensor: "b", v: 10, seq: 1 },
  { sensor: "a", v: 1, seq: 2 },
  { sensor: "a", v: 7, seq: 3 },
  { sensor: "b", v: 10, seq: 4 },
];
const bySensor = (rs: Reading[], s: string) => rs.filter((r) => r.sensor === s);

test("reduce emits the running value per key", async (t) => {
  const out = await env().fromCollection(readings).keyBy((r) => r.sensor).reduce((a, b) => ({ ...a, v: a.v + b.v })).executeAndCollect();
  t.deepEqual(bySensor(out, "a").map((r) => r.v), [3, 4, 11]);
  t.deepEqual(bySensor(out, "b").map((r) => r.v), [10, 20]);
});

test("sum/min/max keep the other fields of the first record, as in Flink", async (t) => {
  const e = env();
  const s = e.fromCollection(readings).keyBy((r) => r.sensor);
  const sums = await s.sum("v").executeAndCollect();
  t.deepEqual(bySensor(sums, "a"), [
    { sensor: "a", v: 3, seq: 0 },
    { sensor: "a", v: 4, seq: 0 },
    { sensor: "a", v: 11, seq: 0 },
  ]);
  const mins = await env().fromCollection(readings).keyBy((r) => r.sensor).min("v").executeAndCollect();
  t.deepEqual(bySensor(mins, "a").map((r) => [r.v, r.seq]), [[3, 0], [1, 0], [1, 0]]);
  const maxs = await env().fromCollection(readings).keyBy((r) => r.sensor).max("v").executeAndCollect();
  t.deepEqual(bySensor(maxs, "a").map((r) => [r.v, r.seq]), [[3, 0], [3, 0], [7, 0]]);
});

test("minBy/maxBy return the whole extreme record; ties keep the first unless told otherwise", async (t) => {
  const maxBy = await env().fromCollection(readings).keyBy((r) => r.sensor).maxBy("v").executeAndCollect();
  t.deepEqual(bySensor(maxBy, "b").map((r) => r.seq), [1, 1]);
  const maxByLast = await env().fromCollection(readings).keyBy((r) => r.sensor).maxBy("v", false).executeAndCollect();
  t.deepEqual(bySensor(maxByLast, "b").map((r) => r.seq), [1, 4]);
  const minBy = await env().fromCollection(readings).keyBy((r) => r.sensor).minBy("v").executeAndCollect();
  t.deepEqual(bySensor(minBy, "a").map((r) => r.seq), [0, 2, 2]);
});

test("aggregations work on tuples by index", async (t) => {
  const out = await env().fromElements<[string, number]>(["x", 1], ["x", 2], ["y", 5]).keyBy((r) => r[0]).sum(1).executeAndCollect();
  t.deepEqual(out.filter((r) => r[0] === "x"), [["x", 1], ["x", 3]]);
});

test("BATCH mode emits only the final value per key", async (t) => {
  const out = await env().setRuntimeMode("BATCH").fromCollection(readings).keyBy((r) => r.sensor).sum("v").executeAndCollect();
  t.deepEqual(out.map((r) => [r.sensor, r.v]).sort(), [["a", 11], ["b", 20]]);
});

test("AUTOMATIC mode runs bounded jobs as BATCH", async (t) => {
  const out = await env().setRuntimeMode("AUTOMATIC").fromCollection(readings).keyBy((r) => r.sensor).sum("v").executeAndCollect();
  t.is(out.length, 2);
});

test("keyed state in a rich map function is isolated per key", async (t) => {
  class Counter extends AbstractRichFunction {
    private count!: ValueState<number>;
    override open() {
      this.count = this.getRuntimeContext().getState(new ValueStateDescriptor<number>("count", 0));
    }
    map(r: Reading): string {
      const n = this.count.value()! + 1;
      this.count.update(n);
      return `${r.sensor}#${n}`;
    }
  }
  const out = await env(3).fromCollection(readings).keyBy((r) => r.sensor).map(new Counter()).executeAndCollect();
  t.deepEqual([...out].sort(), ["a#1", "a#2", "a#3", "b#1", "b#2"]);
});

test("composite keys (arrays, objects) group equal values together", async (t) => {
  const rows = [
    { a: 1, b: "x", v: 1 },
    { a: 1, b: "x", v: 2 },
    { a: 1, b: "y", v: 4 },
  ];
  const out = await env(2).fromCollection(rows).keyBy((r) => [r.a, r.b]).sum("v").executeAndCollect();
  t.deepEqual(out.filter((r) => r.b === "x").map((r) => r.v).sort(), [1, 3]);
  const out2 = await env(2).fromCollection(rows).keyBy((r) => ({ b: r.b, a: r.a })).sum("v").executeAndCollect();
  t.deepEqual(out2.filter((r) => r.b === "x").map((r) => r.v).sort(), [1, 3]);
});

test("per-key order is preserved through hash and forward edges at any parallelism", async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ k: fc.integer({ min: 0, max: 9 }), v: fc.integer() }), { maxLength: 300 }),
      fc.constantFrom(1, 2, 4),
      fc.integer({ min: 1, max: 64 }),
      async (records, parallelism, batchSize) => {
        const e = env(parallelism);
        e.getConfig().setBatchSize(batchSize);
        const process: KeyedProcessFunction<number, { k: number; v: number; i: number }, { k: number; i: number }> = {
          processElement: (r, _ctx, out) => out.collect({ k: r.k, i: r.i }),
        };
        const out = await e
          .fromCollection(records.map((r, i) => ({ ...r, i })))
          .map((r) => r)
          .setParallelism(1) // why: a parallelism change would rebalance, which reorders (as in Flink)
          .keyBy((r) => r.k)
          .process(process)
          .map((r) => r)
          .executeAndCollect();
        if (out.length !== records.length) return false;
        for (let k = 0; k < 10; k++) {
          const seq = out.filter((r) => r.k === k).map((r) => r.i);
          const expected = records.map((r, i) => ({ ...r, i })).filter((r) => r.k === k).map((r) => r.i);
          if (JSON.stringify(seq) !== JSON.stringify(expected)) return false;
        }
        return true;
      },
    ),
    { numRuns: 40 },
  );
  t.pass();
});

test("the same keyed program gives the same multiset at parallelism 1, 2 and 4", async (t) => {
  // why: running sums depend on arrival order across parallel sources; their maximum (the final sum)
  // and their number per key do not
  const run = async (p: number) => {
    const out = await env(p).fromSequence(0, 4999).map((x) => ({ k: x % 37, v: x })).keyBy((r) => r.k).sum("v").executeAndCollect();
    const finals = new Map<number, { max: number; n: number }>();
    for (const r of out) {
      const f = finals.get(r.k) ?? { max: 0, n: 0 };
      finals.set(r.k, { max: Math.max(f.max, r.v), n: f.n + 1 });
    }
    return [...finals].sort((a, b) => a[0] - b[0]);
  };
  const one = await run(1);
  t.deepEqual(await run(2), one);
  t.deepEqual(await run(4), one);
});
