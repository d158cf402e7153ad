// `npm run bench`: the benchmark harness. Subcommands run one family (nexmark, peers, micro, and the existing fusion,
// windows and cep benchmarks in their own processes); `all` runs everything; no subcommand gives a quick overview.
// Results go to bench/results/*.json with machine information; a summary table and the elapsed time are printed at
// the end. Budgets on the 2-core reference machine: `all` under 10 minutes (≈ 2.5 min when it is quiet), `all --quick`
// under 1 minute; each family's duration goes to bench/results/run[-quick].json. `scaling` (the worker pool at 1 and
// 2 workers, ~5 min; --quick under 1 min) is not part of `all`: it needs both cores to itself.
//   npm run bench -- nexmark --query q5 --events 2000000
//   npm run bench -- all --quick
//   npm run bench -- scaling --quick
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Command } from "commander";
import { EDDY_ROOT } from "../compiler/compile.js";
import { saveResult } from "./harness.js";
import { printNexmarkTable, runNexmark, saveNexmark, type QueryResult } from "./nexmark/nexmark.bench.js";
import { QUERIES, type QueryName } from "./nexmark/queries.js";
import { printPeers, runPeers, savePeers, type PeerRow } from "./peers/peers.bench.js";
import { runMicro, saveMicro, type MicroRow } from "./micro/micro.bench.js";
import { printCliStartup, runCliStartup, saveCliStartup } from "./cli-startup/cli-startup.bench.js";
import { printExchange, runExchange, saveExchange, type ExchangeResult } from "./exchange/exchange.bench.js";
import type { Variant } from "./exchange/exchange-worker.js";
import { printScaling, runScaling, saveScaling, type ScalingResult } from "./scaling/scaling.bench.js";
import { runStealing, saveStealing } from "./scaling/work-stealing.bench.js";
import { graphFamily } from "./graph/graph.bench.js";
import { runMl } from "./ml/ml.bench.js";
import { runSqlVsFlow, saveSqlVsFlow } from "./nexmark/sql-vs-flow.bench.js";

/** What a run collected, printed together at the end. */
interface Summary {
  nexmark?: QueryResult[];
  peers?: PeerRow[];
  micro?: MicroRow[];
  exchange?: ExchangeResult;
  scaling?: ScalingResult;
  scripts: { name: string; ok: boolean; seconds: number }[];
  /** Wall seconds per family, in the order they ran. */
  families: { name: string; seconds: number }[];
}

/** Runs one family and records how long it took. */
async function timed(summary: Summary, name: string, body: () => unknown | Promise<unknown>): Promise<void> {
  const began = performance.now();
  await body();
  summary.families.push({ name, seconds: (performance.now() - began) / 1000 });
}

function parseQueries(list: string | undefined): QueryName[] | undefined {
  if (list === undefined) return undefined;
  const names = list.split(",").map((q) => q.trim());
  const unknown = names.filter((q) => !(QUERIES as readonly string[]).includes(q));
  if (unknown.length > 0) throw new Error(`unknown quer${unknown.length > 1 ? "ies" : "y"} ${unknown.join(", ")} (known: ${QUERIES.join(" ")})`);
  return names as QueryName[];
}

/** The existing standalone benchmarks run in a child process (they run at import and keep their own output). */
function script(summary: Summary, name: string, file: string, args: string[]): void {
  console.log(`\n── ${name} (${file} ${args.join(" ")}) ──`);
  const began = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", join(EDDY_ROOT, file), ...args], { stdio: "inherit", cwd: EDDY_ROOT });
  summary.scripts.push({ name, ok: run.status === 0, seconds: (performance.now() - began) / 1000 });
}

async function nexmarkFamily(summary: Summary, opts: { query?: string; events?: string; quick?: boolean; workers?: string }): Promise<void> {
  console.log("\n── nexmark ──");
  const quick = opts.quick === true;
  const queries = parseQueries(opts.query);
  const results = await runNexmark({ ...(queries === undefined ? {} : { queries }), ...(opts.events === undefined ? {} : { events: Number(opts.events) }), ...(opts.workers === undefined ? {} : { workers: Number(opts.workers) }), quick });
  summary.nexmark = results;
  console.log(`saved ${saveNexmark(results, quick, queries !== undefined || opts.events !== undefined)}`);
}

