// The `eddy` command line: check, compile (TypeScript + bundle), run (on the embedded runtime) and explain .flow files.
// Exit codes: 0 ok, 1 diagnostics or a failed job, 2 bad usage.
// Start-up stays light (`eddy --help` in well under 0.3 s, `npm run bench -- cli-startup`): only commander and the
// package layout load eagerly; the compiler (ts-morph, TypeScript) and the bundler (esbuild) load when a command runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import type { CompileOptions, CompileResult } from "../compiler/compile.js";
import type { PlanFormat } from "../compiler/plan/print-plan.js";
import { packageJson } from "../compiler/bundle/package-layout.js";

const VERSION: string = packageJson().version;

/** The compiler, loaded on first use. */
async function compile(source: string, fileName: string, options: CompileOptions): Promise<CompileResult> {
  const compiler = await import("../compiler/compile.js");
  return compiler.compile(source, fileName, options);
}

/** A usage problem: one line on stderr, exit 2. */
class UsageError extends Error {}

function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

/** Prints diagnostics (colour on a terminal); true when there is no error. */
async function report(result: CompileResult): Promise<boolean> {
  const { formatDiagnostics } = await import("../compiler/diagnostics/format.js");
  const text = formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f), { color: process.stderr.isTTY === true });
  if (text !== "") process.stderr.write(text);
  return result.ok;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

async function runCommand(file: string, options: { fuse: boolean; job?: string; parallelism?: number; progress: boolean; checkpointDir?: string }): Promise<number> {
  const source = readSource(file);
  const result = await compile(source, file, { fuse: options.fuse });
  if (!(await report(result))) return 1;
  if (options.job !== undefined && !result.plan!.jobs.some((j) => j.name === options.job)) {
    throw new UsageError(`no job \`${options.job}\` in ${file} (jobs: ${result.plan!.jobs.map((j) => j.name).join(", ")})`);
  }
  // Compile in memory: bundle the generated code with the runtime and load it as a module of this process.
  const { bundleJob } = await import("../compiler/bundle/bundle.js");
  const js = await bundleJob({ files: result.files, outDir: result.options.outDir });
  const dir = mkdtempSync(join(tmpdir(), "eddy-run-"));
  const entry = join(dir, "job.mjs");
  writeFileSync(entry, js);
  try {
    const module = (await import(pathToFileURL(entry).href)) as { jobs: Record<string, (o?: object) => unknown> };
    const support = await import("../compiler/runtime-support/main.js");
    await support.runMain(module.jobs as never, {
      ...(options.job === undefined ? {} : { job: options.job }),
      progress: options.progress && process.stderr.isTTY === true,
      run: { ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }), ...(options.checkpointDir === undefined ? {} : { checkpointDir: options.checkpointDir }) },
    });
    return 0;
  } catch (e) {
    process.stderr.write(`${pc.red("job failed:")} ${(e as Error).message}\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("eddy")
    .description("Compile and run .flow stream processing jobs")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(s.split("\n")[0] + "\n") });

  program.command("check").description("parse and type-check a .flow file; print its diagnostics").argument("<file>", ".flow file")
    .action(async (file: string) => {
      const result = await compile(readSource(file), file, { fuse: false, until: "analyse" });
      exitCode = (await report(result)) ? 0 : 1;
      if (exitCode === 0) process.stderr.write(`${file}: ok\n`);
    });

  program.command("compile").description("compile a .flow file to TypeScript and a self-contained bundle").argument("<file>", ".flow file")
    .requiredOption("-o, --out <dir>", "output directory (gets src/, index.js, index.d.ts, manifest.json)")
    .option("--no-fuse", "interpreted operators (debugging; the benchmark baseline)")
    .action(async (file: string, options: { out: string; fuse: boolean }) => {
      const out = resolve(options.out);
      const result = await compile(readSource(file), file, { fuse: options.fuse, outDir: join(out, "src") });
      if (!(await report(result))) {
        exitCode = 1;
        return;
      }
      const { writeBundle } = await import("../compiler/bundle/write-bundle.js");
      const manifest = await writeBundle(result, out, VERSION);
      process.stderr.write(`${file} → ${options.out}: ${manifest.jobs.length} job(s), index.js, index.d.ts, manifest.json\n`);
    });

  program.command("run").description("compile in memory and run on the embedded runtime").argument("<file>", ".flow file")
    .option("-j, --job <name>", "run only this job")
    .option("-p, --parallelism <n>", "override the job's parallelism", positiveInt)
    .option("--checkpoint-dir <dir>", "store checkpoints in this directory")
    .option("--no-fuse", "interpreted operators (debugging; the benchmark baseline)")
    .option("--no-progress", "no live progress line")
    .action(async (file: string, options: { job?: string; parallelism?: number; fuse: boolean; progress: boolean; checkpointDir?: string }) => {
      exitCode = await runCommand(file, options);
    });

  program.command("explain").description("print the job graph before and after optimisation, and the fusion report").argument("<file>", ".flow file")
    .addOption(new Option("-f, --format <format>", "plan format").choices(["text", "dot", "mermaid"]).default("text"))
    .option("--no-fuse", "show the interpreted plan")
    .action(async (file: string, options: { format: PlanFormat; fuse: boolean }) => {
      const source = readSource(file);
      const result = await compile(source, file, { fuse: options.fuse });
      if (!(await report(result))) {
        exitCode = 1;
        return;
      }
      const { printFusionReport, printPlan } = await import("../compiler/plan/print-plan.js");
      const { LineMap } = await import("../compiler/diagnostics/line-map.js");
      const lines = options.format === "text" ? new LineMap(source) : null;
      const out = [
        options.format === "text" ? "== plan (as written) ==" : "%% plan (as written)",
        printPlan(result.unoptimised!, options.format, lines),
        options.format === "text" ? "\n== plan (optimised) ==" : "\n%% plan (optimised)",
        printPlan(result.plan!, options.format, lines),
      ];
      if (options.format === "text") out.push("\n== fusion ==", printFusionReport(result.plan!));
      process.stdout.write(`${out.join("\n")}\n`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here too, successfully.
      return e.exitCode === 0 || e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`eddy: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
