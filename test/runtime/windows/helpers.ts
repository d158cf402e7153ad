// Shared helpers for the window tests: run a windowed sum+count job over records and collect results.
import {
  type AggregateFunction,
  CollectionSource,
  EventTimeSessionWindows,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  OutputTag,
  StreamExecutionEnvironment,
  type TimeWindow,
  type WindowAssigner,
  WatermarkStrategy,
} from "../../../runtime/index.js";
import type { OracleWindows, Rec, WindowResult } from "../../helpers/window-oracle.js";

/** The assigner of the oracle's window spec. */
export function assignerOf(w: OracleWindows) {
  switch (w.kind) {
    case "tumbling":
      return TumblingEventTimeWindows.of(w.size, w.offset);
    case "sliding":
      return SlidingEventTimeWindows.of(w.size, w.slide);
    case "session":
      return EventTimeSessionWindows.withGap(w.gap);
  }
}

export interface SumCount {
  sum: number;
  count: number;
}

export const sumCount: AggregateFunction<Rec, SumCount, SumCount> = {
  createAccumulator: () => ({ sum: 0, count: 0 }),
  add: (r, acc) => ({ sum: acc.sum + r.value, count: acc.count + 1 }),
  getResult: (acc) => ({ sum: acc.sum, count: acc.count }),
  merge: (a, b) => ({ sum: a.sum + b.sum, count: a.count + b.count }),
};

export interface RunOptions {
  readonly assigner: WindowAssigner<any, TimeWindow>;
  readonly delay: number;
  readonly allowedLateness: number;
  readonly batchSize: number;
  readonly parallelism?: number;
  readonly mode?: "STREAMING" | "BATCH";
}

/** Records → timestamps/watermarks → keyBy(key) → window → aggregate(sum, count) with the window attached. */
export async function runWindowedSum(records: readonly Rec[], o: RunOptions): Promise<{ results: WindowResult[]; late: Rec[] }> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(o.parallelism ?? 1);
  env.getConfig().setBatchSize(o.batchSize);
  if (o.mode !== undefined) env.setRuntimeMode(o.mode);
  const lateTag = new OutputTag<Rec>("late");
  const windowed = env
    // why: the source (parallelism 1) assigns timestamps and watermarks, after every batch of records
    .fromSource(new CollectionSource([...records]), WatermarkStrategy.forBoundedOutOfOrderness<Rec>(o.delay).withTimestampAssigner((r) => r.ts), "Records")
    .keyBy((r) => r.key)
    .window(o.assigner)
    .allowedLateness(o.allowedLateness)
    .sideOutputLateData(lateTag)
    .aggregate<SumCount, SumCount, WindowResult>(sumCount, (key: string, ctx, [acc], out) => {
      const w = ctx.window();
      out.collect({ key, start: w.start, end: w.end, sum: acc!.sum, count: acc!.count });
    });
  const late: Rec[] = [];
  windowed.getSideOutput(lateTag).sinkTo((r) => void late.push(r));
  const results = await windowed.executeAndCollect();
  return { results, late };
}

/** A multiset as a sorted list of JSON strings, for order-insensitive comparison. */
export function multiset(values: readonly unknown[]): string[] {
  return values.map((v) => JSON.stringify(v)).sort();
}