async function peersFamily(summary: Summary, quick: boolean): Promise<void> {
  console.log("\n── peers ──");
  summary.peers = await runPeers({ quick });
  console.log(`saved ${savePeers(summary.peers, quick)}`);
}

function microFamily(summary: Summary, quick: boolean, only?: string): void {
  console.log("\n── micro ──");
  summary.micro = runMicro({ quick, ...(only === undefined ? {} : { only }) });
  // why: a filtered run would overwrite the full results with a few rows
  if (only === undefined) console.log(`saved ${saveMicro(summary.micro, quick)}`);
}

async function exchangeFamily(summary: Summary, opts: { quick?: boolean; records?: string; variant?: string }): Promise<void> {
  console.log("\n── exchange ──");
  const quick = opts.quick === true;
  const variants = opts.variant === undefined ? undefined : (opts.variant.split(",") as Variant[]);
  summary.exchange = await runExchange({ quick, ...(opts.records === undefined ? {} : { records: Number(opts.records) }), ...(variants === undefined ? {} : { variants }) });
  // why: a partial run would overwrite the full results with a few rows
  if (variants === undefined && opts.records === undefined) console.log(`saved ${saveExchange(summary.exchange, quick)}`);
}

async function scalingFamily(summary: Summary, opts: { quick?: boolean; workload?: string; sharing?: boolean; quiet?: string }): Promise<void> {
  console.log("\n── scaling ──");
  const quick = opts.quick === true;
  const workloads = opts.workload?.split(",").map((w) => w.trim());
  const quiet = opts.quiet === undefined ? {} : { quiet: { minIdle: Number(opts.quiet) / 100, maxMs: 120_000 } };
  summary.scaling = await runScaling({ quick, ...(workloads === undefined ? {} : { workloads }), noSharing: opts.sharing === false, ...quiet });
  // why: a partial run would overwrite the full results with a few rows
  if (workloads === undefined && opts.sharing !== false) console.log(`saved ${saveScaling(summary.scaling, quick)}`);
}

/**
 * The standalone scripts' arguments: records per run. Full `all` runs use half their standalone defaults (fusion
 * 2M → 1M records, cep 2M → 1M events): the rates are the same within noise and the run is ~30 s shorter.
 */
