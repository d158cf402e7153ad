// The `eddy` command line: check, compile (TypeScript + bundle), run (on the embedded runtime) and explain .flow files;
// `eddy sql` runs Flink SQL statements (bin/sql-command.ts).
// Exit codes: 0 ok, 1 diagnostics or a failed job, 2 bad usage (one line on stderr), 130 interrupted by Ctrl-C.
// The compiler, esbuild and the runtime load inside the command that needs them, so `eddy --help` starts fast.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { CompileResult } from "../compiler/compile.js";
import type { PlanFormat } from "../compiler/plan/print-plan.js";

import { packageJson } from "../compiler/bundle/package-layout.js";
import { registerClientCommands } from "./commands/register-client-commands.js";
import { addDefine, DefineError } from "./sql/parse-define.js";

const VERSION: string = packageJson().version;

/** A usage problem: one line on stderr, exit 2. */
class UsageError extends Error {}

/** Colour on a terminal; NO_COLOR (https://no-color.org) turns it off, FORCE_COLOR (not `0`) on, overriding NO_COLOR. */
export function useColor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true;
}

/** What went wrong with a file, in a few words (no stack, no errno jargon beyond the essentials). */
function fsProblem(e: unknown): string {
  const error = e as NodeJS.ErrnoException;
  switch (error.code) {
    case "ENOENT": return "no such file or directory";
    case "EISDIR": return "is a directory, not a file";
    case "ENOTDIR": return "a part of the path is a file, not a directory";
    case "EACCES": case "EPERM": return "permission denied";
    case "EEXIST": return "already exists";
    default: return error.message;
  }
}

/** The first line of an esbuild failure that says what is wrong (its message starts with a count). */
function bundleProblem(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split("\n");
  return lines.find((l) => l.trim() !== "" && !/^Build failed/.test(l))?.trim() ?? "esbuild failed";
}

