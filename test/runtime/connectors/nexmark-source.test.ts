// NexmarkSource: the generator as a parallel, replayable source.
import test from "ava";
import { NexmarkSource, nexmark, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

const events = (parallelism: number, maxEvents: number) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(parallelism);
  return env
    .fromSource(new NexmarkSource({ maxEvents }), WatermarkStrategy.forBoundedOutOfOrderness<nexmark.NexmarkEvent>(4000), "nexmark")
    .map((e) => (e.type === 2 ? `b${e.bid!.auction}/${e.bid!.dateTime}` : e.type === 1 ? `a${e.auction!.id}` : `p${e.person!.id}`))
    .executeAndCollect();
};

test("parallel subtasks generate disjoint parts of the same event sequence", async (t) => {
  const one = await events(1, 5000);
  t.is(one.length, 5000);
  const three = await events(3, 5000);
  t.is(three.length, 5000);
  t.is(one.filter((e) => e.startsWith("p")).length, 100, "1 in 50 events is a person");
  t.is(one.filter((e) => e.startsWith("a")).length, 300, "3 in 50 events are auctions");
});

test("events carry their dateTime as the record timestamp", async (t) => {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const stamps: [number, number | null][] = [];
  env
    .fromSource(new NexmarkSource({ maxEvents: 200 }), WatermarkStrategy.noWatermarks<nexmark.NexmarkEvent>(), "nexmark")
    .sinkTo((e, ctx) => stamps.push([nexmark.eventTime(e), ctx.timestamp]));
  await env.execute();
  t.true(stamps.every(([a, b]) => a === b));
});
