// Interval join: Flink's IntervalJoinOperator semantics — bounds, output timestamps, late data, state cleanup, errors.
import test from "ava";
import {
  type Collector,
  OutputTag,
  type ProcessJoinContext,
  StreamExecutionEnvironment,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import { IntervalJoinOperator, type IntervalJoinSettings } from "../../../runtime/operators/interval-join.js";
import { type KeyGroupSnapshot, VOID_NAMESPACE_CODE } from "../../../runtime/checkpoint/snapshot.js";
import { keyGroupOf } from "../../../runtime/core/key-groups.js";
import { ControlledSource, settle } from "../../helpers/controlled-source.js";
import { TwoInputHarness } from "./harness.js";

interface Ev {
  readonly k: string;
  readonly id: string;
}
const key = (e: Ev) => e.k;
const ev = (id: string, k = "a"): Ev => ({ k, id });

/** Emits `left.id+right.id@ts(l,r)` for each pair. */
const describePair = (l: Ev, r: Ev, ctx: ProcessJoinContext, out: Collector<string>) => out.collect(`${l.id}+${r.id}@${ctx.timestamp}(${ctx.leftTimestamp},${ctx.rightTimestamp})`);

function harness(settings: Partial<IntervalJoinSettings<Ev, Ev>> & { lowerBound: number; upperBound: number }) {
  const op = new IntervalJoinOperator<string, Ev, Ev, string>("join", describePair, { leftLateDataTag: null, rightLateDataTag: null, ...settings });
  return new TwoInputHarness<string, typeof op>(op, [key, key]).open();
}

test("joins a left element with right elements in [t + lower, t + upper], both bounds inclusive", async (t) => {
  const h = await harness({ lowerBound: -2, upperBound: 3 });
  h.left(ev("l"), 10);
  for (const ts of [7, 8, 10, 13, 14]) h.right(ev(`r${ts}`), ts);
  t.deepEqual(
    h.records.map((r) => r.value),
    ["l+r8@10(10,8)", "l+r10@10(10,10)", "l+r13@13(10,13)"],
  );
  t.deepEqual(
    h.records.map((r) => r.timestamp),
    [10, 10, 13],
    "a result carries max(left.ts, right.ts)",
  );
});

test("buffered right elements join a later left element (the join is symmetric)", async (t) => {
  const h = await harness({ lowerBound: 0, upperBound: 5 });
  h.right(ev("r1"), 1).right(ev("r6"), 6).right(ev("r2", "b"), 2);
  h.left(ev("l"), 1);
  t.deepEqual(h.records.map((r) => r.value).sort(), ["l+r1@1(1,1)", "l+r6@6(1,6)"]);
});

test("only equal keys join", async (t) => {
  const h = await harness({ lowerBound: -10, upperBound: 10 });
  h.left(ev("la", "a"), 5).left(ev("lb", "b"), 5).right(ev("ra", "a"), 5).right(ev("rc", "c"), 5);
  t.deepEqual(h.records.map((r) => r.value), ["la+ra@5(5,5)"]);
});

test("exclusive bounds are applied through the API (Flink shifts them by one millisecond)", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const ws = WatermarkStrategy.forMonotonousTimestamps<Ev & { ts: number }>().withTimestampAssigner((e) => e.ts);
  const lefts = env.fromCollection([{ k: "a", id: "l", ts: 10 }]).assignTimestampsAndWatermarks(ws).keyBy(key);
  const rights = env.fromCollection([8, 9, 10, 12, 13].map((ts) => ({ k: "a", id: `r${ts}`, ts }))).assignTimestampsAndWatermarks(ws).keyBy(key);
  const out = await lefts.intervalJoin(rights).between(-2, 3).lowerBoundExclusive().upperBoundExclusive().process(describePair).executeAndCollect();
  t.deepEqual(out.sort(), ["l+r10@10(10,10)", "l+r12@12(10,12)", "l+r9@10(10,9)"]);
});

test("a narrow interval over a long buffer joins exactly the elements inside it (binary search for its start)", async (t) => {
  const h = await harness({ lowerBound: -1, upperBound: 1 });
  for (let ts = 0; ts <= 20; ts++) h.left(ev(`l${ts}`), ts);
  h.right(ev("r"), 10);
  t.deepEqual(h.records.map((r) => r.value), ["l9+r@10(9,10)", "l10+r@10(10,10)", "l11+r@11(11,10)"]);
});

test("fractional timestamps join correctly", async (t) => {
  const h = await harness({ lowerBound: -1, upperBound: 1 });
  for (let ts = 0; ts <= 20; ts++) h.left(ev(`l${ts}`), ts);
  h.right(ev("r"), 10.5);
  t.deepEqual(h.records.map((r) => r.value).sort(), ["l10+r@10.5(10,10.5)", "l11+r@11(11,10.5)"]);
});