function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${fsProblem(e)}`);
  }
}

/** Prints diagnostics (colour on a terminal, see useColor); true when there is no error. */
async function report(result: CompileResult): Promise<boolean> {
  const { formatDiagnostics } = await import("../compiler/diagnostics/format.js");
  const text = formatDiagnostics(result.check.diagnostics, (f) => result.check.sources.get(f), { color: useColor(process.stderr) });
  if (text !== "") process.stderr.write(text);
  return result.ok;
}

/** Compiles a `.flow` file, or a Flink SQL script (`.sql`, its `${KEY}` placeholders from `defines`). */
async function compileFile(file: string, options: { fuse: boolean; format?: boolean; outDir?: string; until?: "analyse"; defines?: Readonly<Record<string, string>> }): Promise<CompileResult & { source: string }> {
  const source = readSource(file);
  if (isSqlFile(file)) {
    const { compileSql } = await import("../compiler/sql/compile-sql.js");
    return { ...compileSql(source, file, { ...options, defines: options.defines ?? {} }), source };
  }
  if (options.defines !== undefined && Object.keys(options.defines).length > 0) throw new UsageError(`--define: ${file} is not a SQL script (.sql); .flow files have no placeholders`);
  const { compile } = await import("../compiler/compile.js");
  return { ...compile(source, file, options), source };
}

/** `-D, --define KEY=VALUE` of the commands that take SQL scripts (repeatable, collected by defineOption). */
function defineFlag(): Option {
  return new Option("-D, --define <KEY=VALUE>", "value of a ${KEY} placeholder in a SQL script (repeatable)").argParser(defineOption);
}

function isSqlFile(file: string): boolean {
  return file.toLowerCase().endsWith(".sql");
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError("expected a port number (0 to 65535)");
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a number of records (0 or more)");
  return n;
}

/** `--define KEY=VALUE`, repeatable: the values so far plus this one (bin/sql/parse-define.ts). */
function defineOption(value: string, previous: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  try {
    return addDefine(value, previous);
  } catch (e) {
    if (e instanceof DefineError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

/**
 * The checkpoint or savepoint to restore: `path` itself when it is a `chk-<id>` directory, else the newest completed
 * `chk-<id>` inside it (so `--restore` takes the `--checkpoint-dir` of the stopped run).
 */
export function resolveRestorePath(path: string): string {
  const dir = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new UsageError(`--restore ${path}: ${fsProblem(e)}`);
  }
  if (!isDir) throw new UsageError(`--restore ${path}: not a directory (give a checkpoint directory or a chk-<id> in it)`);
  if (/^chk-\d+$/.test(basename(dir))) {
    if (!existsSync(join(dir, "_metadata"))) throw new UsageError(`--restore ${path}: not a completed checkpoint or savepoint (no _metadata)`);
    return dir;
  }
  const completed = readdirSync(dir)
    .map((name) => /^chk-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && existsSync(join(dir, m[0], "_metadata")))
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  if (completed.length === 0) throw new UsageError(`--restore ${path}: no completed checkpoint or savepoint in it (expected chk-<id>/_metadata)`);
  return join(dir, completed[0]![0]);
}

interface RunCommandOptions {
  readonly fuse: boolean;
  readonly define?: Readonly<Record<string, string>>;
  readonly job?: string;
  readonly parallelism?: number;
  readonly workers?: number;
  readonly progress: boolean;
  readonly checkpointDir?: string;
  readonly restore?: string;
  readonly savepointDir?: string;
  readonly limit?: number;
  readonly quiet?: boolean;
}

/**
 * Loads a bundle as a module of this process (compiler/bundle/import-bundle.ts: its file stays while the jobs run, for
 * the pool's workers and the PostgreSQL sink's data connection, and goes as the process exits however it ends).
 */
async function importJobs(js: string): Promise<{ module: { jobs: Record<string, (o?: object) => unknown> }; dispose: () => void }> {
  // why: Ctrl-C while the bundle loads (before runMain handles signals) ends the run at once
  const interrupted = () => {
    process.stderr.write("\n");
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  try {
    const { importBundle } = await import("../compiler/bundle/import-bundle.js");
    return await importBundle<{ jobs: Record<string, (o?: object) => unknown> }>(js, "eddy-run-");
  } finally {
    process.off("SIGINT", interrupted);
  }
}

async function runCommand(file: string, options: RunCommandOptions): Promise<number> {
  // why unformatted: only the bundler reads what `run` generates
  const result = await compileFile(file, { fuse: options.fuse, format: false, ...(options.define === undefined ? {} : { defines: options.define }) });
  if (!(await report(result))) return 1;
  const jobs = result.plan!.jobs;
  if (options.job !== undefined && !jobs.some((j) => j.name === options.job)) {
    throw new UsageError(`no job \`${options.job}\` in ${file} (jobs: ${jobs.map((j) => j.name).join(", ")})`);
  }
  const selected = options.job === undefined ? jobs : jobs.filter((j) => j.name === options.job);
  for (const flag of ["checkpointDir", "savepointDir"] as const) {
    const plain = selected.find((j) => j.settings.checkpoint === null);
    if (options[flag] !== undefined && plain !== undefined) {
      throw new UsageError(`--${flag === "checkpointDir" ? "checkpoint" : "savepoint"}-dir: job \`${plain.name}\` does not checkpoint (add \`checkpoint every 10s\` to it)`);
    }
  }
  if (options.restore !== undefined && selected.length > 1) {
    throw new UsageError(`--restore: ${file} has ${selected.length} jobs; pick the one to resume with -j (${selected.map((j) => j.name).join(", ")})`);
  }
  const restoreFrom = options.restore === undefined ? undefined : resolveRestorePath(options.restore);
  // Compile in memory: bundle the generated code and load it as a module of this process, on the runtime this process
  // runs (runMain's) — not a second copy inside the bundle.
  const { bundleJob } = await import("../compiler/bundle/bundle.js");
  let js: string;
  try {
    js = await bundleJob({ files: result.files, outDir: result.options.outDir, runtime: "shared" });
  } catch (e) {
    throw new UsageError(`cannot bundle ${file}: ${bundleProblem(e)}`);
  }
  const { module, dispose } = await importJobs(js);
  const { runMain } = await import("../runtime/support/main.js");
  const outcome = await runMain(module.jobs as never, {
    ...(options.job === undefined ? {} : { job: options.job }),
    progress: options.progress && process.stderr.isTTY === true,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    ...(options.quiet === true ? { quiet: true } : {}),
    ...(options.savepointDir === undefined ? {} : { savepointDir: resolve(options.savepointDir) }),
    run: {
      ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.checkpointDir === undefined ? {} : { checkpointDir: resolve(options.checkpointDir) }),
      ...(restoreFrom === undefined ? {} : { restoreFrom }),
    },
  }).finally(dispose);
  return outcome.exitCode;
}

