// Window join and coGroup: Flink's JoinedStreams / CoGroupedStreams behaviour — function forms, triggers, evictors, lateness, sessions.
import test from "ava";
import {
  AbstractRichFunction,
  type Collector,
  CountTrigger,
  EventTimeSessionWindows,
  type Evictor,
  GlobalWindows,
  StreamExecutionEnvironment,
  type TaggedUnion,
  type TimestampedValue,
  TumblingEventTimeWindows,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";

interface Ev {
  readonly side: "L" | "R";
  readonly k: string;
  readonly id: string;
  readonly ts: number;
}
const L = (id: string, ts: number, k = "a"): Ev => ({ side: "L", k, id, ts });
const R = (id: string, ts: number, k = "a"): Ev => ({ side: "R", k, id, ts });
const ids = (evs: readonly Ev[]) => evs.map((e) => e.id).join(",");

/** Two streams of one bounded collection each, timestamps from `ts`, watermarks in order. */
function bounded(lefts: Ev[], rights: Ev[], parallelism = 1) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  const ws = WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts);
  return { env, a: env.fromCollection(lefts).assignTimestampsAndWatermarks(ws), b: env.fromCollection(rights).assignTimestampsAndWatermarks(ws) };
}

/**
 * Both sides split from one controlled source, so one watermark drives both inputs and the test
 * decides what the window operator has seen (push, then settle) before the next step.
 */
function controlled(bound = 0) {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const source = new ControlledSource<Ev>();
  const ws = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(bound).withTimestampAssigner((e) => e.ts);
  const all = env.fromSource(source, ws, "events");
  return { env, source, a: all.filter((e) => e.side === "L"), b: all.filter((e) => e.side === "R") };
}

async function step(source: ControlledSource<Ev>, ...events: Ev[]): Promise<void> {
  for (const e of events) source.push(e);
  await settle(10);
}