test("snapshot and restore: buffers and their cleanups come back, fractional timestamps too", async (t) => {
  const settings = { lowerBound: -1, upperBound: 1 };
  const before = await harness(settings);
  for (let ts = 0; ts <= 20; ts++) before.left(ev(`l${ts}`), ts);
  before.left(ev("frac"), 30.5);
  const snapshot = before.operator.snapshotState(1);
  // why: what a checkpoint stores is a structured clone, not the live objects
  const keyGroups = new Map(Object.entries(structuredClone(snapshot.keyGroups!)).map(([kg, g]) => [Number(kg), g]));
  const op = new IntervalJoinOperator<string, Ev, Ev, string>("join", describePair, { ...settings, leftLateDataTag: null, rightLateDataTag: null });
  const after = new TwoInputHarness<string, typeof op>(op, [key, key]);
  op.initializeState({ keyGroups, operatorState: [], previousParallelism: 1 });
  await after.open();
  t.deepEqual(op.bufferStatistics(), { left: 22, right: 0, timers: 22 }, "one pending cleanup per element");
  after.right(ev("r"), 30);
  t.deepEqual(after.records.map((r) => r.value), ["frac+r@30.5(30.5,30)"]);
  after.watermark(Number.POSITIVE_INFINITY);
  t.deepEqual(op.bufferStatistics(), { left: 0, right: 0, timers: 0 }, "restored cleanup timers fire");
});

test("restores the buffers of checkpoints taken before the sorted buffers (a Map timestamp → elements per key)", async (t) => {
  const settings = { lowerBound: -1, upperBound: 1 };
  const op = new IntervalJoinOperator<string, Ev, Ev, string>("join", describePair, { ...settings, leftLateDataTag: null, rightLateDataTag: null });
  const h = new TwoInputHarness<string, typeof op>(op, [key, key]);
  // why: the columns as the map-state version wrote them — buckets in insertion order, not by timestamp
  const legacy = new Map([[12, [ev("l12")]], [10, [ev("l10a"), ev("l10b")]]]);
  const group: KeyGroupSnapshot = { states: { LEFT_BUFFER: { namespaces: [VOID_NAMESPACE_CODE], nsIndex: [], keys: ["a"], values: [legacy] } }, eventTimers: [], processingTimers: [] };
  op.initializeState({ keyGroups: new Map([[keyGroupOf("a", 128), group]]), operatorState: [], previousParallelism: 1 });
  await h.open();
  t.deepEqual(op.bufferStatistics(), { left: 3, right: 0, timers: 3 });
  h.right(ev("r"), 11);
  t.deepEqual(h.records.map((r) => r.value), ["l10a+r@11(10,11)", "l10b+r@11(10,11)", "l12+r@12(12,11)"], "by timestamp, equal ones in arrival order");
  h.watermark(11);
  t.deepEqual(op.bufferStatistics(), { left: 1, right: 1, timers: 2 }, "the left elements at 10 left at 10 + upper");
});

test("late elements are dropped without a side output", async (t) => {
  const h = await harness({ lowerBound: -100, upperBound: 100 });
  h.right(ev("r"), 50).watermark(20);
  h.left(ev("late"), 19).left(ev("onTime"), 20);
  t.deepEqual(h.records.map((r) => r.value), ["onTime+r@50(20,50)"]);
  t.is(h.operator.bufferStatistics().left, 1, "the late element was not buffered");
});

test("late elements go to the left and right late-data side outputs with their own timestamps", async (t) => {
  const leftLate = new OutputTag<Ev>("left-late");
  const rightLate = new OutputTag<Ev>("right-late");
  const h = await harness({ lowerBound: -100, upperBound: 100, leftLateDataTag: leftLate, rightLateDataTag: rightLate });
  h.watermark(20);
  h.left(ev("l5"), 5).right(ev("r19"), 19).right(ev("r20"), 20).left(ev("l21"), 21);
  t.deepEqual(h.side(leftLate), [{ value: ev("l5"), timestamp: 5 }]);
  t.deepEqual(h.side(rightLate), [{ value: ev("r19"), timestamp: 19 }]);
  t.deepEqual(h.records.map((r) => r.value), ["l21+r20@21(21,20)"]);
});