async function checkCommand(files: readonly string[], defines?: Readonly<Record<string, string>>): Promise<number> {
  let exitCode = 0;
  for (const file of files) {
    let result: CompileResult;
    try {
      result = await compileFile(file, { fuse: false, until: "analyse", ...(defines === undefined || !isSqlFile(file) ? {} : { defines }) });
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      process.stderr.write(`eddy: ${e.message}\n`);
      exitCode = 2;
      continue;
    }
    if (await report(result)) process.stderr.write(`${file}: ok\n`);
    else exitCode = Math.max(exitCode, 1);
  }
  return exitCode;
}

async function compileCommand(file: string, options: { out: string; fuse: boolean; define?: Readonly<Record<string, string>> }): Promise<number> {
  const out = resolve(options.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`-o ${options.out}: is a file; give a directory (it gets src/, index.js, index.d.ts, manifest.json)`);
  const result = await compileFile(file, { fuse: options.fuse, outDir: join(out, "src"), ...(options.define === undefined ? {} : { defines: options.define }) });
  if (!(await report(result))) return 1;
  const { writeBundle } = await import("../compiler/bundle/write-bundle.js");
  let manifest: Awaited<ReturnType<typeof writeBundle>>;
  try {
    manifest = await writeBundle(result, out, VERSION);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (typeof error.code === "string" && typeof error.path === "string") throw new UsageError(`cannot write ${error.path}: ${fsProblem(e)}`);
    throw new UsageError(`cannot bundle ${file}: ${bundleProblem(e)}`);
  }
  process.stderr.write(`${file} → ${options.out}: ${manifest.jobs.length} job(s), index.js, index.d.ts, manifest.json\n`);
  return 0;
}

