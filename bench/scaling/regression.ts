// Single-thread regression check of the worker pool: the core pipeline (bench/core) and the Nexmark per-core figures
// at one worker, here and in a checkout of the commit before the pool (2578f43), A/B in one process. Each tree's
// compiler bundles the queries with its own runtime (a bundle carries the copy of eddy that compiled it) and the core
// pipeline is built with each tree's runtime; runs alternate between the trees (ABBA), each after a full GC, so both
// see the same machine state — on the shared 2-core machine, separate processes minutes apart differed by up to 40%.
// A run during which other processes used more than 0.15 of a core is run again (bench/scaling/machine.ts).
//   git worktree add /work/wt-base 2578f43 && ln -s "$PWD/node_modules" /work/wt-base/node_modules
//   cp compiler/syntax/generated/parser.js /work/wt-base/compiler/syntax/generated/
//   npx tsx bench/scaling/regression.ts --base /work/wt-base [--pairs 5] [--queries q0,q1,q2,q5,q7,q8,q11]
// Reported per figure: each tree's median rate (Nexmark: events per CPU second, as bench/nexmark; core: records per
// wall second, as bench/core) and the median of the per-pair ratios head/base. Budget: within 5% (ratio ≥ 0.95).
// Results: bench/results/pool-regression.json.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Command } from "commander";
import * as headRuntime from "../../runtime/index.js";
import { saveResult } from "../harness.js";
import { eventsFor } from "../nexmark/nexmark.bench.js";
import { loadQuery as headLoadQuery, type QueryName } from "../nexmark/queries.js";
import { load1, observeQuietly, waitForQuiet } from "./machine.js";

type Runtime = typeof headRuntime;
interface Query {
  readonly sources: readonly string[];
  run(options: Record<string, unknown>): Promise<{ records: number }>;
}
type LoadQuery = (name: QueryName) => Promise<Query>;

// why: a full collection before each run, so a run does not pay for the garbage the other tree's run left
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Ev {
  key: number;
  value: number;
  ts: number;
}

/** bench/core/pipeline.bench.ts's engine(): map → filter → keyBy → tumbling-window sum, with the given runtime. */
async function corePipeline(rt: Runtime, n: number): Promise<number> {
  const generate = (i: number): Ev => ({ key: (i * 7919) % 1000, value: i & 15, ts: Math.floor(i / 10) });
  const env = rt.StreamExecutionEnvironment.getExecutionEnvironment();
  let checksum = 0;
  env
    .fromSource(new rt.GeneratorSource(generate, n), rt.WatermarkStrategy.forMonotonousTimestamps<Ev>().withTimestampAssigner((e) => e.ts), "Generator")
    .map((e) => ({ key: e.key, value: e.value * 3, ts: e.ts }))
    .filter((e) => (e.value & 1) === 1)
    .keyBy((e) => e.key)
    .window(rt.TumblingEventTimeWindows.of(1000))
    .aggregate({ createAccumulator: () => 0, add: (e: Ev, acc: number) => acc + e.value, getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b })
    .sinkTo((s: number) => {
      checksum += s;
    });
  await env.execute("core pipeline bench");
  return checksum;
}

/** One figure measured in both trees: a run per tree, given the tree. */
interface Figure {
  readonly name: string;
  readonly count: number;
  /** Rate from the CPU time (Nexmark) or the wall time (core). */
  readonly clock: "cpu" | "wall";
  run(tree: Tree): Promise<unknown>;
}

type Tree = "base" | "head";

