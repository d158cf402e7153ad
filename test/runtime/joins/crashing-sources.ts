// The environment the join recovery tests share: two parallel generator sources of keyed events, out of order within a
// watermark bound, with processing time advancing 1 ms per record so that periodic checkpoints land mid-stream.
import { type DataStream, type FaultInjector, GeneratorSource, ManualClock, RestartStrategies, StreamExecutionEnvironment, WatermarkStrategy } from "../../../runtime/index.js";

/** An event of either side: its id (`L3`, `R7`), key and event time. */
export interface Ev {
  readonly id: string;
  readonly k: number;
  readonly ts: number;
}

export interface CrashingSources {
  readonly env: StreamExecutionEnvironment;
  readonly lefts: DataStream<Ev>;
  readonly rights: DataStream<Ev>;
}

/** `n` events a side from `left(i)` and `right(i)`, at parallelism 2, checkpointing every 25 ms, restarting up to 5 times. */
export function crashingSources(left: (i: number) => Ev, right: (i: number) => Ev, n: number, outOfOrderMs: number, faults?: FaultInjector): CrashingSources {
  const clock = new ManualClock(0);
  const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).setClock(clock);
  env.getConfig().setBatchSize(4);
  env.getConfig().setChannelCapacity(16).sliceBudget = 1;
  env.enableCheckpointing(25).setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 0));
  if (faults) env.setFaultInjector(faults);
  const ws = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(outOfOrderMs).withTimestampAssigner((e) => e.ts);
  const tick = (e: Ev) => (clock.advance(1), e);
  const lefts = env.fromSource(new GeneratorSource(left, n), ws, "lefts").uid("lefts").map(tick).uid("tick-l");
  const rights = env.fromSource(new GeneratorSource(right, n), ws, "rights").uid("rights").map(tick).uid("tick-r");
  return { env, lefts, rights };
}