test("coGroup: one group per key and window, including groups with only one side", async (t) => {
  const { a, b } = bounded([L("l1", 1), L("l2", 3), L("l3", 12, "b")], [R("r1", 2), R("r2", 15, "c"), R("r3", 9)]);
  const out = await a
    .coGroup(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .apply<string>((ls, rs, o) => o.collect(`${ids(ls)}|${ids(rs)}`))
    .executeAndCollect();
  t.deepEqual(out.sort(), ["l1,l2|r1,r3", "l3|", "|r2"]);
});

test("coGroup of two empty inputs emits nothing", async (t) => {
  const { a, b } = bounded([], []);
  const out = await a.coGroup(b).where((e) => e.k).equalTo((e) => e.k).window(TumblingEventTimeWindows.of(10)).apply<string>((_l, _r, o) => o.collect("x")).executeAndCollect();
  t.deepEqual(out, []);
});

test("join: the cross product per key and window, through a JoinFunction object", async (t) => {
  const { a, b } = bounded([L("l1", 1), L("l2", 4), L("l3", 11)], [R("r1", 2), R("r2", 9), R("r3", 10), R("x", 3, "b")], 2);
  const out = await a
    .join(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .apply({ join: (l: Ev, r: Ev) => `${l.id}+${r.id}` })
    .executeAndCollect();
  t.deepEqual(out.sort(), ["l1+r1", "l1+r2", "l2+r1", "l2+r2", "l3+r3"]);
});

test("join: a FlatJoinFunction emits any number of results per pair, at the window's max timestamp", async (t) => {
  const { env, a, b } = bounded([L("l1", 1), L("l2", 2)], [R("r1", 3)]);
  const out: string[] = [];
  a.join(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .apply((l: Ev, r: Ev, o: Collector<string>) => {
      if (l.id === "l1") return;
      o.collect(`${l.id}+${r.id}`);
      o.collect(`${r.id}+${l.id}`);
    })
    .sinkTo((v, c) => void out.push(`${v}@${c.timestamp}`));
  await env.execute();
  t.deepEqual(out.sort(), ["l2+r1@9", "r1+l2@9"]);
});

test("a rich coGroup function is opened per subtask and reaches its runtime context", async (t) => {
  const { a, b } = bounded([L("l1", 1, "a"), L("l2", 1, "b"), L("l3", 1, "c")], [R("r1", 1, "a")], 2);
  const opened: number[] = [];
  let closed = 0;
  class Tagging extends AbstractRichFunction {
    override open(): void {
      opened.push(this.getRuntimeContext().getNumberOfParallelSubtasks());
    }
    override close(): void {
      closed++;
    }
    coGroup(ls: readonly Ev[], rs: readonly Ev[], o: Collector<string>): void {
      o.collect(`${ids(ls)}|${ids(rs)}|of${this.getRuntimeContext().getNumberOfParallelSubtasks()}`);
    }
  }
  const out = await a.coGroup(b).where((e) => e.k).equalTo((e) => e.k).window(TumblingEventTimeWindows.of(5)).apply(new Tagging()).executeAndCollect();
  t.deepEqual(out.sort(), ["l1|r1|of2", "l2||of2", "l3||of2"]);
  t.deepEqual(opened, [2, 2]);
  t.is(closed, 2);
});

test("keyed inputs work too: the taggers are plain maps and the union is keyed again", async (t) => {
  const { a, b } = bounded([L("l1", 1)], [R("r1", 2)], 2);
  const out = await a
    .keyBy((e) => e.id)
    .join(b.keyBy((e) => e.id))
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .apply((l, r) => `${l.id}+${r.id}`)
    .executeAndCollect();
  t.deepEqual(out, ["l1+r1"]);
});

test("the taggers chain to their inputs (same parallelism, as Flink sets it)", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
  const ws = WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts);
  // why: fromCollection sources have parallelism 1, unlike the job default of 4
  const a = env.fromCollection([L("l1", 1)]).assignTimestampsAndWatermarks(ws).setParallelism(1);
  const b = env.fromCollection([R("r1", 1)]).assignTimestampsAndWatermarks(ws).setParallelism(1);
  a.coGroup(b).where((e) => e.k).equalTo((e) => e.k).window(TumblingEventTimeWindows.of(10)).apply<string>(() => {}).print();
  const vertices = env.getJobGraph().vertices.map((v) => v.nodes.map((n) => n.name).join(" → "));
  t.true(vertices.some((v) => v.endsWith("Timestamps/Watermarks → CoGroup Tag 1")), vertices.join("\n"));
  t.true(vertices.some((v) => v.endsWith("Timestamps/Watermarks → CoGroup Tag 2")), vertices.join("\n"));
});

test("a custom trigger sees elements of both sides (count trigger on a global window)", async (t) => {
  const { source, a, b } = controlled();
  const result = a
    .coGroup(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(GlobalWindows.create())
    .trigger(CountTrigger.of(2))
    .apply<string>((ls, rs, o) => o.collect(`${ids(ls)}|${ids(rs)}`))
    .executeAndCollect();
  await step(source, L("l1", 1));
  await step(source, R("r1", 2));
  await step(source, L("l2", 3));
  await step(source, L("l3", 4));
  source.end();
  t.deepEqual(await result, ["l1|r1", "l1,l2,l3|r1"]);
});

test("an evictor can tell the sides apart through the tagged union", async (t) => {
  /** Drops right-side elements whose id starts with "drop" before the function runs. */
  class DropRights implements Evictor<TaggedUnion<Ev, Ev>, import("../../../runtime/index.js").TimeWindow> {
    evictBefore(elements: TimestampedValue<TaggedUnion<Ev, Ev>>[]): void {
      for (let i = elements.length - 1; i >= 0; i--) {
        const u = elements[i]!.value;
        if (u.side === 2 && u.value.id.startsWith("drop")) elements.splice(i, 1);
      }
    }
    evictAfter(): void {}
  }
  const { a, b } = bounded([L("l1", 1), L("drop-left", 2)], [R("r1", 3), R("drop-r2", 4)]);
  const out = await a
    .join(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .evictor(new DropRights())
    .apply((l, r) => `${l.id}+${r.id}`)
    .executeAndCollect();
  t.deepEqual(out.sort(), ["drop-left+r1", "l1+r1"]);
});

test("allowed lateness: a late element within it re-fires its window; beyond it, it is dropped", async (t) => {
  const { env, source, a, b } = controlled();
  const out: string[] = [];
  a.coGroup(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(TumblingEventTimeWindows.of(10))
    .allowedLateness(5)
    .apply<string>((ls, rs, o) => o.collect(`${ids(ls)}|${ids(rs)}`))
    .sinkTo((v, c) => void out.push(`${v}@${c.timestamp}`));
  const job = env.execute();
  await step(source, L("l1", 1), R("r2", 2));
  t.deepEqual(out, []);
  await step(source, L("l12", 12)); // watermark 11 ≥ 9: [0, 10) fires
  t.deepEqual(out, ["l1|r2@9"]);
  await step(source, R("r5", 5)); // behind the watermark, but [0, 10) is kept until it passes 9 + 5
  t.deepEqual(out, ["l1|r2@9", "l1|r2,r5@9"], "the window fires again with all its elements");
  await step(source, L("l30", 30)); // watermark 29: [10, 20) fires, [0, 10) is purged
  await step(source, R("r6", 6)); // too late for [0, 10): dropped, no new group
  source.end();
  await job;
  t.deepEqual(out, ["l1|r2@9", "l1|r2,r5@9", "l12|@19", "l30|@39"]);
});

test("session windows merge across the two sides", async (t) => {
  const { a, b } = bounded([L("l1", 1), L("l2", 20)], [R("r1", 4), R("r2", 8), R("r3", 40)]);
  const out = await a
    .coGroup(b)
    .where((e) => e.k)
    .equalTo((e) => e.k)
    .window(EventTimeSessionWindows.withGap(5))
    .apply<string>((ls, rs, o) => o.collect(`${ids(ls)}|${ids(rs)}`))
    .executeAndCollect();
  // why: l1 (1) and r1 (4) and r2 (8) chain within gaps of 5 into one session; l2 and r3 stand alone
  t.deepEqual(out.sort(), ["l1|r1,r2", "l2|", "|r3"]);
});

test("records without timestamps fail with the window assigner's event-time error", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const a = env.fromElements(L("l", 1));
  const b = env.fromElements(R("r", 1));
  const err = await t.throwsAsync(a.join(b).where((e) => e.k).equalTo((e) => e.k).window(TumblingEventTimeWindows.of(10)).apply((l, r) => l.id + r.id).executeAndCollect());
  t.regex(err!.message, /no timestamp/);
});

test("streams of different environments are rejected", (t) => {
  const a = StreamExecutionEnvironment.getExecutionEnvironment().fromElements(1);
  const b = StreamExecutionEnvironment.getExecutionEnvironment().fromElements(2);
  t.throws(() => a.join(b), { message: /same StreamExecutionEnvironment/ });
  t.throws(() => a.coGroup(b), { message: /same StreamExecutionEnvironment/ });
});
