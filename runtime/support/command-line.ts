// The command line of a compiled bundle (`node dist/x/index.js [job] --parallelism 2 --file txns=today.jsonl`): which
// jobs run and with which RunOptions. A bad argument is one line and exit 2; a failed job one line and exit 1.
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { HandleView, RunOptions } from "./job.js";
import { runMain } from "./main.js";

/** A source or sink of a job, as the bundle's help shows it. */
export interface ConnectorDescription {
  readonly name: string;
  /** The record type's name in the generated types.ts. */
  readonly type: string;
  /** The connector, `file`, `stdout`, `nexmark`, … */
  readonly connector: string;
  /** The path a `file(…)` connector was declared with (relative paths as written). */
  readonly path?: string;
}

/** What `--help` lists for one job: where it is declared, its settings, its sources and sinks. */
export interface JobDescription {
  readonly name: string;
  /** `fraud.flow:20`. */
  readonly declared: string;
  readonly parallelism: number;
  /** Checkpoint interval; null when the job does not checkpoint. */
  readonly checkpointMs: number | null;
  readonly sources: readonly ConnectorDescription[];
  readonly sinks: readonly ConnectorDescription[];
}

/** The jobs of one compiled .flow file (generated into its index.ts). */
export interface ProgramDescription {
  readonly file: string;
  readonly jobs: readonly JobDescription[];
}

/** Where the command line writes; the process's streams unless a test captures them. */
export interface CommandLineIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /**
   * The process's own streams, when the jobs run as the program: then a full pipe holds the job back, a closed one
   * ends it quietly, and Ctrl-C / SIGTERM / SIGUSR2 are handled (see main.ts). Without them, output goes to out/err.
   */
  readonly streams?: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean } };
  /** Resolves relative paths (default: the working directory). */
  readonly cwd?: string;
  /** The program name in usage lines (default: `node <entry file>`). */
  readonly name?: string;
}

/** What a parsed command line asks for: run jobs, or exit now (help shown, or a usage error reported). */
export type Invocation =
  | { readonly kind: "run"; readonly job?: string; readonly progress: boolean; readonly run: RunOptions }
  | { readonly kind: "exit"; readonly code: number };

/** A usage problem found after commander parsed the arguments. */
class UsageError extends Error {}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

/** `name=value` options accumulate into a record (the later of two same names wins). */
function assignment(what: string) {
  return (value: string, previous: Record<string, string> = {}): Record<string, string> => {
    const eq = value.indexOf("=");
    if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError(`expected ${what}, e.g. txns=data/txns.jsonl`);
    return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
  };
}

function describeConnector(c: ConnectorDescription): string {
  return `${c.name}: ${c.type} = ${c.connector}${c.path === undefined ? "" : `("${c.path}")`}`;
}

/** The part of `--help` after the options: every job with its settings, sources and sinks. */
export function describeJobs(program: ProgramDescription): string {
  const lines = [`\nJobs of ${program.file} (without [job], each runs in turn):`];
  for (const job of program.jobs) {
    const checkpoints = job.checkpointMs === null ? "no checkpoints" : `checkpoints every ${job.checkpointMs} ms`;
    const parallelism = `parallelism ${job.parallelism}`;
    lines.push(`  ${job.name}  (${job.declared}; ${parallelism}, ${checkpoints})`);
    for (const s of job.sources) lines.push(`    source ${describeConnector(s)}`);
    for (const s of job.sinks) lines.push(`    sink   ${describeConnector(s)}`);
  }
  const files = program.jobs.flatMap((j) => [...j.sources, ...j.sinks]).filter((c) => c.connector === "file");
  if (files.length > 0) lines.push(`\n--file takes the name of a file source or sink: ${[...new Set(files.map((c) => c.name))].join(", ")}.`);
  return `${lines.join("\n")}\n`;
}

/** Parses `argv` (the arguments after the entry file) against the jobs of `program`. */
export function parseCommandLine(argv: readonly string[], program: ProgramDescription, io: CommandLineIO): Invocation {
  const names = program.jobs.map((j) => j.name);
  const hasNexmark = program.jobs.some((j) => j.sources.some((s) => s.connector === "nexmark"));
  const command = new Command(io.name ?? "node index.js")
    .description(`Runs the jobs of ${program.file}, compiled by eddy.`)
    .addArgument(new Argument("[job]", "the job to run (default: every job)").choices(names))
    .option("-p, --parallelism <n>", "override the parallelism of every operator", positiveInt)
    .option("-w, --workers <n>", "worker threads of the pool (default: EDDY_WORKERS, else one per core; 1: the calling thread)", positiveInt)
    .option("--checkpoint-dir <dir>", "store checkpoints in this directory (jobs with checkpoints)")
    .option("--restore <path>", "start from this savepoint or retained checkpoint")
    .option("--file <name=path>", "read or write the file source or sink <name> at <path> (repeatable)", assignment("name=path"))
    .option("--no-progress", "no live progress line (default: shown on a terminal)")
    .helpOption("-h, --help", "show this help, the jobs and their sources and sinks")
    .addHelpText("after", describeJobs(program))
    .allowExcessArguments(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (text, write) => write(`${text.split("\n")[0]}\n`) });
  if (hasNexmark) command.addOption(new Option("--nexmark <key=value>", "override a setting of every nexmark(…) generator, e.g. maxEvents=1000000 (repeatable)").argParser(assignment("key=value")));
  try {
    command.parse(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // --help exits through here too, successfully.
    return { kind: "exit", code: e.code === "commander.helpDisplayed" || e.code === "commander.help" ? 0 : 2 };
  }
  const options = command.opts<{ parallelism?: number; workers?: number; checkpointDir?: string; restore?: string; file?: Record<string, string>; nexmark?: Record<string, string>; progress: boolean }>();
  const job = command.processedArgs[0] as string | undefined;
  try {
    return { kind: "run", ...(job === undefined ? {} : { job }), progress: options.progress, run: runOptions(options, job === undefined ? program.jobs : program.jobs.filter((j) => j.name === job), io.cwd ?? process.cwd()) };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`error: ${e.message}\n`);
    return { kind: "exit", code: 2 };
  }
}