/** Nexmark's views of the first `events` events (the generator is the same in both trees): the engine-only input. */
function views(events: number): Record<string, unknown[]> {
  const { nexmark } = headRuntime;
  const generator = new nexmark.NexmarkGenerator(nexmark.splitConfig({ maxEvents: events }, 1)[0]!);
  const v = { person: [] as unknown[], auction: [] as unknown[], bid: [] as unknown[] };
  while (generator.hasNext()) {
    const e = generator.next();
    if (e.type === 0) v.person.push(e.person);
    else if (e.type === 1) v.auction.push(e.auction);
    else v.bid.push(e.bid);
  }
  return v;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

const program = new Command("regression")
  .requiredOption("--base <dir>", "a worktree of the commit before the pool (2578f43)")
  .option("--pairs <n>", "A/B pairs per figure", "5")
  .option("--queries <list>", "Nexmark queries", "q0,q1,q2,q5,q7,q8,q11")
  .option("--core-records <n>", "records of the core pipeline", "2000000")
  .parse();
const opts = program.opts<{ base: string; pairs: string; queries: string; coreRecords: string }>();
const pairs = Number(opts.pairs);
const queries = opts.queries.split(",") as QueryName[];

const baseRuntime = (await import(pathToFileURL(join(opts.base, "runtime/index.ts")).href)) as Runtime;
const baseLoadQuery = ((await import(pathToFileURL(join(opts.base, "bench/nexmark/queries.ts")).href)) as { loadQuery: LoadQuery }).loadQuery;
const runtimes: Record<Tree, Runtime> = { base: baseRuntime, head: headRuntime };
// why workers 1 here: the per-core figures run in the calling thread (the base has no pool and ignores it)
const oneWorker: Record<Tree, Record<string, unknown>> = { base: {}, head: { workers: 1 } };

const coreRecords = Number(opts.coreRecords);
const figures: Figure[] = [{ name: "core pipeline", count: coreRecords, clock: "wall", run: (tree) => corePipeline(runtimes[tree], coreRecords) }];
const inputs = new Map<number, Record<string, unknown[]>>();
for (const q of queries) {
  const events = eventsFor(q, 1_000_000);
  const loaded: Record<Tree, Query> = { base: await baseLoadQuery(q), head: (await headLoadQuery(q)) as Query };
  figures.push({ name: `${q} with generator`, count: events, clock: "cpu", run: (tree) => loaded[tree].run({ nexmark: { maxEvents: events }, ...oneWorker[tree] }) });
  let input = inputs.get(events);
  if (input === undefined) inputs.set(events, (input = views(events)));
  const sources = Object.fromEntries(loaded.head.sources.map((s) => [s, input[s]!]));
  figures.push({ name: `${q} engine only`, count: events, clock: "cpu", run: (tree) => loaded[tree].run({ sources, ...oneWorker[tree] }) });
}

interface Row {
  readonly figure: string;
  readonly base: number;
  readonly head: number;
  /** Median over the pairs of head / base. */
  readonly ratio: number;
  readonly pairRatios: readonly number[];
  readonly otherCores: readonly number[];
}

const rows: Row[] = [];
for (const f of figures) {
  await waitForQuiet(0.85, 120_000);
  for (const tree of ["base", "head"] as const) await f.run(tree); // warm-up: JIT of both copies
  const rates: Record<Tree, number[]> = { base: [], head: [] };
  const others: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const order: readonly Tree[] = p % 2 === 0 ? ["base", "head"] : ["head", "base"];
    for (const tree of order) {
      gc();
      const o = await observeQuietly(() => f.run(tree));
      rates[tree].push(f.count / (f.clock === "cpu" ? o.cpuSeconds : o.wallSeconds));
      others.push(round3(o.otherCores ?? 0));
    }
  }
  const pairRatios = rates.head.map((h, i) => round3(h / rates.base[i]!));
  const row = { figure: f.name, base: Math.round(median(rates.base)), head: Math.round(median(rates.head)), ratio: median(pairRatios), pairRatios, otherCores: others };
  rows.push(row);
  console.log(`${f.name.padEnd(24)} base ${row.base.toLocaleString("en-US").padStart(12)}  head ${row.head.toLocaleString("en-US").padStart(12)}  head/base ${row.ratio.toFixed(3)}  (pairs ${pairRatios.map((r) => r.toFixed(2)).join(" ")}; load ${load1()})`);
}
console.log(`saved ${saveResult("pool-regression", {
  baseCommit: "2578f43",
  unit: { core: "records per wall second", nexmark: "events per CPU second, one worker (in the calling thread)" },
  budget: "within 5% (ratio ≥ 0.95)",
  method: "one process, both trees' runtimes; ABBA pairs after a full GC; warm-up run per tree; runs disturbed by other processes (> 0.15 core) repeated",
  pairs,
  rows,
})}`);
