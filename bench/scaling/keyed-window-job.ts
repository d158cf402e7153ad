// The keyed-window workload of the scaling benchmark, as a job module the pool's workers import: generated events →
// keyBy → 10 s tumbling-window sum → collected in the starting thread (one number per key and window, so few records
// cross back: 1,000 keys × 20 windows for 2M events).
import { defineJob, GeneratorSource, TumblingEventTimeWindows, WatermarkStrategy } from "../../runtime/index.js";

interface Ev {
  key: number;
  value: number;
  ts: number;
}

const WINDOW_MS = 10_000;
const KEYS = 1000;

/** Event time advances 1 ms every 10 records; keys are spread by a multiplicative hash (as bench/core). */
const generate = (i: number): Ev => ({ key: (i * 7919) % KEYS, value: i & 15, ts: Math.floor(i / 10) });

export interface KeyedWindowArgs {
  readonly records: number;
}

export const keyedWindow = defineJob(import.meta.url, (env, args: KeyedWindowArgs, ctx) => {
  env
    .fromSource(new GeneratorSource(generate, args.records), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "Generator")
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(WINDOW_MS))
    .aggregate({ createAccumulator: () => 0, add: (e: Ev, acc: number) => acc + e.value, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b })
    .sinkTo(ctx.collect<number>("sums"));
});

/** What every run must collect: one sum per (key, window) that saw an event, and their total. */
export function expectedSums(records: number): { windows: number; total: number } {
  const seen = new Set<number>();
  let total = 0;
  for (let i = 0; i < records; i++) {
    const e = generate(i);
    seen.add(Math.floor(e.ts / WINDOW_MS) * KEYS + e.key);
    total += e.value;
  }
  return { windows: seen.size, total };
}
