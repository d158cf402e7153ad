// NexmarkSource: the generator as a parallel, replayable source.
import test from "ava";
import { NexmarkSource, nexmark, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

/**
 * Every event of a run as text, its time fields included: subtask i of p emits positions i, i + p … of the one
 * sequence, so each event keeps its id, content and time at any parallelism (unlike the reference's
 * GeneratorConfig.split, whose generators run on parallel timelines).
 */
const events = (parallelism: number, maxEvents: number) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  return env
    .fromSource(new NexmarkSource({ maxEvents }), WatermarkStrategy.forBoundedOutOfOrderness<nexmark.NexmarkEvent>(4000), "nexmark")
    .map((e) => `${"pab"[e.type]}${JSON.stringify(e.person ?? e.auction ?? e.bid)}`)
    .executeAndCollect();
};

/** Each distinct event with how often it occurs (order across subtasks is not part of the contract). */
const multiset = (events: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
};

test("parallel subtasks generate disjoint parts of the same event sequence, times included", async (t) => {
  const one = await events(1, 5000);
  t.is(one.length, 5000);
  t.is(one.filter((e) => e.startsWith("p")).length, 100, "1 in 50 events is a person");
  t.is(one.filter((e) => e.startsWith("a")).length, 300, "3 in 50 events are auctions");
  const three = await events(3, 5000);
  t.is(three.length, 5000);
  // why a multiset: equal lengths alone would pass if two subtasks generated the same slice and a third none
  t.deepEqual(multiset(three), multiset(one), "parallelism 3 generates exactly the events of parallelism 1");
  // the comparison would notice one missing record
  t.notDeepEqual(multiset(three.slice(1)), multiset(one));
});

test("events carry their dateTime as the record timestamp", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const stamps: [number, number | null][] = [];
  env
    .fromSource(new NexmarkSource({ maxEvents: 200 }), WatermarkStrategy.noWatermarks<nexmark.NexmarkEvent>(), "nexmark")
    .sinkTo((e, ctx) => stamps.push([nexmark.eventTime(e), ctx.timestamp]));
  await env.execute();
  t.is(stamps.length, 200, "every event reached the sink");
  t.true(stamps.every(([a, b]) => a === b));
});
