// The engine's core path: map → filter → keyBy → tumbling-window sum over a generated stream,
// against a hand-written single loop computing the same sums in the same process.
//
// Run: npx tsx bench/core/pipeline.bench.ts [records]   (or: npm run bench -- core)
import { GeneratorSource, StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../runtime/index.js";
import { measure, printTable, saveResult } from "../harness.js";

interface Ev {
  key: number;
  value: number;
  ts: number;
}

const WINDOW = 1000;
const KEYS = 1000;
/** Event time advances 1 ms every 10 records; keys are spread by a multiplicative hash. */
const generate = (i: number): Ev => ({ key: (i * 7919) % KEYS, value: i & 15, ts: Math.floor(i / 10) });

/** The same computation as one loop: map (×3), filter (odd), per-window Map of per-key sums. */
export function handWritten(n: number): number {
  let checksum = 0;
  let windowEnd = WINDOW;
  let sums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const raw = generate(i);
    const e = { key: raw.key, value: raw.value * 3, ts: raw.ts };
    if ((e.value & 1) === 0) continue;
    if (e.ts >= windowEnd) {
      for (const s of sums.values()) checksum += s;
      sums = new Map();
      windowEnd += WINDOW;
    }
    sums.set(e.key, (sums.get(e.key) ?? 0) + e.value);
  }
  for (const s of sums.values()) checksum += s;
  return checksum;
}

/** The engine's run of the pipeline; `configure` may change the environment first (small-slices.bench.ts). */
export async function engine(n: number, configure: (env: StreamExecutionEnvironment) => void = () => {}): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  configure(env);
  let checksum = 0;
  env
    .fromSource(new GeneratorSource(generate, n), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "Generator")
    .map((e) => ({ key: e.key, value: e.value * 3, ts: e.ts }))
    .filter((e) => (e.value & 1) === 1)
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(WINDOW))
    .aggregate({ createAccumulator: () => 0, add: (e: Ev, acc: number) => acc + e.value, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b })
    .sinkTo((s: number) => {
      checksum += s;
    });
  await env.execute("core pipeline bench");
  return checksum;
}

export async function runCoreBenchmark(n = 2_000_000): Promise<{ ratio: number; engine: number; baseline: number }> {
  const expected = handWritten(n);
  const got = await engine(n);
  if (got !== expected) throw new Error(`engine checksum ${got} ≠ hand-written ${expected}`);
  const baseline = await measure("hand-written loop", n, () => handWritten(n));
  const eng = await measure("engine (1 core)", n, () => engine(n));
  printTable(`map → filter → keyBy → tumbling-window sum, ${n.toLocaleString("en")} records, ${KEYS} keys`, baseline, [eng]);
  const ratio = eng.perSecond / baseline.perSecond;
  saveResult("core-pipeline", { records: n, baseline: baseline.perSecond, engine: eng.perSecond, ratio });
  return { ratio, engine: eng.perSecond, baseline: baseline.perSecond };
}

if (import.meta.url === `file://${process.argv[1]}`) await runCoreBenchmark(Number(process.argv[2] ?? 2_000_000));