async function explainCommand(file: string, options: { format: PlanFormat; fuse: boolean; define?: Readonly<Record<string, string>> }): Promise<number> {
  const result = await compileFile(file, { fuse: options.fuse, ...(options.define === undefined ? {} : { defines: options.define }) });
  if (!(await report(result))) return 1;
  const { printFusionReport, printPlans } = await import("../compiler/plan/print-plan.js");
  const { LineMap } = await import("../compiler/diagnostics/line-map.js");
  const lines = options.format === "text" ? new LineMap(result.source) : null;
  let text = printPlans(result.unoptimised!, result.plan!, options.format, lines);
  // A SQL script: first the .flow program it was translated into (what the plans below are built from).
  if (options.format === "text" && isSqlFile(file) && result.check.program !== undefined) {
    const { printProgram } = await import("../compiler/ast/print.js");
    text = `== .flow (the SQL as translated) ==\n${printProgram(result.check.program).trimEnd()}\n\n${text}`;
  }
  if (options.format === "text") text += `\n\n== fusion ==\n${printFusionReport(result.plan!)}`;
  process.stdout.write(`${text}\n`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command("eddy")
    .description("Compile and run .flow stream processing jobs")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(s.split("\n")[0] + "\n") });

  program.command("check").description("parse and type-check .flow files and SQL scripts; print their diagnostics").argument("<files...>", ".flow or .sql files")
    .addOption(defineFlag())
    .action(async (files: string[], options: { define?: Readonly<Record<string, string>> }) => {
      exitCode = await checkCommand(files, options.define);
    });

  program.command("compile").description("compile a .flow file or SQL script to TypeScript and a self-contained bundle").argument("<file>", ".flow or .sql file")
    .requiredOption("-o, --out <dir>", "output directory (gets src/, index.js, index.d.ts, manifest.json)")
    .option("--no-fuse", "interpreted operators (debugging; the benchmark baseline)")
    .addOption(defineFlag())
    .action(async (file: string, options: { out: string; fuse: boolean; define?: Readonly<Record<string, string>> }) => {
      exitCode = await compileCommand(file, options);
    });

  program.command("run").description("compile in memory and run on the embedded runtime").argument("<file>", ".flow or .sql file")
    .option("-j, --job <name>", "run only this job")
    .addOption(defineFlag())
    .option("-p, --parallelism <n>", "override the job's parallelism", positiveInt)
    .option("-w, --workers <n>", "worker threads of the pool (default: EDDY_WORKERS, else one per core; 1: the calling thread)", positiveInt)
    .option("--checkpoint-dir <dir>", "store checkpoints in this directory (they stay after the run, for --restore)")
    .option("-s, --restore <dir>", "resume from a savepoint or retained checkpoint (a chk-<id> directory, or the newest in a --checkpoint-dir)")
    .option("--savepoint-dir <dir>", "where `kill -USR2 <pid>` takes a savepoint of the running job (its path is printed)")
    .option("--limit <n>", "print at most n records of each collect() sink (and how many were omitted)", count)
    .option("-q, --quiet", "print no records, only the summary")
    .option("--no-fuse", "interpreted operators (debugging; the benchmark baseline)")
    .option("--no-progress", "no live progress line")
    .addHelpText("after", "\nCtrl-C cancels the job (exit 130; a second Ctrl-C exits at once). A reader that closes the output (| head) ends the run quietly (exit 0).")
    .action(async (file: string, options: RunCommandOptions) => {
      exitCode = await runCommand(file, options);
    });

  program.command("explain").description("print the job graph before and after optimisation, and the fusion report (SQL: also the .flow it reads as)").argument("<file>", ".flow or .sql file")
    .addOption(new Option("-f, --format <format>", "plan format (dot: one Graphviz digraph; mermaid: one document per plan)").choices(["text", "dot", "mermaid"]).default("text"))
    .option("--no-fuse", "show the interpreted plan")
    .addOption(defineFlag())
    .action(async (file: string, options: { format: PlanFormat; fuse: boolean; define?: Readonly<Record<string, string>> }) => {
      exitCode = await explainCommand(file, options);
    });

  program.command("sql").description("run Flink SQL statements like Flink's SQL client: from files, -e, or at a prompt")
    .option("-f, --file <file>", "run the statements of this file (repeatable: the files run in order, in one session)", (file: string, files: string[] = []) => [...files, file])
    .option("-e, --execute <statements>", "run these statements (after the -f files)")
    .option("-D, --define <KEY=VALUE>", "value of the ${KEY} placeholders in the statements (repeatable)", defineOption)
    .option("-p, --parallelism <n>", "parallelism of the jobs (as SET 'parallelism.default')", positiveInt)
    .option("-w, --workers <n>", "worker threads of the pool (default: EDDY_WORKERS, else one per core; 1: the calling thread)", positiveInt)
    .option("--limit <n>", "stop each SELECT after n rows (for unbounded sources)", positiveInt)
    .addOption(new Option("--mode <mode>", "how SELECT results show (Flink's sql-client.execution.result-mode; default: table on a terminal, else tableau)").choices(["table", "changelog", "tableau"]))
    .option("--no-fuse", "interpreted operators (debugging; the benchmark baseline)")
    .addHelpText("after", "\nWithout -f or -e, statements are read at the prompt `eddy sql>` (HELP; lists the commands, QUIT; or Ctrl-D leaves).\nCtrl-C cancels the running statement (exit 130 for -f/-e).")
    .action(async (options: { file?: string[]; execute?: string; define?: Readonly<Record<string, string>>; parallelism?: number; workers?: number; limit?: number; mode?: "table" | "changelog" | "tableau"; fuse: boolean }) => {
      const { SqlUsageError, sqlCommand } = await import("./sql-command.js");
      try {
        exitCode = await sqlCommand({ ...options, color: useColor(process.stderr) });
      } catch (e) {
        if (e instanceof SqlUsageError) throw new UsageError(e.message);
        throw e;
      }
    });

  program.command("jobmanager").description("run a JobManager: the REST API, job submission, and with NATS the job store and HA leadership")
    .option("--rest-port <port>", "port of the REST API (0: any free port)", port, 8081)
    .option("--rest-address <address>", "address the REST API binds to (other than loopback needs --rest-token)", "127.0.0.1")
    .option("--rest-token <token>", "bearer token REST clients must send (default: EDDY_REST_TOKEN)")
    .option("--nats <servers>", "NATS servers with JetStream, comma-separated", "127.0.0.1:4222")
    .option("--no-nats", "run without NATS: no job store, no TaskManagers, no HA")
    .option("--nats-replicas <n>", "copies NATS keeps of the cluster's buckets (3 on a 3-node NATS cluster: survives a node's death)", positiveInt, 1)
    .option("--cluster-id <id>", "names the cluster's NATS buckets and default checkpoint directory", "default")
    .option("--checkpoint-dir <dir>", "the cluster's checkpoint root, shared by its JobManagers (default: $TMPDIR/eddy-<cluster-id>/checkpoints)")
    .option("--max-upload-mb <n>", "largest bundle POST /jars/upload accepts, MiB", positiveInt, 64)
    .addHelpText("after", "\nRuns until SIGTERM or Ctrl-C; its jobs are then suspended and a standby (or the next JobManager) takes them over.")
    .action(async (options: { restPort: number; restAddress: string; restToken?: string; nats: string | false; natsReplicas: number; clusterId: string; checkpointDir?: string; maxUploadMb: number }) => {
      const { JobManagerStartError, runJobManager } = await import("./jobmanager-command.js");
      try {
        exitCode = await runJobManager(options);
      } catch (e) {
        if (e instanceof JobManagerStartError) throw new UsageError(e.message);
        throw e;
      }
    });

  program.command("taskmanager").description("run a TaskManager: register with the cluster on NATS and run the subtasks the JobManager deploys to its slots")
    .option("-s, --slots <n>", "slots = worker threads (default: one per core)", positiveInt)
    .option("--nats <servers>", "NATS servers with JetStream, comma-separated", process.env.EDDY_NATS || "127.0.0.1:4222")
    .option("--cluster-id <id>", "the cluster to join (names its NATS buckets)", process.env.EDDY_CLUSTER_ID || "default")
    .option("--host <address>", "the address its control and data servers bind to and announce", "127.0.0.1")
    .option("--nats-replicas <n>", "copies NATS keeps of the cluster's buckets (as the JobManager's --nats-replicas)", positiveInt, 1)
    .action(async (options: { slots?: number; nats: string; clusterId: string; host: string; natsReplicas: number }) => {
      const { taskManagerCommand } = await import("./taskmanager-command.js");
      exitCode = await taskManagerCommand(options);
    });

  registerClientCommands(program, (code) => {
    exitCode = code;
  });

  // why: a closed pipe (`eddy explain x.flow | head -3`) is the reader being done, not an error (`run` also cancels)
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") return;
    process.stderr.write(`eddy: cannot write to stdout: ${e.message}\n`);
    process.exitCode = 1;
  });
  try {
    if (argv.length === 0) {
      // why: no command is a usage error — the help goes where errors go, and the exit status says so
      process.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here too, successfully.
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || (e.code === "commander.help" && e.exitCode === 0) ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`eddy: ${e.message}\n`);
      return 2;
    }
    // why: a bug in eddy still ends with one line; EDDY_DEBUG=1 shows where
    process.stderr.write(`eddy: internal error: ${(e as Error)?.message ?? String(e)}${process.env.EDDY_DEBUG ? `\n${(e as Error)?.stack}` : " (EDDY_DEBUG=1 shows the stack)"}\n`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
