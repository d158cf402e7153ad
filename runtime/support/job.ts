// Runs a generated job on the embedded runtime: applies the job's settings, wires dead letters and collect sinks, and
// hands back a handle (cancel, savepoint, metrics) — the object behind each typed factory of the generated API.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CollectSink, EddyError, forwardingSink, JOB_MODULE, RestartStrategies, StreamExecutionEnvironment,
  type Clock, type JobBridge, type JobClient, type JobMetrics, type JobServices, type Sink,
} from "../index.js";
import type { RecordStream } from "./sinks.js";
import { printDeadLetter, type DeadLetter, type DeadLetterHandler } from "./validate.js";

export interface JobSettingsSpec {
  readonly parallelism: number;
  readonly checkpoint: { readonly intervalMs: number; readonly mode: "exactly_once" | "at_least_once" } | null;
  readonly restart:
    | { readonly kind: "fixed"; readonly attempts: number; readonly delayMs: number }
    | { readonly kind: "exponential"; readonly initialMs: number; readonly maxMs: number }
    | { readonly kind: "none" }
    | null;
}

export interface RunOptions {
  /** Overrides the job's `parallelism`. */
  readonly parallelism?: number;
  /** Where checkpoints go (in memory when absent). */
  readonly checkpointDir?: string;
  /** Starts from a savepoint or retained checkpoint directory. */
  readonly restoreFrom?: string;
  /** With restoreFrom: skip state of operators the job no longer has, instead of failing (Flink's --allowNonRestoredState). */
  readonly allowNonRestoredState?: boolean;
  /** Receives records that could not be read; default: one line on stderr each. */
  readonly onDeadLetter?: (letter: DeadLetter) => void;
  /** Overrides settings of every `nexmark(…)` generator (e.g. `{ maxEvents: 1_000_000 }`; 0 = unbounded). */
  readonly nexmark?: Readonly<Record<string, number | string>>;
  /**
   * Paths of `file(...)` sources and sinks by their declared name, replacing the path in the .flow file. Relative
   * paths (given here or declared) are resolved against the working directory of the process when the job starts.
   */
  readonly files?: Readonly<Record<string, string>>;
  /** Processing time (default: the wall clock); a virtual clock (`ManualClock`) makes processing-time windows testable. */
  readonly clock?: Clock;
  /** Where `stdout()` sinks write (default process.stdout); null drops their records (`eddy run --quiet`). */
  readonly stdout?: RecordStream | null;
  /**
   * Worker threads of the process-wide pool (default: EDDY_WORKERS, else one per core); 1 runs the job in the calling
   * thread. A job whose options cannot reach a worker (iterable sources, a custom clock) runs in the calling thread.
   */
  readonly workers?: number;
}

/** What the generated graph construction needs from the run. */
export interface JobIO {
  readonly onDeadLetter: DeadLetterHandler;
  /** The in-memory sink behind a `collect()` sink declaration. */
  collect<T>(sink: string): Sink<T>;
  /** Caller overrides of nexmark generator settings (RunOptions.nexmark). */
  readonly nexmark: Readonly<Record<string, number | string>>;
  /** Caller overrides of file paths by source or sink name (RunOptions.files). */
  readonly files?: Readonly<Record<string, string>>;
  /** Where `stdout()` sinks write (RunOptions.stdout; process.stdout when absent). */
  readonly stdout?: RecordStream | null;
}

/**
 * The path a `file(...)` source or sink named `name` uses in this run: the caller's override or the declared path,
 * resolved against the working directory of the process (so a compiled bundle can move; paths are never baked in).
 */
export function filePath(io: JobIO, name: string, declared: string): string {
  let used = filesUsed.get(io);
  if (used === undefined) filesUsed.set(io, (used = new Set()));
  used.add(name);
  return resolve(io.files?.[name] ?? declared);
}

/** The file connectors each job's graph asked for: an override naming none of them is a mistake worth a clear error. */
const filesUsed = new WeakMap<JobIO, Set<string>>();

