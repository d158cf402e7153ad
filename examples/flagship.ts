// `npm start`: compiles the flagship fraud-detection program (dsl-examples/fraud/flagship.flow) in memory, runs it on
// the embedded runtime's worker pool (one worker and one subtask per core; EDDY_WORKERS=n changes it) over generated
// transactions with a live progress line that shows how busy each worker is, and prints what it found.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pc from "picocolors";
import { bundleJob } from "../compiler/bundle/bundle.js";
import { compile, EDDY_ROOT } from "../compiler/compile.js";
import { formatDiagnostics } from "../compiler/diagnostics/format.js";
import { printFusionReport } from "../compiler/plan/print-plan.js";
import { showProgress, summaryLine } from "../runtime/support/progress.js";
import type { JobHandle, RunOptions } from "../runtime/support/job.js";
import { defaultWorkers } from "../runtime/index.js";

interface Alert {
  account: string;
  total: number;
  n: number;
  windowEnd: number;
}

const file = join(EDDY_ROOT, "dsl-examples", "fraud", "flagship.flow");
const began = performance.now();
const result = compile(readFileSync(file, "utf8"), file);
if (!result.ok) {
  process.stderr.write(formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f), { color: process.stderr.isTTY }));
  process.exit(1);
}
// why shared: this process has the runtime loaded already (the progress display is part of it); the bundle is the job
const js = await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" });
const dir = mkdtempSync(join(tmpdir(), "eddy-flagship-"));
writeFileSync(join(dir, "flagship.mjs"), js);
const compiled = performance.now() - began;

const workers = defaultWorkers();
console.log(pc.bold(`Eddy — fraud detection on the embedded runtime, ${workers} worker${workers === 1 ? "" : "s"}`));
console.log(`compiled ${pc.cyan("dsl-examples/fraud/flagship.flow")} in ${compiled.toFixed(0)} ms; fusion:`);
console.log(printFusionReport(result.plan!).split("\n").slice(1).map((l) => pc.dim(l)).join("\n"));

const module = (await import(pathToFileURL(join(dir, "flagship.mjs")).href)) as {
  flagship: (options: RunOptions & { sinks: { alerts: (a: Alert) => void } }) => { start(): JobHandle };
};
const alerts: Alert[] = [];
// why parallelism = workers: the program declares no parallelism (1); a subtask per worker uses every core
const handle = module.flagship({ parallelism: workers, workers, sinks: { alerts: (a) => alerts.push(a) } }).start();
const stop = process.stderr.isTTY ? showProgress("flagship", handle) : () => {};
try {
  const run = await handle.result;
  stop();
  console.error(summaryLine(run));
} catch (e) {
  stop();
  console.error(pc.red(`job failed: ${(e as Error).message}`));
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const accounts = new Set(alerts.map((a) => a.account));
console.log(`\n${pc.bold(String(alerts.length))} alerts for ${pc.bold(String(accounts.size))} accounts; the ten largest:`);
for (const a of [...alerts].sort((x, y) => y.total - x.total).slice(0, 10)) {
  console.log(`  ${a.account.padEnd(14)} ${a.total.toFixed(2).padStart(10)} in ${String(a.n).padStart(3)} txns, window ending ${new Date(a.windowEnd).toISOString()}`);
}