const SCRIPTS = {
  fusion: { file: "bench/fusion/fusion.bench.ts", full: ["1000000"], quick: ["300000", "--quick"] },
  windows: { file: "bench/windows/window.bench.ts", full: [], quick: ["300000", "--quick"] },
  cep: { file: "bench/cep/nfa.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
  "temporal-join": { file: "bench/joins/temporal-join.bench.ts", full: ["2000000"], quick: ["300000", "--quick"] },
  "outer-join": { file: "bench/joins/outer-join.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
  "changelog-join": { file: "bench/joins/changelog-join.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
  "update-stream-join": { file: "bench/joins/update-stream-join.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
  having: { file: "bench/changelog/having.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
  regroup: { file: "bench/changelog/regroup.bench.ts", full: ["1000000"], quick: ["200000", "--quick"] },
} as const;

function scriptFamily(summary: Summary, name: keyof typeof SCRIPTS, quick: boolean, standalone: boolean): void {
  const s = SCRIPTS[name];
  // why: run alone (`npm run bench -- fusion`), a script keeps its own default size
  script(summary, name, s.file, quick ? [...s.quick] : standalone ? [] : [...s.full]);
}

function printSummary(summary: Summary): void {
  console.log("\n════════ summary ════════");
  if (summary.nexmark !== undefined) printNexmarkTable(summary.nexmark);
  if (summary.peers !== undefined) printPeers(summary.peers);
  if (summary.micro !== undefined) {
    console.log("\nMicro-benchmarks (records/s)");
    for (const r of summary.micro) console.log(`${r.name.padEnd(55)} ${(r.perSecond / 1e6).toFixed(2).padStart(8)} M/s ±${r.rme.toFixed(1)}%`);
  }
  if (summary.exchange !== undefined) printExchange(summary.exchange);
  if (summary.scaling !== undefined) printScaling(summary.scaling);
  for (const s of summary.scripts) console.log(`${s.name.padEnd(10)} ${s.ok ? "ok" : "FAILED"} in ${s.seconds.toFixed(1)} s`);
  if (summary.families.length > 1) console.log(`\nfamilies: ${summary.families.map((f) => `${f.name} ${f.seconds.toFixed(1)} s`).join(" · ")}`);
  console.log(`elapsed ${formatDuration((performance.now() - STARTED) / 1000)}`);
}

function formatDuration(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0).padStart(2, "0")} s`;
}

const STARTED = performance.now();

const program = new Command("bench").description("Eddy benchmarks; JSON results under bench/results/");
const summary: Summary = { scripts: [], families: [] };

program.command("nexmark").description("Nexmark queries, events/s per core with the generator and engine-only")
  .option("--query <q>", "one query or a comma-separated list (q0 … q22); their rows replace those in the saved results")
  .option("--events <n>", "events per run for every query (default 1,000,000, fewer for the slow stateful queries; 200,000 with --quick)")
  .option("--quick", "fewer events and repeats")
  .option("--workers <n>", "worker threads (default 1: the figures are per core)")
  .action(async (o) => { await nexmarkFamily(summary, o); printSummary(summary); });
program.command("sql").description("Nexmark through Flink's SQL files vs the same queries in .flow (events per CPU second), and SQL compile times")
  .option("--query <list>", "comma-separated queries (default: a mix of stateless, windowed, join, aggregate and top-N queries)")
  .option("--events <n>", "events per run", (v) => Number(v))
  .option("--quick", "fewer events and rounds").action(async (o) => {
    await timed(summary, "sql", async () => {
      console.log("\n── SQL vs .flow ──");
      const rows = await runSqlVsFlow({ ...(o.query === undefined ? {} : { queries: parseQueries(o.query) }), ...(o.events === undefined ? {} : { events: o.events }), quick: o.quick === true });
      console.log(`saved ${saveSqlVsFlow(rows, o.quick === true)}`);
    });
    printSummary(summary);
  });
program.command("peers").description("q0/q1/q2 and a keyed tumbling count vs RxJS, @most/core, Node streams, a loop")
  .option("--quick", "fewer bids and repeats").action(async (o) => { await peersFamily(summary, o.quick === true); printSummary(summary); });
program.command("micro").description("codec, keyed state, key normalisation, window assignment, watermarks")
  .option("--quick", "shorter runs").option("--only <text>", "only the rows whose name contains text (results not saved)")
  .action((o) => { microFamily(summary, o.quick === true, o.only); printSummary(summary); });
program.command("exchange").description("keyBy shuffle of Nexmark bids between two workers: rings vs postMessage (goal ≤ 30 ns/record)")
  .option("--quick", "fewer records and rounds").option("--records <n>", "records per round (results not saved)")
  .option("--variant <v>", "ring, columns, clone, or a comma-separated list (results not saved)")
  .action(async (o) => { await exchangeFamily(summary, o); printSummary(summary); });
program.command("scaling").description("the worker pool: Nexmark q1/q5/q7/q8/q11 and a keyed window at 1 and 2 workers (goal ≥ 1.7×), two jobs sharing the pool")
  .option("--quick", "a tenth of the events, fewer rounds (under a minute)")
  .option("--workload <w>", "one workload or a comma-separated list (q1 q5 q7 q8 q11 q1-sink-in-worker keyed-window; results not saved)")
  .option("--no-sharing", "skip the two-job sharing measurement (results not saved)")
  .option("--quiet <percent>", "before each round, wait (≤ 2 min) until the machine is this idle over a second (Linux; other sessions share it)")
  .action(async (o) => { await scalingFamily(summary, o); printSummary(summary); });
program.command("stealing").description("work stealing on the pool: a skewed job at 1 and 2 workers with stealing off and on, its cost on a balanced one, two jobs sharing the pool")
  .option("--quick", "a quarter of the records, fewer rounds")
  .action(async (o) => {
    const quick = o.quick === true;
    const began = performance.now();
    const result = await runStealing(quick);
    summary.families.push({ name: "stealing", seconds: (performance.now() - began) / 1000 });
    console.log(`saved ${saveStealing(result, quick)}`);
    printSummary(summary);
  });
for (const [name, description] of [["fusion", "fused vs interpreted vs hand-written (bench/fusion)"], ["windows", "window operator throughput (bench/windows)"], ["cep", "CEP NFA throughput (bench/cep)"], ["temporal-join", "event-time temporal join vs a hand-written loop (bench/joins)"], ["outer-join", "regular left outer join vs a hand-written loop (bench/joins)"], ["changelog-join", "inner join of a changelog with deletions vs a hand-written loop (bench/joins)"], ["update-stream-join", "inner join of an update stream (ChangelogNormalize) vs a hand-written loop (bench/joins)"], ["having", "SQL GROUP BY with a HAVING rows leave (changelog | filter) vs without HAVING and a hand-written loop (bench/changelog)"], ["regroup", "SQL GROUP BY over GROUP BY (rows taken back), fused vs --no-fuse vs a hand-written loop (bench/changelog)"]] as const) {
  program.command(name).description(description).option("--quick").action((o) => { scriptFamily(summary, name, o.quick === true, true); printSummary(summary); });
}
program.command("cli-startup").description("eddy --help / --version / check start-up vs node -e 0 (budget: --help under 300 ms)")
  .option("--quick", "fewer rounds").action((o) => {
    const rows = runCliStartup({ quick: o.quick === true });
    console.log(`saved ${saveCliStartup(rows, o.quick === true)}`);
    printCliStartup(rows);
  });
program.command("graph").description("Gelly kernels on R-MAT scale 20: PageRank vs scipy and graphology, connected components vs igraph and scipy, PageRank on the vertex-centric model vs the kernel and on the worker pool vs scipy, clustering kernels (goals ≥ 0.5× scipy, ≥ 1× scipy on the pool, ≥ 20× graphology, ≥ 5× igraph, ≤ 3× the kernel)").option("--scale <n>", "log2 vertices (default 20; --quick 16; results then go to graph-quick.json)").option("--graphology-scale <n>", "scale of the graphology comparison (default scale - 4)").option("--clustering-scale <n>", "scale of the clustering-kernel measurements (default 13, --quick 11; 0 skips; above 14 only the triangle kernels)").option("--quick").action(async (o) => { await graphFamily(o); printSummary(summary); });
program.command("ml").description("KMeans fit (1M × 100, k = 10, 10 Lloyd steps; goals ≥ 0.5× scikit-learn in one thread, ≥ 1× on 2 workers), LogisticRegression by SGD (goal ≥ 1× SGDClassifier), online learners (goal ≥ 1 M events/s, flat heap)").option("--quick", "100k points, shorter streams").option("--only <family>", "kmeans, sgd or online").action(async (o) => { await runMl({ quick: o.quick === true, ...(o.only !== undefined ? { only: o.only } : {}) }); printSummary(summary); });
program.command("cluster").description("Nexmark q5 and q8 on two TaskManager processes vs the same job on the pool's two workers (goal ≥ 0.8×; needs NATS at EDDY_NATS)").option("--events <n>", "events per run (default 1000000)").option("--rounds <n>", "measured rounds, median reported (default 3)").action(async (o) => {
  const { runClusterBench } = await import("./cluster/cluster.bench.js");
  await runClusterBench({ events: Number(o.events ?? 1_000_000), rounds: Number(o.rounds ?? 3) });
  printSummary(summary);
});
program.command("all", { isDefault: false }).description("every family (budget: 10 min, --quick 1 min, on 2 cores)")
  .option("--quick", "the quick variant of each").action(async (o) => {
    const quick = o.quick === true;
    await timed(summary, "nexmark", () => nexmarkFamily(summary, { quick }));
    await timed(summary, "peers", () => peersFamily(summary, quick));
    await timed(summary, "micro", () => microFamily(summary, quick));
    await timed(summary, "exchange", () => exchangeFamily(summary, { quick }));
    for (const name of ["fusion", "windows", "cep"] as const) await timed(summary, name, () => scriptFamily(summary, name, quick, false));
    const seconds = (performance.now() - STARTED) / 1000;
    console.log(`\nsaved ${saveResult(quick ? "run-quick" : "run", { seconds, families: summary.families, scripts: summary.scripts })}`);
    printSummary(summary);
  });
program.action(async () => {
  // No subcommand: a quick overview — the goal queries and the peers, quick.
  await nexmarkFamily(summary, { query: "q0,q1,q2,q5,q7,q8,q11", quick: true });
  await peersFamily(summary, true);
  printSummary(summary);
});

await program.parseAsync(process.argv);
