// Keyed tumbling-window sum: records/s through the engine (source → keyBy → window → sink) against
// a hand-written loop computing the same per-(key, window) sums, reported as a ratio.
//
// Run: npx tsx bench/windows/window.bench.ts [records] [--quick]   (results: bench/results/windows[-quick].json)

import { GeneratorSource, StreamExecutionEnvironment, TumblingEventTimeWindows, WatermarkStrategy } from "../../runtime/index.js";
import { saveResult } from "../harness.js";

interface Ev {
  key: number;
  value: number;
  ts: number;
}

const N = Number(process.argv.slice(2).find((a) => !a.startsWith("--")) ?? 2_000_000);
const KEYS = 1000;
const WINDOW = 1000; // ms
/** Event time advances 1 ms every 10 records, so each window holds 10 000 records (10 per key). */
const generate = (i: number): Ev => ({ key: (i * 7919) % KEYS, value: i & 15, ts: Math.floor(i / 10) });

/** The baseline: the same sums with a Map per window, closed when event time leaves the window. */
function handWritten(): number {
  let checksum = 0;
  let windowEnd = WINDOW;
  let sums = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const e = generate(i);
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

async function engine(kind: "aggregate" | "reduce"): Promise<number> {
  const env = StreamExecutionEnvironment.getExecutionEnvironment();
  const keyed = env
    .fromSource(new GeneratorSource(generate, N), WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "Generator")
    .keyBy((e) => e.key)
    .window(TumblingEventTimeWindows.of(WINDOW));
  const summed =
    kind === "aggregate"
      ? keyed.aggregate({ createAccumulator: () => 0, add: (e: Ev, acc: number) => acc + e.value, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b })
      : keyed.reduce((a, b) => ({ key: a.key, value: a.value + b.value, ts: a.ts })).map((e) => e.value);
  let checksum = 0;
  summed.sinkTo((s: number) => {
    checksum += s;
  });
  await env.execute("window bench");
  return checksum;
}

async function time(name: string, run: () => number | Promise<number>): Promise<{ name: string; recordsPerSec: number; checksum: number }> {
  await run(); // warm-up
  const runs: number[] = [];
  let checksum = 0;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    checksum = await run();
    runs.push(performance.now() - start);
  }
  const best = Math.min(...runs);
  return { name, recordsPerSec: N / (best / 1000), checksum };
}

const rows = [await time("hand-written loop (baseline)", handWritten), await time("engine: window.aggregate (sum)", () => engine("aggregate")), await time("engine: window.reduce (sum)", () => engine("reduce"))];
const base = rows[0]!.recordsPerSec;
for (const r of rows) if (r.checksum !== rows[0]!.checksum) throw new Error(`${r.name}: checksum ${r.checksum} ≠ ${rows[0]!.checksum}`);
console.log(`keyed tumbling-window sum, ${N.toLocaleString("en")} records, ${KEYS} keys, windows of ${WINDOW} ms`);
console.table(rows.map((r) => ({ benchmark: r.name, "records/s": Math.round(r.recordsPerSec).toLocaleString("en"), "vs baseline": (r.recordsPerSec / base).toFixed(3) })));
saveResult(process.argv.includes("--quick") ? "windows-quick" : "windows", { unit: "records per wall second", records: N, keys: KEYS, windowMs: WINDOW, rows: rows.map((r) => ({ name: r.name, perSecond: r.recordsPerSec, vsBaseline: r.recordsPerSec / base })) });
