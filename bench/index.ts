// `npm run bench`: the benchmark harness. Subcommands run one family (nexmark, peers, micro, and the existing fusion,
// windows and cep benchmarks in their own processes); `all` runs everything; no subcommand gives a quick overview.
// Results go to bench/results/*.json with machine information; a summary table is printed at the end.
//   npm run bench -- nexmark --query q5 --events 2000000
//   npm run bench -- all --quick
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Command } from "commander";
import { EDDY_ROOT } from "../compiler/compile.js";
import { printNexmarkTable, runNexmark, saveNexmark, type QueryResult } from "./nexmark/nexmark.bench.js";
import { QUERIES, type QueryName } from "./nexmark/queries.js";
import { printPeers, runPeers, savePeers, type PeerRow } from "./peers/peers.bench.js";
import { runMicro, saveMicro, type MicroRow } from "./micro/micro.bench.js";

/** What a run collected, printed together at the end. */
interface Summary {
  nexmark?: QueryResult[];
  peers?: PeerRow[];
  micro?: MicroRow[];
  scripts: { name: string; ok: boolean; seconds: number }[];
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

async function nexmarkFamily(summary: Summary, opts: { query?: string; events?: string; quick?: boolean }): Promise<void> {
  console.log("\n── nexmark ──");
  const quick = opts.quick === true;
  const queries = parseQueries(opts.query);
  const results = await runNexmark({ ...(queries === undefined ? {} : { queries }), ...(opts.events === undefined ? {} : { events: Number(opts.events) }), quick });
  summary.nexmark = results;
  console.log(`saved ${saveNexmark(results, quick)}`);
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

function printSummary(summary: Summary): void {
  console.log("\n════════ summary ════════");
  if (summary.nexmark !== undefined) printNexmarkTable(summary.nexmark);
  if (summary.peers !== undefined) printPeers(summary.peers);
  if (summary.micro !== undefined) {
    console.log("\nMicro-benchmarks (records/s)");
    for (const r of summary.micro) console.log(`${r.name.padEnd(55)} ${(r.perSecond / 1e6).toFixed(2).padStart(8)} M/s ±${r.rme.toFixed(1)}%`);
  }
  for (const s of summary.scripts) console.log(`${s.name.padEnd(10)} ${s.ok ? "ok" : "FAILED"} in ${s.seconds.toFixed(1)} s`);
}

const program = new Command("bench").description("Eddy benchmarks; JSON results under bench/results/");
const summary: Summary = { scripts: [] };

program.command("nexmark").description("Nexmark queries, events/s per core with the generator and engine-only")
  .option("--query <q>", "one query or a comma-separated list (q0 … q22)")
  .option("--events <n>", "events per run (default 1,000,000; 200,000 with --quick)")
  .option("--quick", "fewer events and repeats")
  .action(async (o) => { await nexmarkFamily(summary, o); printSummary(summary); });
program.command("peers").description("q0/q1/q2 and a keyed tumbling count vs RxJS, @most/core, Node streams, a loop")
  .option("--quick", "fewer bids and repeats").action(async (o) => { await peersFamily(summary, o.quick === true); printSummary(summary); });
program.command("micro").description("codec, keyed state, key normalisation, window assignment, watermarks")
  .option("--quick", "shorter runs").option("--only <text>", "only the rows whose name contains text (results not saved)")
  .action((o) => { microFamily(summary, o.quick === true, o.only); printSummary(summary); });
program.command("fusion").description("fused vs interpreted vs hand-written (bench/fusion)")
  .option("--quick").action((o) => { script(summary, "fusion", "bench/fusion/fusion.bench.ts", o.quick === true ? ["300000"] : []); printSummary(summary); });
program.command("windows").description("window operator throughput (bench/windows)")
  .option("--quick").action((o) => { script(summary, "windows", "bench/windows/window.bench.ts", o.quick === true ? ["300000"] : []); printSummary(summary); });
program.command("cep").description("CEP NFA throughput (bench/cep)")
  .option("--quick").action((o) => { script(summary, "cep", "bench/cep/nfa.bench.ts", o.quick === true ? ["200000"] : []); printSummary(summary); });
program.command("all", { isDefault: false }).description("every family")
  .option("--quick", "the quick variant of each").action(async (o) => {
    const quick = o.quick === true;
    await nexmarkFamily(summary, { quick });
    await peersFamily(summary, quick);
    microFamily(summary, quick);
    for (const [name, file, args] of [["fusion", "bench/fusion/fusion.bench.ts", quick ? ["300000"] : []], ["windows", "bench/windows/window.bench.ts", quick ? ["300000"] : []], ["cep", "bench/cep/nfa.bench.ts", quick ? ["200000"] : []]] as const) {
      script(summary, name, file, [...args]);
    }
    printSummary(summary);
  });
program.action(async () => {
  // No subcommand: a quick overview — the goal queries and the peers, quick.
  await nexmarkFamily(summary, { query: "q0,q1,q2,q5,q7,q8,q11", quick: true });
  await peersFamily(summary, true);
  printSummary(summary);
});

await program.parseAsync(process.argv);