function checkFileOverrides(job: string, io: JobIO): void {
  const used = filesUsed.get(io) ?? new Set<string>();
  const unknown = Object.keys(io.files ?? {}).filter((n) => !used.has(n));
  if (unknown.length === 0) return;
  const known = used.size === 0 ? "it has none" : `it has ${[...used].map((n) => `'${n}'`).join(", ")}`;
  const names = unknown.map((n) => `'${n}'`).join(", ");
  throw new EddyError("user", `RunOptions.files names ${names}, which ${unknown.length === 1 ? "is not a file(...) source or sink" : "are not file(...) sources or sinks"} of this job (${known})`, { job }, { retriable: false });
}

export interface JobRunResult {
  readonly job: string;
  readonly elapsedMs: number;
  readonly recordsIn: number;
  /** Records written to the output sinks; side-output sinks (`lateTo`, `timeoutsTo`) are in `sideOutputs`. */
  readonly recordsOut: number;
  readonly sideOutputs: Readonly<Record<string, number>>;
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
  /** The runtime's handle on the job (status, plan, stop with a savepoint): what a JobManager's JobMaster drives. */
  readonly client: JobClient;
}

export interface EddyJob {
  readonly name: string;
  run(): Promise<JobRunResult>;
  start(): JobHandle;
}

/** The part of the metrics that progress lines and summaries read (also what generated declarations promise). */
export interface MetricsView {
  readonly elapsedMs: number;
  /**
   * `recordsRead`: what a source read (see OperatorMetrics.recordsRead); optional because a bundle compiled by an
   * earlier Eddy reports none, and its sources then read what they emitted.
   */
  readonly operators: readonly { readonly name: string; readonly recordsIn: number; readonly recordsOut: number; readonly recordsRead?: number; readonly watermark: number }[];
  readonly checkpoints?: { readonly completed: number; readonly failed: number } | null;
  /** Per worker of the pool (absent on one thread): time busy, records and bytes sent to other workers. */
  readonly workers?: readonly { readonly worker: number; readonly busyMs: number; readonly idleMs: number; readonly steals: number; readonly exchangeRecords: number; readonly exchangeBytes: number }[];
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
  /** Takes a savepoint into `directory`; resolves to its path (`<directory>/chk-<id>`). */
  savepoint?(directory: string): Promise<string>;
}

/** What a job did so far, from its operator metrics. */
export interface JobTotals {
  /** Records read by the sources (operators named `source:`), also those a filter fused into a source dropped. */
  recordsIn: number;
  /** Records written to the job's output sinks (`sink:`). */
  recordsOut: number;
  /** Records written to sinks fed only by side outputs (`side:`, e.g. `lateTo`), by sink name. */
  sideOutputs: Record<string, number>;
  /** The least watermark of the output sinks. */
  watermark: number;
}

export function summarise(metrics: MetricsView): JobTotals {
  let recordsIn = 0;
  let recordsOut = 0;
  const sideOutputs: Record<string, number> = {};
  let watermark = Number.POSITIVE_INFINITY;
  for (const op of metrics.operators) {
    if (op.name.startsWith("source:")) recordsIn += op.recordsRead ?? op.recordsOut;
    else if (op.name.startsWith("sink:")) {
      recordsOut += op.recordsIn;
      watermark = Math.min(watermark, op.watermark);
    } else if (op.name.startsWith("side:")) {
      const sink = op.name.slice("side:".length);
      sideOutputs[sink] = (sideOutputs[sink] ?? 0) + op.recordsIn;
    }
  }
  return { recordsIn, recordsOut, sideOutputs, watermark: watermark === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : watermark };
}

/** Where the pool's workers find a job's factory: the generated module and its export. */
export interface FactoryLocation {
  readonly url: string;
  readonly export: string;
}

/** What a caller's options become when they cross to a worker: plain data, and the names of the callbacks left behind. */
interface PortableOptions {
  readonly parallelism?: number;
  readonly nexmark?: Readonly<Record<string, number | string>>;
  readonly files?: Readonly<Record<string, string>>;
  readonly sources?: Readonly<Record<string, readonly unknown[]>>;
  /** Sinks the caller replaced with a callback: a worker forwards their records to it. */
  readonly sinkNames: readonly string[];
  /** Whether `stdout()` sinks write (their lines are forwarded to the caller's stream) or drop their records. */
  readonly stdout: boolean;
  readonly portable: true;
}

