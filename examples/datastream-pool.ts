// The DataStream quick start as a job module, so that it runs on the worker pool: every worker imports this file and
// builds the job from the exported definition (the build function must build the same graph every time it runs).
import { isMainThread } from "node:worker_threads";
import { defineJob, Time, TumblingEventTimeWindows, WatermarkStrategy } from "../runtime/index.js";

interface Click {
  user: string;
  page: string;
  ts: number; // event time, epoch ms
}

export const clicksPerUser = defineJob(import.meta.url, (env, clicks: Click[], ctx) => {
  env
    .fromCollection(clicks)
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Click>(Time.seconds(5)).withTimestampAssigner((c) => c.ts))
    .filter((c) => c.page !== "/health")
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .aggregate<number, number, { user: string; clicks: number; windowEnd: number }>(
      { createAccumulator: () => 0, add: (_c: Click, n: number) => n + 1, getResult: (n: number) => n, merge: (a: number, b: number) => a + b },
      { process: (user: string, ctx, counts, out) => out.collect({ user, clicks: counts[0]!, windowEnd: ctx.window().maxTimestamp() + 1 }) },
    )
    .sinkTo(ctx.collect("clicks"));
});

// why isMainThread: the pool's workers import this module too, and must only build the job
if (isMainThread && import.meta.url === `file://${process.argv[1]}`) {
  const { collected, result } = await clicksPerUser.run(
    [
      { user: "ada", page: "/", ts: 1_000 },
      { user: "bob", page: "/cart", ts: 2_000 },
      { user: "ada", page: "/health", ts: 3_000 },
      { user: "ada", page: "/cart", ts: 9_000 },
      { user: "ada", page: "/pay", ts: 12_000 },
    ],
    { workers: 2, configure: (env) => env.setParallelism(2) },
  );
  console.log(collected.clicks, `(${result.metrics.workers?.length ?? 1} workers)`);
}
