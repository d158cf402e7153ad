// The DataStream API quick start of the README: per-user click counts in 10-second event-time windows.
import { CollectionSource, StreamExecutionEnvironment, Time, TumblingEventTimeWindows, WatermarkStrategy } from "../runtime/index.js";

interface UserClicks {
  user: string;
  clicks: number;
  windowEnd: number;
}

interface Click {
  user: string;
  page: string;
  ts: number; // event time, epoch ms
}

export async function clicksPerUser(clicks: Click[]): Promise<UserClicks[]> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
  return env
    .fromSource(
      new CollectionSource(clicks),
      WatermarkStrategy.forBoundedOutOfOrderness<Click>(Time.seconds(5)).withTimestampAssigner((c) => c.ts),
      "clicks",
    )
    .filter((c) => c.page !== "/health")
    .keyBy((c) => c.user)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .aggregate<number, number, UserClicks>(
      { createAccumulator: () => 0, add: (_c: Click, n: number) => n + 1, getResult: (n: number) => n, merge: (a: number, b: number) => a + b },
      { process: (user: string, ctx, counts, out) => out.collect({ user, clicks: counts[0]!, windowEnd: ctx.window().maxTimestamp() + 1 }) },
    )
    .executeAndCollect();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await clicksPerUser([
      { user: "ada", page: "/", ts: 1_000 },
      { user: "bob", page: "/cart", ts: 2_000 },
      { user: "ada", page: "/health", ts: 3_000 },
      { user: "ada", page: "/cart", ts: 9_000 },
      { user: "ada", page: "/pay", ts: 12_000 },
    ]),
  );
}