/** The options as plain data, or why they cannot leave this thread. */
function portableOptions(options: RunOptions & ReplacedConnectors): PortableOptions | string {
  const sources: Record<string, readonly unknown[]> = {};
  for (const [name, data] of Object.entries((options.sources ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(data)) return `its source '${name}' is given as an iterable (only arrays reach the pool's workers)`;
    sources[name] = data;
  }
  const portable: PortableOptions = {
    ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
    ...(options.nexmark === undefined ? {} : { nexmark: options.nexmark }),
    ...(options.files === undefined ? {} : { files: options.files }),
    sources,
    sinkNames: Object.keys(options.sinks ?? {}),
    stdout: options.stdout !== null,
    portable: true,
  };
  try {
    structuredClone(portable);
  } catch (e) {
    return `its options cannot be copied to a worker (${(e as Error).message})`;
  }
  return portable;
}

/** Chunks of stdout() lines a worker may have on their way to the caller's stream before its sinks must wait. */
const STDOUT_CHUNKS_IN_FLIGHT = 4;

/**
 * In a worker: a stream whose chunks go to the caller's stream (RunOptions.stdout, process.stdout). It reports full
 * (write returns false, then "drain") while more chunks are on their way than the caller's stream has taken, so a
 * slow or paused reader backpressures the job across threads as it does in one.
 */
function forwardedStdout(bridge: JobBridge): RecordStream {
  let inFlight = 0;
  const drained: (() => void)[] = [];
  return {
    write(chunk: string): boolean {
      inFlight++;
      bridge.call("stdout", chunk).then(
        () => {
          inFlight--;
          if (inFlight < STDOUT_CHUNKS_IN_FLIGHT) for (const listener of drained.splice(0)) listener();
        },
        () => {
          inFlight--; // why: the attempt ended; nothing waits for these lines any more
        },
      );
      return inFlight < STDOUT_CHUNKS_IN_FLIGHT;
    },
    once(_event: "drain", listener: () => void) {
      drained.push(listener);
      return this;
    },
  };
}

/** Whether the workers can import the job's module: a file that still exists (other URLs are left to them). */
function moduleExists(url: string): boolean {
  if (!url.startsWith("file:")) return true;
  return existsSync(fileURLToPath(url));
}

/** Jobs already warned about, by name: a test that runs one job many times hears it once. */
const warned = new Set<string>();
function warnOnce(job: string, message: string): void {
  if (warned.has(job)) return;
  warned.add(job);
  process.emitWarning(message, "EddyWarning");
}

/** Sources and sinks a caller replaced (the generated Options of each job add these, typed: by name, data or a callback). */
interface ReplacedConnectors {
  readonly sources?: object;
  readonly sinks?: object;
}

/** Applies the job's declared settings and the caller's overrides to a fresh environment. */
function configure(env: StreamExecutionEnvironment, settings: JobSettingsSpec, options: RunOptions): void {
  env.setParallelism(options.parallelism ?? settings.parallelism);
  if (options.workers !== undefined) env.setWorkers(options.workers);
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
  if (options.restoreFrom !== undefined) env.setRestoreFrom(options.restoreFrom, { allowNonRestoredState: options.allowNonRestoredState ?? false });
  if (options.clock !== undefined) env.setClock(options.clock);
}

export function createJob<O extends RunOptions & ReplacedConnectors>(
  name: string,
  settings: JobSettingsSpec,
  options: O,
  build: (env: StreamExecutionEnvironment, io: JobIO, given: O) => void,
  location?: FactoryLocation,
): EddyJob {
  const start = (): JobHandle => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, settings, options);
    let deadLetters = 0;
    const handler = options.onDeadLetter ?? printDeadLetter;
    const onDeadLetter = (letter: DeadLetter) => {
      deadLetters++;
      handler(letter);
    };
    const collected = new Map<string, CollectSink<unknown>>();
    const services: Record<string, JobServices[string]> = {
      "dead-letter": { forward: (letters) => (letters as DeadLetter[]).forEach(onDeadLetter) },
      // why a call, not a forward: the answer comes once the caller's stream took the chunk, which is how a paused
      // reader holds back the workers' stdout() sinks (forwardedStdout)
      stdout: {
        call: (chunk) => {
          const out = options.stdout ?? process.stdout;
          if (out.write(chunk as string)) return undefined;
          return new Promise<void>((resolve) => out.once("drain", () => resolve()));
        },
      },
    };
    for (const [sink, callback] of Object.entries((options.sinks ?? {}) as Record<string, ((record: never) => void) | undefined>)) {
      if (callback !== undefined) services[`sink:${sink}`] = { forward: (records) => { for (const r of records as never[]) callback(r); } };
    }
    const io: JobIO = {
      nexmark: options.nexmark ?? {},
      ...(options.files === undefined ? {} : { files: options.files }),
      ...(options.stdout === undefined ? {} : { stdout: options.stdout }),
      onDeadLetter,
      collect: <T>(sink: string) => {
        let s = collected.get(sink);
        if (s === undefined) {
          const created = new CollectSink<unknown>();
          collected.set(sink, (s = created));
          services[`collect:${sink}`] = { forward: (records) => created.append(records as never) };
        }
        return s as unknown as Sink<T>;
      },
    };
    build(env, io, options);
    checkFileOverrides(name, io);
    const began = performance.now();
    // why one worker first: it runs in this thread as before the pool, and portableOptions would copy every array source
    // (structuredClone) only to find it need not travel — 1M pre-generated Nexmark events: q0 14.8M → 0.21M events/s
    const portable = env.getWorkers() === 1 ? null : location === undefined ? "it was compiled without its module's location" : !moduleExists(location.url) ? `its module ${location.url} is gone (workers load the job from it: keep the file while the job runs)` : portableOptions(options);
    let client: JobClient;
    if (portable === null) client = env.executeAsync(name);
    else if (typeof portable === "string") {
      if (env.getWorkers() > 1) warnOnce(name, `job '${name}' runs in the calling thread, not on ${env.getWorkers()} workers: ${portable}`);
      client = env.setWorkers(1).executeAsync(name);
    } else {
      client = env.executeJobModule({ url: location!.url, job: { kind: "factory", exportName: location!.export, input: portable }, args: undefined }, services, name);
    }
    const result = client.getJobExecutionResult().then((r) => {
      const totals = summarise(r.metrics);
      return {
        job: name,
        elapsedMs: performance.now() - began,
        recordsIn: totals.recordsIn,
        recordsOut: totals.recordsOut,
        sideOutputs: totals.sideOutputs,
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
      client,
    };
  };
  const run = (): Promise<JobRunResult> => {
    try {
      return start().result;
    } catch (e) {
      return Promise.reject(e);
    }
  };
  /** In a worker of the pool, `options` is what portableOptions made of the caller's: records go back by the bridge. */
  const buildInWorker = (env: StreamExecutionEnvironment, _args: unknown, bridge: JobBridge | null) => {
    if (bridge === null) throw new EddyError("internal", `job '${name}' is built in its own thread by start()`);
    const given = options as unknown as PortableOptions;
    const sinks: Record<string, (record: unknown) => void> = {};
    for (const sink of given.sinkNames) sinks[sink] = bridge.forwarder(`sink:${sink}`);
    const io: JobIO = {
      nexmark: given.nexmark ?? {},
      ...(given.files === undefined ? {} : { files: given.files }),
      stdout: given.stdout ? forwardedStdout(bridge) : null,
      onDeadLetter: bridge.forwarder("dead-letter"),
      collect: <T>(sink: string) => forwardingSink<T>(bridge, `collect:${sink}`),
    };
    build(env, io, { ...given, sinks } as unknown as O);
  };
  return { name, start, run, [JOB_MODULE]: { build: buildInWorker } } as EddyJob;
}
