// Work stealing on the pool: what it gains where placement alone leaves a worker idle, and what it costs where it
// does not. The skewed job (skewed-job.ts: a source, a rebalance into 3 subtasks of a costly stateless map, windowed
// sums) places two of the map's subtasks on one worker of two; the rebalance feeds all three equally, so without
// stealing the other worker idles about half the time. Rows, in one process, rounds in rotated order, medians:
//   skewed   p3 w1 (calling thread) · p3 w2 stealing off · p3 w2 stealing on
//   balanced p2 w2 stealing off · p2 w2 stealing on (nothing to balance: the cost of movable subtasks' rings)
// and the two-job case of issue 11 where stealing is what keeps both cores busy: the skewed job (heavy) with the
// keyed-window job (light, p1) started together, busy share per worker with stealing off and on.
//   npm run bench -- stealing [--quick]
import { WorkerPool, type WorkerLoad, type WorkStealingMode } from "../../runtime/index.js";
import { formatRate, saveResult } from "../harness.js";
import { keyedWindow } from "./keyed-window-job.js";
import { load1, observeQuietly } from "./machine.js";
import { median, round3 } from "./scaling.bench.js";
import { expectedSums, skewed, type SkewedArgs } from "./skewed-job.js";

interface Config {
  readonly name: string;
  readonly mapParallelism: number;
  readonly workers: number;
  readonly stealing: WorkStealingMode;
}

export interface StealingRow {
  readonly workload: string;
  readonly mapParallelism: number;
  readonly workers: number;
  readonly stealing: boolean;
  readonly events: number;
  /** Median over the rounds, wall clock. */
  readonly eventsPerSecond: number;
  /** Against the one-worker row (skewed) or the same row without stealing (balanced). */
  readonly ratio: number;
  readonly ratioTo: string;
  readonly runs: readonly number[];
  /** Subtasks moved in the median run, and each worker's busy share of the wall time. */
  readonly steals: number;
  readonly busyShare: readonly number[];
  readonly cpuPerWall: number;
}

export interface StealingSharing {
  readonly stealing: boolean;
  readonly heavySeconds: number;
  readonly busyShare: readonly number[];
  readonly steals: number;
}

const CONFIGS: readonly Config[] = [
  { name: "skewed", mapParallelism: 3, workers: 1, stealing: false },
  { name: "skewed", mapParallelism: 3, workers: 2, stealing: false },
  { name: "skewed", mapParallelism: 3, workers: 2, stealing: true },
  { name: "balanced", mapParallelism: 2, workers: 2, stealing: false },
  { name: "balanced", mapParallelism: 2, workers: 2, stealing: true },
];

async function runSkewed(args: SkewedArgs, c: { workers: number; stealing: WorkStealingMode }): Promise<readonly WorkerLoad[]> {
  const r = await skewed.run(args, { workers: c.workers, configure: (env) => env.getConfig().setWorkStealing(c.stealing) });
  const rows = (r.collected["out"] ?? []) as readonly { n: number }[];
  const want = expectedSums(args);
  if (rows.length !== want.length || rows.reduce((n, x) => n + x.n, 0) !== want.reduce((n, x) => n + x.n, 0)) {
    throw new Error(`skewed job (p${args.mapParallelism}, ${c.workers} workers, stealing ${String(c.stealing)}): ${rows.length} sums, expected ${want.length}`);
  }
  return r.result.metrics.workers ?? [];
}

export async function runStealing(quick: boolean): Promise<{ rows: StealingRow[]; sharing: StealingSharing[] }> {
  const events = quick ? 100_000 : 400_000;
  const work = 200;
  const rounds = quick ? 3 : 5;
  const argsOf = (c: Config): SkewedArgs => ({ records: events, keys: 16, work, mapParallelism: c.mapParallelism, windowMs: 10_000 });
  try {
    for (const c of CONFIGS) await runSkewed({ ...argsOf(c), records: Math.round(events / 4) }, c);
    const samples = CONFIGS.map(() => [] as { rate: number; wall: number; cpu: number; loads: readonly WorkerLoad[] }[]);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < CONFIGS.length; k++) {
        const i = (k + round) % CONFIGS.length;
        const c = CONFIGS[i]!;
        const o = await observeQuietly(() => runSkewed(argsOf(c), c));
        // why events + the short source's tenth: every record the job reads
        samples[i]!.push({ rate: (events * 1.1) / o.wallSeconds, wall: o.wallSeconds, cpu: o.cpuSeconds, loads: o.value });
      }
    }
    const medians = samples.map((s) => median(s, (x) => x.rate));
    const rows = CONFIGS.map((c, i): StealingRow => {
      const m = medians[i]!;
      const base = c.name === "skewed" ? 0 : c.stealing ? 3 : i;
      return {
        workload: c.name,
        mapParallelism: c.mapParallelism,
        workers: c.workers,
        stealing: c.stealing !== false,
        events: Math.round(events * 1.1),
        eventsPerSecond: Math.round(m.rate),
        ratio: round3(m.rate / medians[base]!.rate),
        ratioTo: c.name === "skewed" ? "p3 w1" : "p2 w2 stealing off",
        runs: samples[i]!.map((s) => Math.round(s.rate)),
        steals: m.loads.reduce((n, w) => n + w.steals, 0),
        busyShare: m.loads.map((w) => round3(w.busyMs / (m.wall * 1000))),
        cpuPerWall: round3(m.cpu / m.wall),
      };
    });
    for (const r of rows) console.log(formatRow(r));
    const sharing: StealingSharing[] = [];
    for (const stealing of [false, true, false, true]) {
      const began = performance.now();
      const [loads] = await Promise.all([
        runSkewed({ records: events, keys: 16, work, mapParallelism: 3, windowMs: 10_000 }, { workers: 2, stealing }),
        keyedWindow.run({ records: events * 2 }, { workers: 2, configure: (env) => env.setParallelism(1) }),
      ]);
      const ms = performance.now() - began;
      sharing.push({ stealing, heavySeconds: round3(ms / 1000), busyShare: loads.map((w) => round3(w.busyMs / ms)), steals: loads.reduce((n, w) => n + w.steals, 0) });
      console.log(`sharing (skewed + keyed-window) stealing ${stealing ? "on " : "off"}: ${(ms / 1000).toFixed(2)} s, busy ${loads.map((w) => `${((w.busyMs / ms) * 100).toFixed(0)}%`).join(" / ")}, ${sharing.at(-1)!.steals} steals`);
    }
    return { rows, sharing };
  } finally {
    await WorkerPool.shared().shutdown();
  }
}

function formatRow(r: StealingRow): string {
  return `${r.workload.padEnd(9)} p${r.mapParallelism} w${r.workers} stealing ${r.stealing ? "on " : "off"} ${formatRate(r.eventsPerSecond).padStart(11)} ${r.ratio.toFixed(2).padStart(5)}× (vs ${r.ratioTo})  busy ${r.busyShare.map((b) => `${(b * 100).toFixed(0)}%`).join("/") || "-"}  steals ${r.steals}  cpu ${r.cpuPerWall.toFixed(2)}`;
}

export function saveStealing(result: { rows: StealingRow[]; sharing: StealingSharing[] }, quick: boolean): string {
  return saveResult(quick ? "stealing-quick" : "stealing", {
    unit: "records per wall-clock second (the job's two sources together)",
    method: "per configuration one warm-up run, then rounds of every configuration in rotated order; median; runs disturbed by other processes (> 0.15 cores) repeated up to 3 times",
    load: load1(),
    rows: result.rows,
    sharing: result.sharing,
  });
}
