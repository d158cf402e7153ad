// A job as a module: what lets the worker pool (and, next, a TaskManager process) run a DataStream program. Every
// worker imports the job's module and builds the same graph from it (SPMD, as Timely Dataflow's workers do); closures
// never cross a thread. The rule this implies: graph construction is deterministic, and code in the build function
// runs on every worker (docs/architecture.md, "Deployable execution").
//
//   export const wordCount = defineJob(import.meta.url, (env, words: string[], ctx) => {
//     env.fromCollection(words).keyBy((w) => w).sum(...).sinkTo(ctx.collect("counts"));
//   });
//   const { collected } = await wordCount.run(["a", "b", "a"], { workers: 2 });
import type { Sink, SinkWriter, SinkWriterContext } from "../connectors/sink.js";
import { CollectSink } from "../connectors/collect-sink.js";
import { TransactionalCollectSink, type Transaction, type TransactionalCollectSinkOptions } from "../connectors/transactional-collect-sink.js";
import type { TwoPhaseCommitWriter } from "../connectors/two-phase-commit.js";
import { EddyError } from "../core/errors.js";
import type { JobClient, JobExecutionResult } from "../jobmanager/job-client.js";
import type { StreamExecutionEnvironment } from "./environment.js";

/** The property by which a worker recognises what it can build a job from. */
export const JOB_MODULE: unique symbol = Symbol.for("eddy.job-module") as never;

/**
 * How a worker finds a job in its module: the n-th defineJob of the module (the module defines its jobs in the same
 * order in every thread), or an exported factory (a compiled .flow job) called with plain-data `input`.
 */
export type JobLocation =
  | { readonly kind: "definition"; readonly index: number }
  | { readonly kind: "factory"; readonly exportName: string; readonly input: unknown };

export interface JobModuleRef {
  readonly url: string;
  readonly job: JobLocation;
  /** What the build function receives (defineJob's args). */
  readonly args: unknown;
}

/** The definitions each module made, in the order it made them (how a worker finds a defineJob job). */
const definitions = new Map<string, Buildable[]>();

/** The job at `location` of the module at `url`, which this thread has imported. */
export function jobAt(url: string, location: JobLocation, module: Readonly<Record<string, unknown>>): unknown {
  if (location.kind === "definition") return definitions.get(url)?.[location.index];
  const factory = module[location.exportName];
  return typeof factory === "function" ? (factory as (input: unknown) => unknown)(location.input) : undefined;
}

/**
 * How a job built in a worker talks to the thread that started it: records for sinks that live there (collect,
 * callbacks), and requests that need an answer (a transactional sink's prepare and commit).
 */
export interface JobBridge {
  forward(channel: string, payload: unknown): void;
  call(channel: string, payload: unknown): Promise<unknown>;
  /**
   * A function that forwards each value it is called with to `channel`, as arrays of values: batched, sent at the
   * latest when the worker yields to its event loop, and always before the worker reports its subtasks done.
   */
  forwarder(channel: string): (value: unknown) => void;
}

/** What the starting thread does with what the bridge carries, per channel. */
export interface JobService {
  forward?(payload: unknown): void;
  call?(payload: unknown): unknown;
}
export type JobServices = Readonly<Record<string, JobService>>;

/** What a worker builds a job from. `bridge` is null when the job runs in the thread that started it. */
export interface JobBuilder {
  build(env: StreamExecutionEnvironment, args: unknown, bridge: JobBridge | null): void;
}

export interface Buildable {
  readonly [JOB_MODULE]: JobBuilder;
}

export function isBuildable(x: unknown): x is Buildable {
  return (typeof x === "object" || typeof x === "function") && x !== null && JOB_MODULE in x;
}

/** What a job learns of where it runs, and where its results go. */
export interface DefinedJobContext {
  /** Records go to `collected[name]` of the run's result, whichever worker writes them (at least once). */
  collect<T>(name: string): Sink<T>;
  /** Records reach `committed[name]` only when the checkpoint covering them completes: exactly once across failures. */
  collectExactlyOnce<T>(name: string, options?: TransactionalCollectSinkOptions): Sink<T>;
}

export interface DefinedJobOptions {
  /** The job's name (default "Eddy Streaming Job"). */
  readonly name?: string;
  /** Worker threads (default: the environment's, EDDY_WORKERS, or the number of cores). */
  readonly workers?: number;
  /** Settings applied to the environment before the job is built, in every thread (parallelism, checkpointing …). */
  readonly configure?: (env: StreamExecutionEnvironment) => void;
}

export interface DefinedJobResult {
  readonly result: JobExecutionResult;
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
  readonly committed: Readonly<Record<string, readonly unknown[]>>;
}

export interface DefinedJobRun {
  readonly client: JobClient;
  readonly result: Promise<DefinedJobResult>;
}

export interface JobDefinition<A> extends Buildable {
  readonly moduleUrl: string;
  /** Runs the job to its end. */
  run(args: A, options?: DefinedJobOptions): Promise<DefinedJobResult>;
  start(args: A, options?: DefinedJobOptions): DefinedJobRun;
}

/** Hands the environment out; set by environment.ts (which imports this module) to avoid an import cycle. */
let newEnvironment: () => StreamExecutionEnvironment = () => {
  throw new EddyError("internal", "the DataStream environment is not loaded");
};
/** @internal */
export function provideEnvironment(create: () => StreamExecutionEnvironment): void {
  newEnvironment = create;
}

/**
 * A DataStream job that any worker can build. `moduleUrl` is the defining module's `import.meta.url`: every worker
 * imports that module, and finds the job as the same-numbered defineJob call of it — so a module must make its
 * defineJob calls at its top level, in a fixed order.
 */