test("late-data side outputs in a job", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  type E = Ev & { ts: number };
  const ws = WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.ts);
  const leftSource = new ControlledSource<E>();
  const rightSource = new ControlledSource<E>();
  const lefts = env.fromSource(leftSource, ws, "lefts").keyBy(key);
  const rights = env.fromSource(rightSource, ws, "rights").keyBy(key);
  const leftLate = new OutputTag<E>("left-late");
  const rightLate = new OutputTag<E>("right-late");
  const joined = lefts.intervalJoin(rights).between(-100, 100).sideOutputLeftLateData(leftLate).sideOutputRightLateData(rightLate).process(describePair);
  const late: string[] = [];
  joined.getSideOutput(leftLate).sinkTo((e, c) => void late.push(`left ${e.id}@${c.timestamp}`));
  joined.getSideOutput(rightLate).sinkTo((e, c) => void late.push(`right ${e.id}@${c.timestamp}`));
  const result = joined.executeAndCollect();
  leftSource.push({ k: "a", id: "l10", ts: 10 });
  rightSource.push({ k: "a", id: "r10", ts: 10 });
  await settle(); // both inputs are now at watermark 9 (monotonous: max − 0 − 1)
  leftSource.push({ k: "a", id: "l3", ts: 3 });
  rightSource.push({ k: "a", id: "r8", ts: 8 });
  rightSource.push({ k: "a", id: "r9", ts: 9 });
  leftSource.end();
  rightSource.end();
  const out = await result;
  t.deepEqual(late.sort(), ["left l3@3", "right r8@8"]);
  t.deepEqual(out.sort(), ["l10+r10@10(10,10)", "l10+r9@10(10,9)"]);
});

test("ctx.output sends to a side output with the result timestamp", async (t) => {
  const tag = new OutputTag<string>("pairs");
  const op = new IntervalJoinOperator<string, Ev, Ev, string>(
    "join",
    { processElement: (l, r, ctx) => ctx.output(tag, `${l.id}${r.id}`) },
    { lowerBound: -5, upperBound: 5, leftLateDataTag: null, rightLateDataTag: null },
  );
  const h = await new TwoInputHarness<string, typeof op>(op, [key, key]).open();
  h.left(ev("l"), 3).right(ev("r"), 7);
  t.deepEqual(h.side(tag), [{ value: "lr", timestamp: 7 }]);
  t.deepEqual(h.records, []);
});

test("cleanup timers follow Flink: left leaves at t + max(upper, 0), right at t + max(-lower, 0)", async (t) => {
  const h = await harness({ lowerBound: -2, upperBound: 3 });
  h.left(ev("l"), 10).right(ev("r"), 10);
  t.deepEqual(h.operator.bufferStatistics(), { left: 1, right: 1, timers: 2 });
  h.watermark(11);
  t.deepEqual(h.operator.bufferStatistics(), { left: 1, right: 1, timers: 2 });
  h.watermark(12);
  t.deepEqual(h.operator.bufferStatistics(), { left: 1, right: 0, timers: 1 }, "right at 10 can meet lefts up to 12 only");
  h.watermark(13);
  t.deepEqual(h.operator.bufferStatistics(), { left: 0, right: 0, timers: 0 }, "left at 10 can meet rights up to 13 only");
});

test("cleanup with an interval entirely in the past: left leaves at its own timestamp", async (t) => {
  const h = await harness({ lowerBound: -5, upperBound: -2 });
  h.left(ev("l"), 10).right(ev("r"), 10);
  h.watermark(10);
  t.deepEqual(h.operator.bufferStatistics(), { left: 0, right: 1, timers: 1 });
  h.watermark(14);
  t.is(h.operator.bufferStatistics().right, 1);
  h.watermark(15);
  t.deepEqual(h.operator.bufferStatistics(), { left: 0, right: 0, timers: 0 });
});

test("cleanup with an interval entirely in the future: right leaves at its own timestamp", async (t) => {
  const h = await harness({ lowerBound: 2, upperBound: 4 });
  h.left(ev("l"), 10).right(ev("r"), 10);
  h.watermark(10);
  t.deepEqual(h.operator.bufferStatistics(), { left: 1, right: 0, timers: 1 });
  h.watermark(14);
  t.deepEqual(h.operator.bufferStatistics(), { left: 0, right: 0, timers: 0 });
});

