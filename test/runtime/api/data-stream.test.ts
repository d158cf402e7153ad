// DataStream: stateless transformations, unions, side outputs, sinks and failure reporting.
import test from "ava";
import {
  CollectionSource,
  EddyError,
  OutputTag,
  type ProcessFunction,
  type RuntimeContext,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";

const env = (parallelism = 1) => StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

test("an empty input gives an empty output", async (t) => {
  t.deepEqual(await env().fromCollection<number>([]).map((x) => x * 2).executeAndCollect(), []);
});

test("map, filter and flatMap compose in order", async (t) => {
  const out = await env()
    .fromElements("to be", "or not", "to be")
    .flatMap((line: string) => line.split(" "))
    .filter((w) => w !== "or")
    .map((w) => w.toUpperCase())
    .executeAndCollect();
  t.deepEqual(out, ["TO", "BE", "NOT", "TO", "BE"]);
});

test("flatMap may emit through the collector", async (t) => {
  const out = await env()
    .fromElements(1, 2, 3)
    .flatMap<number>((n, c) => {
      for (let i = 0; i < n; i++) c.collect(n);
    })
    .executeAndCollect();
  t.deepEqual(out, [1, 2, 2, 3, 3, 3]);
});

test("functions may be objects with rich open/close hooks", async (t) => {
  const calls: string[] = [];
  const tenfold = {
    factor: 0,
    open(ctx: RuntimeContext) {
      this.factor = 10;
      calls.push(`open ${ctx.getIndexOfThisSubtask()}/${ctx.getNumberOfParallelSubtasks()}`);
    },
    close() {
      calls.push("close");
    },
    map(x: number) {
      return x * this.factor;
    },
  };
  const out = await env(2).fromSequence(1, 10).map(tenfold).executeAndCollect();
  t.deepEqual(sorted(out), sorted([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]));
  t.deepEqual(sorted(calls), ["close", "close", "open 0/2", "open 1/2"]);
});

test("fromSequence splits the range over parallel subtasks without loss or repetition", async (t) => {
  const out = await env(4).fromSequence(1, 1000).executeAndCollect();
  t.is(out.length, 1000);
  t.deepEqual([...out].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i + 1));
});

test("union merges streams of one type", async (t) => {
  const e = env(2);
  const a = e.fromElements(1, 2);
  const b = e.fromElements(3);
  const c = e.fromElements(4, 5);
  t.deepEqual(sorted(await a.union(b, c).map((x) => x * 10).executeAndCollect()), sorted([10, 20, 30, 40, 50]));
});

test("side outputs carry records of another type to their own stream", async (t) => {
  const e = env();
  const odd = new OutputTag<string>("odd");
  const main = e.fromElements(1, 2, 3, 4, 5).process<number>({
    processElement(v, ctx, out) {
      if (v % 2 === 0) out.collect(v);
      else ctx.output(odd, `odd:${v}`);
    },
  } satisfies ProcessFunction<number, number>);
  const odds: string[] = [];
  main.getSideOutput(odd).sinkTo((s) => odds.push(s));
  const evens = await main.executeAndCollect();
  t.deepEqual(evens, [2, 4]);
  t.deepEqual(odds, ["odd:1", "odd:3", "odd:5"]);
});

test("an unconsumed side output is dropped, not an error", async (t) => {
  const out = await env()
    .fromElements(1, 2)
    .process<number>({ processElement: (v, ctx, o) => (ctx.output(new OutputTag<number>("nobody"), v), o.collect(v)) })
    .executeAndCollect();
  t.deepEqual(out, [1, 2]);
});

test("print writes one line per record, prefixed by subtask when parallel", async (t) => {
  const lines: string[] = [];
  const e = env(2);
  e.fromElements({ a: 1 }, { a: 2 }).rebalance().print("", (l) => lines.push(l)).setParallelism(2);
  await e.execute();
  t.deepEqual(lines.map((l) => l.replace(/^\d> /, "")).sort(), ['{"a":1}', '{"a":2}']);
  t.true(lines.every((l) => /^[12]> /.test(l)));
});

test("timestamps assigned in the source travel with the records", async (t) => {
  const e = env();
  const seen: (number | null)[] = [];
  e.fromSource(
    new CollectionSource([{ ts: 5 }, { ts: 9 }]),
    WatermarkStrategy.forMonotonousTimestamps<{ ts: number }>().withTimestampAssigner((r) => r.ts),
    "src",
  )
    .map((r) => r)
    .sinkTo((_v, ctx) => seen.push(ctx.timestamp));
  await e.execute();
  t.deepEqual(seen, [5, 9]);
});

test("a failing user function fails the job with operator, subtask and record", async (t) => {
  const e = env();
  e.fromElements({ id: 1 }, { id: 2 }, { id: 3 })
    .map((r) => {
      if (r.id === 2) throw new Error("boom");
      return r;
    }, "Explode")
    .print("", () => {});
  const error = await t.throwsAsync(e.execute("failing-job"), { instanceOf: EddyError });
  t.regex(error!.message, /boom/);
  t.regex(error!.message, /job 'failing-job'/);
  t.regex(error!.message, /operator 'Explode'/);
  t.regex(error!.message, /subtask 0/);
  t.regex(error!.message, /"id":2/);
  t.is(error!.domain, "user");
});

test("a failure in a chained downstream operator is attributed to that operator", async (t) => {
  const e = env();
  e.fromElements(1, 2)
    .map((x) => x + 1, "First")
    .filter(() => {
      throw new Error("bad filter");
    }, "Second")
    .print("", () => {});
  const error = await t.throwsAsync(e.execute());
  t.regex(error!.message, /operator 'Second'/);
});

test("a job without sinks is rejected with advice", (t) => {
  const e = env();
  e.fromElements(1).map((x) => x);
  t.throws(() => e.executeAsync(), { message: /no sinks/ });
});

test("forward partitioning between different parallelisms is rejected", (t) => {
  const e = env(2);
  e.fromSequence(1, 10).forward().map((x) => x).setParallelism(3).print();
  t.throws(() => e.executeAsync(), { message: /forward partitioning/ });
});
