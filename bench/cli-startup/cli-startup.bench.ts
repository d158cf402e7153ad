// How long the `eddy` CLI takes to start, as wall time of whole processes, against the start-up of node itself
// (`node -e 0`) measured in the same rounds. Budget: `eddy --help` of an installed package under 300 ms.
//   npm run bench -- cli-startup [--quick]
// The installed layout is reproduced without npm: a copy of the bin/eddy.js launcher beside a link to the built lib/
// (no bin/eddy.ts next to it, so it runs the compiled CLI as it does under node_modules/eddy).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDDY_ROOT } from "../../compiler/compile.js";
import { saveResult } from "../harness.js";

/** The budget of `eddy --help` (installed), in milliseconds. */
export const HELP_BUDGET_MS = 300;

export interface StartupRow {
  readonly name: string;
  readonly command: string;
  /** Median wall time of the runs, ms. */
  readonly medianMs: number;
  readonly minMs: number;
  /** Median over the baseline's median (node -e 0). */
  readonly vsBaseline: number;
  /** Median CPU time (user + system) of the process, ms, and its ratio to the baseline's. */
  readonly cpuMedianMs: number;
  readonly cpuVsBaseline: number;
  readonly runsMs: readonly number[];
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** lib/ as `npm run build:lib` leaves it, rebuilt when a source is newer (the figures must be of this code). */
function ensureBuilt(): void {
  const built = join(EDDY_ROOT, "lib", "bin", "eddy.js");
  const sources = Math.max(...["runtime", "cep", "compiler", "bin"].map((d) => newestMtime(join(EDDY_ROOT, d))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log("lib/ is missing or older than the sources: npm run build:lib");
  const r = spawnSync("npm", ["run", "build:lib"], { cwd: EDDY_ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build:lib failed");
}

/** A directory laid out like node_modules/eddy: package.json, bin/eddy.js (the launcher), lib → the built lib/. */
function installedLayout(dir: string): string {
  const pkg = join(dir, "eddy");
  mkdirSync(join(pkg, "bin"), { recursive: true });
  copyFileSync(join(EDDY_ROOT, "package.json"), join(pkg, "package.json"));
  copyFileSync(join(EDDY_ROOT, "bin", "eddy.js"), join(pkg, "bin", "eddy.js"));
  symlinkSync(join(EDDY_ROOT, "lib"), join(pkg, "lib"));
  return join(pkg, "bin", "eddy.js");
}

/**
 * Prints the process's CPU time (user + system) when it exits: with two cores shared by other work, wall time mostly
 * measures the queue, CPU time what the process itself does.
 */
const CPU_PROBE = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\n@cpu "+(u.user+u.system)/1000+"\\n")})`;

function timed(args: readonly string[]): { wallMs: number; cpuMs: number } {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [`--import=${CPU_PROBE}`, ...args], { cwd: EDDY_ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  const wallMs = Number(process.hrtime.bigint() - began) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const cpu = /@cpu ([\d.]+)/.exec(r.stderr);
  if (cpu === null) throw new Error(`node ${args.join(" ")}: no CPU time reported`);
  return { wallMs, cpuMs: Number(cpu[1]) };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function runCliStartup(options: { quick: boolean }): StartupRow[] {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "eddy-cli-startup-"));
  try {
    const installed = installedLayout(dir);
    const wordcount = join(EDDY_ROOT, "dsl-examples", "wordcount", "wordcount.flow");
    const cases: { name: string; args: string[] }[] = [
      { name: "baseline: node -e 0", args: ["-e", "0"] },
      { name: "eddy --help (installed)", args: [installed, "--help"] },
      { name: "eddy --version (installed)", args: [installed, "--version"] },
      { name: "eddy check wordcount.flow (installed)", args: [installed, "check", wordcount] },
      { name: "import the compiler and bundler (compiled)", args: ["--input-type=module", "-e", `await import(${JSON.stringify(join(EDDY_ROOT, "lib", "compiler", "api.js"))})`] },
      { name: "eddy --help (checkout, through tsx)", args: [join(EDDY_ROOT, "bin", "eddy.js"), "--help"] },
    ];
    const rounds = options.quick ? 5 : 15;
    const runs = cases.map(() => [] as number[]);
    const cpu = cases.map(() => [] as number[]);
    // One untimed round warms the file cache; then the cases alternate so that load on the machine hits all alike.
    for (const c of cases) timed(c.args);
    for (let round = 0; round < rounds; round++) {
      cases.forEach((c, i) => {
        const t = timed(c.args);
        runs[i]!.push(t.wallMs);
        cpu[i]!.push(t.cpuMs);
      });
    }
    const baseline = median(runs[0]!);
    const cpuBaseline = median(cpu[0]!);
    return cases.map((c, i) => ({
      name: c.name,
      command: `node ${c.args.map((a) => a.replace(dir, "<installed>").replace(EDDY_ROOT, "")).join(" ")}`,
      medianMs: median(runs[i]!),
      minMs: Math.min(...runs[i]!),
      vsBaseline: median(runs[i]!) / baseline,
      cpuMedianMs: median(cpu[i]!),
      cpuVsBaseline: median(cpu[i]!) / cpuBaseline,
      runsMs: runs[i]!.map((ms) => Math.round(ms * 10) / 10),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printCliStartup(rows: readonly StartupRow[]): void {
  console.log("\nCLI start-up (wall time of whole processes)");
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${"".padEnd(width)}  ${"wall median".padStart(11)}  ${"wall min".padStart(9)}  ${"vs node -e 0".padStart(12)}  ${"CPU median".padStart(10)}  ${"vs node -e 0".padStart(12)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${`${r.medianMs.toFixed(0)} ms`.padStart(11)}  ${`${r.minMs.toFixed(0)} ms`.padStart(9)}  ${`${r.vsBaseline.toFixed(2)}×`.padStart(12)}  ${`${r.cpuMedianMs.toFixed(0)} ms`.padStart(10)}  ${`${r.cpuVsBaseline.toFixed(2)}×`.padStart(12)}`);
  }
  const help = rows.find((r) => r.name === "eddy --help (installed)");
  if (help !== undefined) console.log(`eddy --help (installed): best ${help.minMs.toFixed(0)} ms, median ${help.medianMs.toFixed(0)} ms wall; budget ${HELP_BUDGET_MS} ms — ${withinBudget(help) ? "within" : "OVER"} budget (judged on the best run: the others waited for the CPU)`);
}

/** The best run is the one least delayed by other processes on the machine. */
const withinBudget = (help: StartupRow) => help.minMs < HELP_BUDGET_MS;

export function saveCliStartup(rows: readonly StartupRow[], quick: boolean): string {
  const help = rows.find((r) => r.name === "eddy --help (installed)");
  return saveResult(quick ? "cli-startup-quick" : "cli-startup", { budgetMs: HELP_BUDGET_MS, helpWithinBudget: help !== undefined && withinBudget(help), rows });
}