function runOptions(
  options: { parallelism?: number; workers?: number; checkpointDir?: string; restore?: string; file?: Record<string, string>; nexmark?: Record<string, string> },
  jobs: readonly JobDescription[],
  cwd: string,
): RunOptions {
  const run: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  if (options.parallelism !== undefined) run.parallelism = options.parallelism;
  if (options.workers !== undefined) run.workers = options.workers;
  if (options.checkpointDir !== undefined) {
    const plain = jobs.filter((j) => j.checkpointMs === null).map((j) => j.name);
    if (plain.length === jobs.length) throw new UsageError(`--checkpoint-dir: ${plain.map((n) => `\`${n}\``).join(", ")} ${plain.length === 1 ? "does" : "do"} not checkpoint (declare \`checkpoint every …\` in the job)`);
    run.checkpointDir = resolve(cwd, options.checkpointDir);
  }
  if (options.restore !== undefined) {
    const path = resolve(cwd, options.restore);
    if (!existsSync(path)) throw new UsageError(`--restore: no savepoint or checkpoint at ${options.restore}`);
    run.restoreFrom = path;
  }
  if (options.file !== undefined) {
    const known = new Set(jobs.flatMap((j) => [...j.sources, ...j.sinks]).filter((c) => c.connector === "file").map((c) => c.name));
    const files: Record<string, string> = {};
    for (const [name, path] of Object.entries(options.file)) {
      if (!known.has(name)) {
        throw new UsageError(`--file ${name}=…: no file source or sink \`${name}\`${known.size === 0 ? " in this job" : ` (file connectors: ${[...known].join(", ")})`}`);
      }
      files[name] = resolve(cwd, path);
    }
    run.files = files;
  }
  if (options.nexmark !== undefined) {
    run.nexmark = Object.fromEntries(Object.entries(options.nexmark).map(([k, v]) => [k, /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]));
  }
  return run;
}

// why `any`: each generated factory takes its own Options type (RunOptions plus typed sources and sinks)
type Factories = Readonly<Record<string, (options?: any) => { start(): HandleView }>>;

/** Parses the command line and runs the jobs; resolves to the exit code (0 ok, 1 a job failed, 2 bad usage). */
export async function runCommandLine(factories: Factories, program: ProgramDescription, argv: readonly string[], io: CommandLineIO): Promise<number> {
  const invocation = parseCommandLine(argv, program, io);
  if (invocation.kind === "exit") return invocation.code;
  const stdout = io.streams?.stdout ?? writingTo(io.out);
  const stderr = io.streams?.stderr ?? writingTo(io.err);
  // A failed job is one line naming it and the reason, and the jobs after it do not run (runMain).
  const outcome = await runMain(factories, {
    ...(invocation.job === undefined ? {} : { job: invocation.job }),
    progress: invocation.progress && stderr.isTTY === true,
    run: invocation.run,
    stdout,
    stderr,
    signals: io.streams !== undefined,
  });
  return outcome.exitCode;
}

/** A stream that hands every write to `write` and is never full. */
function writingTo(write: (text: string) => void): NodeJS.WritableStream & { readonly isTTY?: boolean } {
  const stream = {
    write: (chunk: string | Uint8Array) => {
      write(String(chunk));
      return true;
    },
    on: () => stream,
    once: () => stream,
    off: () => stream,
  };
  return stream as unknown as NodeJS.WritableStream;
}

/** The entry of a bundle executed with node: its command line on the process's arguments and streams. */
export async function runAsProgram(factories: Factories, program: ProgramDescription): Promise<void> {
  const entry = process.argv[1];
  // why: an error escaping every handler (a callback of a connector library) would otherwise end the program with a stack
  process.on("uncaughtException", (e) => {
    process.stderr.write(`error: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`);
    process.exit(1);
  });
  process.exitCode = await runCommandLine(factories, program, process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    streams: { stdout: process.stdout, stderr: process.stderr },
    ...(entry === undefined ? {} : { name: `node ${basename(entry)}` }),
  });
}