export function defineJob<A = void>(moduleUrl: string, build: (env: StreamExecutionEnvironment, args: A, ctx: DefinedJobContext) => void): JobDefinition<A> {
  const builder: JobBuilder = {
    build: (env, args, bridge) => build(env, args as A, bridge === null ? localContext() : remoteContext(bridge)),
  };
  const start = (args: A, options: DefinedJobOptions = {}): DefinedJobRun => {
    const env = newEnvironment();
    if (options.workers !== undefined) env.setWorkers(options.workers);
    options.configure?.(env);
    const context = localContext();
    build(env, args, context);
    const client = env.executeJobModule({ url: moduleUrl, job: { kind: "definition", index }, args }, context.services, options.name);
    const result = client.getJobExecutionResult().then((r) => ({
      result: r,
      collected: Object.fromEntries([...context.collects].map(([k, s]) => [k, s.values])),
      committed: Object.fromEntries([...context.transactional].map(([k, s]) => [k, s.committed])),
    }));
    result.catch(() => {});
    return { client, result };
  };
  const self: JobDefinition<A> = {
    [JOB_MODULE]: builder,
    moduleUrl,
    start,
    run: (args, options) => start(args, options).result,
  };
  const made = definitions.get(moduleUrl) ?? [];
  const index = made.length;
  made.push(self);
  definitions.set(moduleUrl, made);
  return self;
}

interface LocalContext extends DefinedJobContext {
  readonly collects: Map<string, CollectSink<unknown>>;
  readonly transactional: Map<string, TransactionalCollectSink<unknown>>;
  readonly services: Record<string, JobService>;
}

/** In the starting thread: the sinks themselves, and the services workers reach them through. */
function localContext(): LocalContext {
  const collects = new Map<string, CollectSink<unknown>>();
  const transactional = new Map<string, TransactionalCollectSink<unknown>>();
  const services: Record<string, JobService> = {};
  return {
    collects,
    transactional,
    services,
    collect<T>(name: string): Sink<T> {
      let sink = collects.get(name);
      if (sink === undefined) {
        const created = new CollectSink<unknown>();
        collects.set(name, created);
        services[`collect:${name}`] = { forward: (payload) => created.append(payload as ForwardedRecords) };
        sink = created;
      }
      return sink as CollectSink<T>;
    },
    collectExactlyOnce<T>(name: string, options?: TransactionalCollectSinkOptions): Sink<T> {
      let sink = transactional.get(name);
      if (sink === undefined) {
        const created = new TransactionalCollectSink<unknown>(options);
        transactional.set(name, created);
        services[`transactional:${name}`] = { call: (payload) => created.serve(payload as TransactionRequest) };
        sink = created;
      }
      return sink as TransactionalCollectSink<T>;
    },
  };
}

/** In a worker: sinks that send what they get to the starting thread. */
function remoteContext(bridge: JobBridge): DefinedJobContext {
  return {
    collect: <T>(name: string) => forwardingSink<T>(bridge, `collect:${name}`),
    collectExactlyOnce: <T>(name: string) => remoteTransactionalSink<T>(bridge, `transactional:${name}`),
  };
}

/** Records of one sink subtask, as they cross to the starting thread. */
export interface ForwardedRecords {
  readonly subtask: number;
  readonly values: readonly unknown[];
}

/** Records forwarded per message at most (a message per record would cost more than the record). */
const FORWARD_BATCH = 512;

/**
 * A sink whose records are forwarded to `channel` of the starting thread in batches: when a batch is full, at the end
 * of input and before each checkpoint, and at the latest when the worker next yields to its event loop.
 */
export function forwardingSink<T>(bridge: JobBridge, channel: string): Sink<T> {
  return {
    createWriter(context: SinkWriterContext): SinkWriter<T> {
      let values: unknown[] = [];
      let scheduled = false;
      const send = () => {
        scheduled = false;
        if (values.length === 0) return;
        const payload: ForwardedRecords = { subtask: context.subtaskIndex, values };
        values = [];
        bridge.forward(channel, payload);
      };
      return {
        write(value: T) {
          values.push(value);
          if (values.length >= FORWARD_BATCH) send();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(send);
          }
        },
        flush: send,
        close: send,
      };
    },
  };
}

/** What a worker's transactional sink asks of the store in the starting thread. */
export type TransactionRequest =
  | { readonly op: "prepare"; readonly subtask: number; readonly attempt: number; readonly checkpointId: number; readonly values: readonly unknown[] }
  | { readonly op: "commit"; readonly transactions: readonly Transaction[]; readonly recovering: boolean };

/**
 * A two-phase-commit sink whose transactions are prepared and committed in a TransactionalCollectSink of the starting
 * thread — the store outlives any worker, as a database outlives a TaskManager, so a killed worker loses nothing
 * that was pre-committed.
 */
function remoteTransactionalSink<T>(bridge: JobBridge, channel: string): Sink<T> {
  return {
    createWriter(context: SinkWriterContext): TwoPhaseCommitWriter<T, Transaction> {
      let buffer: unknown[] = [];
      return {
        write: (value) => {
          buffer.push(value);
        },
        preCommit: async (checkpointId) => {
          const values = buffer;
          buffer = [];
          return (await bridge.call(channel, { op: "prepare", subtask: context.subtaskIndex, attempt: context.attemptNumber, checkpointId, values } satisfies TransactionRequest)) as Transaction;
        },
        commit: async (transactions) => {
          await bridge.call(channel, { op: "commit", transactions, recovering: false } satisfies TransactionRequest);
        },
        recoverAndCommit: async (transactions) => {
          await bridge.call(channel, { op: "commit", transactions, recovering: true } satisfies TransactionRequest);
        },
        close: () => {
          buffer = [];
        },
      };
    },
  };
}
