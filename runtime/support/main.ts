// Runs the jobs of a compiled .flow file as a program: the bundle's command line (`node dist/x/index.js`, see
// command-line.ts) and `eddy run` both land here.
import type { HandleView, RunOptions, RunResultView } from "./job.js";
import { SIGNAL_EXIT_CODE, watchJobSignals, type JobSignals, type StopReason } from "./job-signals.js";
import { showProgress, stoppedLine, summaryLine } from "./progress.js";

export interface MainOptions {
  /** Run only this job (default: every job, one after the other). */
  readonly job?: string;
  /** Show the live progress line (default: when stderr is a terminal). */
  readonly progress?: boolean;
  /** Print the records of `collect()` sinks and the summary (default true). */
  readonly report?: boolean;
  /** Print at most this many records of each `collect()` sink, and say how many were left out. */
  readonly limit?: number;
  /** Print no records at all (`collect()` nor `stdout()` sinks), only the summary. */
  readonly quiet?: boolean;
  readonly run?: RunOptions;
  /** Where records go (default process.stdout). */
  readonly stdout?: NodeJS.WritableStream;
  /** Where progress, summaries and notices go (default process.stderr). */
  readonly stderr?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Cancel on Ctrl-C/SIGTERM and on a closed stdout, savepoint on SIGUSR2 (default true; see job-signals.ts). */
  readonly signals?: boolean;
  /** Where SIGUSR2 savepoints go. */
  readonly savepointDir?: string;
}

export interface MainOutcome {
  readonly results: readonly RunResultView[];
  /**
   * 0: every job finished, or the reader closed stdout (as Unix tools end quietly on a closed pipe); 1: a job failed
   * or stdout failed; 130/143: stopped by SIGINT/SIGTERM (128 + the signal's number, as a shell reports it).
   */
  readonly exitCode: number;
}

// why `any`: each generated factory takes its own Options type (RunOptions plus typed sources and sinks)
export async function runMain(factories: Readonly<Record<string, (options?: any) => { start(): HandleView }>>, options: MainOptions = {}): Promise<MainOutcome> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const names = Object.keys(factories);
  if (options.job !== undefined && !names.includes(options.job)) {
    stderr.write(`eddy: no job \`${options.job}\` (jobs: ${names.join(", ")})\n`);
    return { results: [], exitCode: 2 };
  }
  const signals = (options.signals ?? true) ? watchJobSignals({ stdout, stderr, ...(options.savepointDir === undefined ? {} : { savepointDir: options.savepointDir }) }) : null;
  const results: RunResultView[] = [];
  try {
    for (const name of options.job === undefined ? names : [options.job]) {
      const run: RunOptions = { ...options.run, ...(options.quiet === true ? { stdout: null } : options.stdout === undefined ? {} : { stdout: options.stdout as never }) };
      const handle = factories[name]!(run).start();
      signals?.follow(name, handle);
      const stopProgress = (options.progress ?? stderr.isTTY === true) ? showProgress(name, handle, stderr) : () => {};
      let result: RunResultView;
      try {
        result = await handle.result;
      } catch (e) {
        stopProgress();
        return { results, exitCode: reportStopped(name, handle, e as Error, signals?.stopped ?? null, stderr) };
      }
      stopProgress();
      results.push(result);
      if (options.report ?? true) {
        if (options.quiet !== true) await printCollected(result.collected, stdout, options.limit ?? Number.POSITIVE_INFINITY, signals);
        const stopped = signals?.stopped ?? null;
        if (stopped?.kind === "output closed") return { results, exitCode: 0 };
        if (stopped?.kind === "signal") return { results, exitCode: SIGNAL_EXIT_CODE[stopped.signal] };
        stderr.write(`${summaryLine(result)}\n`);
      }
    }
    return { results, exitCode: 0 };
  } finally {
    signals?.dispose();
  }
}

/** One line on why the job ended early (nothing when the reader closed stdout); the exit code. */
function reportStopped(name: string, handle: HandleView, error: Error, stopped: StopReason | null, stderr: NodeJS.WritableStream & { readonly isTTY?: boolean }): number {
  if (stopped?.kind === "output closed") return 0;
  // why: a terminal echoes ^C where the cursor is; start the summary on a clean line
  const fresh = stderr.isTTY === true ? "\r\x1b[K" : "";
  if (stopped?.kind === "signal") {
    stderr.write(`${fresh}${stoppedLine(name, "cancelled", handle.metrics())}\n`);
    return SIGNAL_EXIT_CODE[stopped.signal];
  }
  // why the first line: one line per failure; what follows in a message is detail (a stack, a cause)
  const why = stopped?.kind === "output failed" ? `writing to stdout failed: ${stopped.message}` : `failed: ${error.message.split("\n")[0]}`;
  stderr.write(`${fresh}✘ ${name} ${why}\n`);
  return 1;
}

/** The records of each `collect()` sink under a `-- name (n records)` header, waiting whenever stdout is full. */
async function printCollected(collected: Readonly<Record<string, readonly unknown[]>>, stdout: NodeJS.WritableStream, limit: number, signals: JobSignals | null): Promise<void> {
  for (const [sink, records] of Object.entries(collected)) {
    const shown = Math.min(records.length, limit);
    const omitted = records.length - shown;
    let chunk = `-- ${sink} (${records.length} records${omitted > 0 ? `; the first ${shown} shown, ${omitted} omitted` : ""})\n`;
    for (let i = 0; i < shown; i++) {
      chunk += `${JSON.stringify(records[i])}\n`;
      if (chunk.length < 65_536 && i < shown - 1) continue;
      if (!stdout.write(chunk)) await drained(stdout);
      if (signals?.stopped != null) return;
      chunk = "";
    }
    if (chunk !== "") stdout.write(chunk);
  }
}

/** Resolves when `stream` takes writes again, or can never (closed, failed). */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}
