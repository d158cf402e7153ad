// The keyed functions behind `dedupe`, `top` and `process`.
import test from "ava";
import { CollectionSource, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";
import { dedupeFunction } from "../../../runtime/support/keyed-functions.js";

type Ev = { k: number; ts: number };

// dedupe kept its state handle in a closure shared by the subtasks' copies of the function, so at parallelism 2 a
// record was checked against the last-passed time of another subtask's key (as retractingAggregate did in q4).
test("dedupe passes the first record of each key at parallelism 2", async (t) => {
  const events: Ev[] = [];
  for (let i = 0; i < 24; i++) events.push({ k: i % 12, ts: i });
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  env.getConfig().setBatchSize(3);
  const out = await env
    .fromSource(new CollectionSource(events), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "events")
    .keyBy((e) => e.k)
    .process(dedupeFunction<Ev>(1_000))
    .executeAndCollect();
  t.deepEqual([...out].sort((a, b) => a.k - b.k), events.slice(0, 12));
});
