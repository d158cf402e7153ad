// Runs a generated job on the embedded runtime: applies the job's settings, wires dead letters and collect sinks, and
// hands back a handle (cancel, savepoint, metrics) — the object behind each typed factory of the generated API.
import {
  CollectSink, RestartStrategies, StreamExecutionEnvironment, type JobClient, type JobMetrics, type Sink,
} from "../../runtime/index.js";
import { printDeadLetter, type DeadLetter, type DeadLetterHandler } from "./validate.js";

export interface JobSettingsSpec {
  readonly parallelism: number;
  readonly checkpoint: { readonly intervalMs: number; readonly mode: "exactly_once" | "at_least_once" } | null;
  readonly restart:
    | { readonly kind: "fixed"; readonly attempts: number; readonly delayMs: number }
    | { readonly kind: "exponential"; readonly initialMs: number; readonly maxMs: number }
    | { readonly kind: "none" }
    | null;
  /** Set when the compiled plan is correct only at the declared parallelism 1 (why, for the error message). */
  readonly fixedParallelism?: string;
}

export interface RunOptions {
  /** Overrides the job's `parallelism`. */
  readonly parallelism?: number;
  /** Where checkpoints go (in memory when absent). */
  readonly checkpointDir?: string;
  /** Starts from a savepoint or retained checkpoint directory. */
  readonly restoreFrom?: string;
  /** Receives records that could not be read; default: one line on stderr each. */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Overrides settings of every `nexmark(…)` generator (e.g. `{ maxEvents: 1_000_000 }`; 0 = unbounded). */
  readonly nexmark?: Readonly<Record<string, number | string>>;
  /** Paths of `file(…)` sources and sinks by declaration name, replacing the declared paths. */
  readonly files?: Readonly<Record<string, string>>;
}

/** What the generated graph construction needs from the run. */
export interface JobIO {
  readonly onDeadLetter: DeadLetterHandler;
  /** The in-memory sink behind a `collect()` sink declaration. */
  collect<T>(sink: string): Sink<T>;
  /** Caller overrides of nexmark generator settings (RunOptions.nexmark). */
  readonly nexmark: Readonly<Record<string, number | string>>;
}

export interface JobRunResult {
  readonly job: string;
  readonly elapsedMs: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly deadLetters: number;
  /** Records of every `collect()` sink, by sink name. */
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly metrics: JobMetrics;
}

export interface JobHandle {
  /** Settles when the job finishes (rejects when it fails or is cancelled). */
  readonly result: Promise<JobRunResult>;
  cancel(): Promise<void>;
  /** Takes a savepoint into `directory`; resolves to its path. */
  savepoint(directory: string): Promise<string>;
  metrics(): JobMetrics;
}

export interface EddyJob {
  readonly name: string;
  run(): Promise<JobRunResult>;
  start(): JobHandle;
}

/** The part of the metrics that progress lines and summaries read (also what generated declarations promise). */
export interface MetricsView {
  readonly elapsedMs: number;
  readonly operators: readonly { readonly name: string; readonly recordsIn: number; readonly recordsOut: number; readonly watermark: number }[];
  readonly checkpoints?: { readonly completed: number; readonly failed: number } | null;
}

/** A job result as generated factories declare it. */
export interface RunResultView {
  readonly job: string;
  readonly elapsedMs: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly deadLetters: number;
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly metrics: MetricsView;
}

/** A running job as generated factories declare it. */
export interface HandleView {
  readonly result: Promise<RunResultView>;
  metrics(): MetricsView;
  cancel(): Promise<void>;
}

/** Records read by the sources and written by the sinks so far (operator names start with `source:` / `sink:`). */
export function summarise(metrics: MetricsView): { recordsIn: number; recordsOut: number; watermark: number } {
  let recordsIn = 0;
  let recordsOut = 0;
  let watermark = Number.POSITIVE_INFINITY;
  for (const op of metrics.operators) {
    if (op.name.startsWith("source:")) recordsIn += op.recordsOut;
    if (op.name.startsWith("sink:")) {
      recordsOut += op.recordsIn;
      watermark = Math.min(watermark, op.watermark);
    }
  }
  return { recordsIn, recordsOut, watermark: watermark === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : watermark };
}

/** Why a parallelism override is refused, and what to do instead. */
export function parallelismRefusal(job: string, why: string): string {
  return `job \`${job}\` was compiled for parallelism 1 and cannot run at another: ${why}`;
}

export function createJob(name: string, settings: JobSettingsSpec, options: RunOptions, build: (env: StreamExecutionEnvironment, io: JobIO) => void): EddyJob {
  if (options.parallelism !== undefined && options.parallelism !== settings.parallelism && settings.fixedParallelism !== undefined) {
    throw new Error(parallelismRefusal(name, settings.fixedParallelism));
  }
  const start = (): JobHandle => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(options.parallelism ?? settings.parallelism);
    if (settings.checkpoint !== null) {
      env.enableCheckpointing(settings.checkpoint.intervalMs, settings.checkpoint.mode === "exactly_once" ? "EXACTLY_ONCE" : "AT_LEAST_ONCE");
      if (options.checkpointDir !== undefined) env.getCheckpointConfig().setCheckpointStorage(options.checkpointDir);
    }
    const restart = settings.restart;
    if (restart !== null) {
      env.setRestartStrategy(
        restart.kind === "fixed" ? RestartStrategies.fixedDelayRestart(restart.attempts, restart.delayMs)
          : restart.kind === "exponential" ? RestartStrategies.exponentialDelayRestart(restart.initialMs, restart.maxMs)
            : RestartStrategies.noRestart(),
      );
    }
    if (options.restoreFrom !== undefined) env.setRestoreFrom(options.restoreFrom);
    let deadLetters = 0;
    const handler = options.onDeadLetter ?? printDeadLetter;
    const collected = new Map<string, CollectSink<unknown>>();
    const io: JobIO = {
      nexmark: options.nexmark ?? {},
      onDeadLetter: (letter) => {
        deadLetters++;
        handler(letter);
      },
      collect: <T>(sink: string) => {
        let s = collected.get(sink);
        if (s === undefined) collected.set(sink, (s = new CollectSink<unknown>()));
        return s as unknown as Sink<T>;
      },
    };
    build(env, io);
    const began = performance.now();
    const client: JobClient = env.executeAsync(name);
    const result = client.getJobExecutionResult().then((r) => {
      const totals = summarise(r.metrics);
      return {
        job: name,
        elapsedMs: performance.now() - began,
        recordsIn: totals.recordsIn,
        recordsOut: totals.recordsOut,
        deadLetters,
        collected: Object.fromEntries([...collected].map(([k, s]) => [k, s.values])),
        metrics: r.metrics,
      };
    });
    return {
      result,
      cancel: () => client.cancel(),
      savepoint: (directory) => client.triggerSavepoint(directory),
      metrics: () => client.metrics(),
    };
  };
  return { name, start, run: () => start().result };
}