test("state does not grow on a long stream: buffers stay bounded by the interval and are empty at the end", async (t) => {
  const h = await harness({ lowerBound: -20, upperBound: 30 });
  let maxBuffered = 0;
  let joined = 0;
  for (let ts = 0; ts < 20_000; ts++) {
    const k = `k${ts % 7}`;
    h.left(ev(`l${ts}`, k), ts).right(ev(`r${ts}`, k), ts);
    if (ts % 10 === 0) h.watermark(ts - 1);
    const s = h.operator.bufferStatistics();
    maxBuffered = Math.max(maxBuffered, s.left + s.right);
    joined = h.records.length;
  }
  // why: a left stays ≤ 30 + 10 ms (interval + watermark step), a right ≤ 20 + 10 ms, one of each per ms
  t.true(maxBuffered <= 40 + 30 + 2, `at most ~72 buffered elements, saw ${maxBuffered}`);
  t.true(joined > 0);
  h.watermark(Number.POSITIVE_INFINITY);
  t.deepEqual(h.operator.bufferStatistics(), { left: 0, right: 0, timers: 0 });
  t.deepEqual(h.backend!.stateSizes(), { LEFT_BUFFER: 0, RIGHT_BUFFER: 0 }, "no key keeps an empty map behind");
});

test("watermarks are forwarded unchanged (min over the two inputs)", async (t) => {
  const h = await harness({ lowerBound: 0, upperBound: 1 });
  h.operator.processWatermark(10, 0);
  t.deepEqual(h.watermarks, []);
  h.operator.processWatermark(5, 1);
  h.operator.processWatermark(12, 1);
  t.deepEqual(h.watermarks, [5, 10]);
});

test("a record without a timestamp fails the job with a clear error", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const a = env.fromElements(ev("l")).keyBy(key);
  const b = env.fromElements(ev("r")).keyBy(key);
  const err = await t.throwsAsync(a.intervalJoin(b).between(0, 1).process(describePair).executeAndCollect());
  t.regex(err!.message, /interval join: a record on the (left|right) input has no event timestamp/);
  t.regex(err!.message, /event time only/);
});

test("an unkeyed stream is rejected when the join is built", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const a = env.fromElements(ev("l")).keyBy(key);
  const plain = env.fromElements(ev("r"));
  t.throws(() => a.intervalJoin(plain as any), { instanceOf: TypeError, message: /must be keyed.*keyBy/ });
});

test("the operator refuses to open without keyed inputs", async (t) => {
  const op = new IntervalJoinOperator<string, Ev, Ev, string>("join", describePair, { lowerBound: 0, upperBound: 1, leftLateDataTag: null, rightLateDataTag: null });
  const h = new TwoInputHarness<string>(op, [null, null], { keyed: false });
  await t.throwsAsync(h.open(), { message: /needs two keyed inputs/ });
});

test("bounds are validated: lower <= upper, whole milliseconds, event time only", (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const a = env.fromElements(ev("l")).keyBy(key);
  const b = env.fromElements(ev("r")).keyBy(key);
  t.throws(() => a.intervalJoin(b).between(5, 4), { instanceOf: RangeError, message: /lowerBound \(5\) must be <= upperBound \(4\)/ });
  t.throws(() => a.intervalJoin(b).between(0.5, 4), { instanceOf: RangeError, message: /whole milliseconds/ });
  t.throws(() => a.intervalJoin(b).inProcessingTime().between(0, 4), { message: /only supported in event time/ });
  t.notThrows(() => a.intervalJoin(b).between(4, 4));
});

test("equal bounds made exclusive join nothing", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const ws = WatermarkStrategy.forMonotonousTimestamps<Ev & { ts: number }>().withTimestampAssigner((e) => e.ts);
  const a = env.fromCollection([{ k: "a", id: "l", ts: 1 }]).assignTimestampsAndWatermarks(ws).keyBy(key);
  const b = env.fromCollection([{ k: "a", id: "r", ts: 1 }]).assignTimestampsAndWatermarks(ws).keyBy(key);
  t.deepEqual(await a.intervalJoin(b).between(0, 0).lowerBoundExclusive().process(describePair).executeAndCollect(), []);
});

test("a rich join function is opened with a runtime context and closed", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  const ws = WatermarkStrategy.forMonotonousTimestamps<Ev & { ts: number }>().withTimestampAssigner((e) => e.ts);
  const a = env.fromCollection([{ k: "a", id: "l", ts: 1 }]).assignTimestampsAndWatermarks(ws).keyBy(key);
  const b = env.fromCollection([{ k: "a", id: "r", ts: 2 }]).assignTimestampsAndWatermarks(ws).keyBy(key);
  const calls: string[] = [];
  const out = await a
    .intervalJoin(b)
    .between(0, 1)
    .process({
      open: (ctx) => void calls.push(`open ${ctx.getIndexOfThisSubtask()}/${ctx.getNumberOfParallelSubtasks()}`),
      close: () => void calls.push("close"),
      processElement: (l: Ev, r: Ev, _ctx: ProcessJoinContext, o: Collector<string>) => o.collect(l.id + r.id),
    })
    .executeAndCollect();
  t.deepEqual(out, ["lr"]);
  t.deepEqual(calls.sort(), ["close", "close", "open 0/2", "open 1/2"]);
});
