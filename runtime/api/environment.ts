// StreamExecutionEnvironment: where a DataStream program starts, and how it is executed.
import { AsyncIterableSource, CollectionSource, IterableSource } from "../connectors/collection-source.js";
import { GeneratorSource } from "../connectors/generator-source.js";
import type { Source } from "../connectors/source.js";
import { buildJobGraph, type JobGraph } from "../graph/job-graph.js";
import { buildStreamGraph, type StreamGraph } from "../graph/stream-graph.js";
import type { Transformation } from "../graph/transformation.js";
import type { JobClient, JobExecutionResult } from "../jobmanager/job-client.js";
import type { JobState } from "../jobmanager/job-status.js";
import { executeLocally } from "../jobmanager/local-executor.js";
import type { ExecutionMode } from "../operators/operator.js";
import { availableParallelism } from "node:os";
import { type Clock, type ClockDescription, clockFromDescription, describeClock, SystemClock } from "../time/clock.js";
import { executeOnPool } from "../jobmanager/pool-executor.js";
import { processPoolSharesMemory } from "../scheduler/pool/worker-pool.js";
import { type JobModuleRef, type JobServices, provideEnvironment } from "./job-module.js";
import { WatermarkStrategy } from "../time/watermark-strategy.js";
import { DataStream } from "./data-stream.js";
import { ExecutionConfig, type WorkStealingMode } from "./execution-config.js";
import { CheckpointConfig } from "./checkpoint-config.js";
import type { FaultInjector } from "../checkpoint/fault-injector.js";
import { RestartStrategies, type RestartStrategyConfig } from "../checkpoint/restart-strategy.js";

export type RuntimeMode = "STREAMING" | "BATCH" | "AUTOMATIC";

/**
 * An environment's settings as plain data: what a worker of the pool applies to its own environment before it builds
 * the job from the job's module, so that every thread builds the same graph.
 */
export interface EnvironmentDescription {
  readonly parallelism: number;
  readonly maxParallelism: number | null;
  readonly runtimeMode: RuntimeMode;
  readonly chainingEnabled: boolean;
  readonly clock: ClockDescription;
  readonly config: {
    readonly autoWatermarkInterval: number;
    readonly globalJobParameters: Readonly<Record<string, unknown>>;
    readonly batchSize: number;
    readonly channelCapacity: number;
    readonly sliceBudget: number;
    readonly seed: number;
    readonly workStealing: WorkStealingMode;
  };
}

/** Worker threads a job runs on when nothing says otherwise: EDDY_WORKERS, else one per core. */
export function defaultWorkers(): number {
  const configured = process.env.EDDY_WORKERS;
  if (configured !== undefined && configured !== "") {
    const n = Number(configured);
    if (Number.isInteger(n) && n >= 1) return n;
    throw new RangeError(`EDDY_WORKERS must be a positive integer, got '${configured}'`);
  }
  return availableParallelism();
}

/** Plain env.execute() programs already warned that they run on one thread. */
const warnedOneThread = new Set<string>();

export class StreamExecutionEnvironment {
  private parallelism = 1;
  private maxParallelism: number | null = null;
  private runtimeMode: RuntimeMode = "STREAMING";
  private chainingEnabled = true;
  private clock: Clock = new SystemClock();
  private nextId = 0;
  private sinks: Transformation[] = [];
  private statusListener: ((job: JobState) => void) | undefined;
  private readonly config = new ExecutionConfig();
  private readonly checkpointConfig = new CheckpointConfig();
  private restartStrategy: RestartStrategyConfig | null = null;
  private faults: FaultInjector | null = null;
  private restoreFrom: { path: string; allowNonRestoredState: boolean } | null = null;
  private workers: number | null = null;

  /** A local environment (the embedded runtime); parallelism 1 unless set. */
  static getExecutionEnvironment(): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment();
  }

  static createLocalEnvironment(parallelism = 1): StreamExecutionEnvironment {
    return new StreamExecutionEnvironment().setParallelism(parallelism);
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new RangeError(`parallelism must be a positive integer, got ${parallelism}`);
    this.parallelism = parallelism;
    return this;
  }
  getParallelism(): number {
    return this.parallelism;
  }
  /** The number of key groups: the upper bound for rescaling keyed state (default 128). */
  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768) {
      throw new RangeError(`max parallelism must be an integer in 1..32768, got ${maxParallelism}`);
    }
    this.maxParallelism = maxParallelism;
    return this;
  }
  getMaxParallelism(): number | null {
    return this.maxParallelism;
  }
  /**
   * Worker threads of the process-wide pool the job runs on (default: EDDY_WORKERS, else one per core). 1 runs the
   * whole job in the calling thread, deterministically. Only jobs written as modules (defineJob, compiled .flow jobs)
   * run on more than one: see docs/architecture.md.
   */
  setWorkers(workers: number): this {
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.workers = workers;
    return this;
  }
  getWorkers(): number {
    return this.workers ?? defaultWorkers();
  }
  setRuntimeMode(mode: RuntimeMode): this {
    this.runtimeMode = mode;
    return this;
  }
  disableOperatorChaining(): this {
    this.chainingEnabled = false;
    return this;
  }
  isChainingEnabled(): boolean {
    return this.chainingEnabled;
  }
  getConfig(): ExecutionConfig {
    return this.config;
  }
  /** The processing-time clock; a ManualClock runs processing time virtually (tests). */
  setClock(clock: Clock): this {
    this.clock = clock;
    return this;
  }
  getClock(): Clock {
    return this.clock;
  }
  // ---- fault tolerance -------------------------------------------------------------------------

  /** Takes a checkpoint every `intervalMs` (exactly-once by default). */
  enableCheckpointing(intervalMs: number, mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE" = "EXACTLY_ONCE"): this {
    this.checkpointConfig.setCheckpointInterval(intervalMs).setCheckpointingMode(mode);
    return this;
  }
  getCheckpointConfig(): CheckpointConfig {
    return this.checkpointConfig;
  }
  /**
   * What happens when the job fails: with checkpointing the default is to restart (fixed delay,
   * effectively unlimited attempts, 1 s), as Flink; without, not to restart.
   */
  setRestartStrategy(strategy: RestartStrategyConfig): this {
    this.restartStrategy = strategy;
    return this;
  }
  /** Crashes chosen subtasks at chosen moments (tests, chaos runs). */
  setFaultInjector(faults: FaultInjector | null): this {
    this.faults = faults;
    return this;
  }
  /** Starts the next job from a savepoint or retained checkpoint directory (`…/chk-<id>`). */
  setRestoreFrom(path: string | null, options: { allowNonRestoredState?: boolean } = {}): this {
    this.restoreFrom = path === null ? null : { path, allowNonRestoredState: options.allowNonRestoredState ?? false };
    return this;
  }

  /** Observes job status changes (CREATED → RUNNING → FINISHED …). */
  onJobStatus(listener: (job: JobState) => void): this {
    this.statusListener = listener;
    return this;
  }

  // ---- sources ----------------------------------------------------------------------------------

  fromElements<T>(...elements: T[]): DataStream<T> {
    return this.fromSource(new CollectionSource(elements), WatermarkStrategy.noWatermarks<T>(), "Elements");
  }

  /** An array (replayable), an iterable, or an async iterable (unbounded unless `bounded`). */
  fromCollection<T>(data: readonly T[] | Iterable<T> | AsyncIterable<T>, options: { bounded?: boolean } = {}): DataStream<T> {
    let source: Source<T>;
    if (Array.isArray(data)) source = new CollectionSource(data as readonly T[]);
    else if (Symbol.asyncIterator in (data as object)) {
      source = new AsyncIterableSource(data as AsyncIterable<T>, options.bounded ? "BOUNDED" : "CONTINUOUS_UNBOUNDED");
    } else source = new IterableSource(data as Iterable<T>);
    return this.fromSource(source, WatermarkStrategy.noWatermarks<T>(), "Collection");
  }

  /** The numbers from..to inclusive, in parallel (Flink's fromSequence). */
  fromSequence(from: number, to: number): DataStream<number> {
    return this.fromSource(new GeneratorSource((i) => from + i, to - from + 1), WatermarkStrategy.noWatermarks<number>(), "Sequence");
  }

  fromSource<T>(source: Source<T>, watermarkStrategy: WatermarkStrategy<T>, sourceName: string): DataStream<T> {
    return new DataStream<T>(this, {
      kind: "source",
      id: this.newId(),
      name: sourceName,
      uid: null,
      parallelism: source.maxParallelism === 1 ? 1 : null,
      maxParallelism: null,
      chaining: "HEAD",
      source,
      watermarkStrategy,
    });
  }

  // ---- execution --------------------------------------------------------------------------------

  /** Runs the job until it finishes; rejects with the job's failure. */
  async execute(jobName = "Eddy Streaming Job"): Promise<JobExecutionResult> {
    return this.executeAsync(jobName).getJobExecutionResult();
  }

  /**
   * Starts the job and returns a handle to follow, cancel or await it. A plain program like this one runs in the
   * calling thread: its closures cannot reach a worker. Write it with defineJob to run it on the pool.
   */
  executeAsync(jobName = "Eddy Streaming Job"): JobClient {
    const requested = this.workers ?? (process.env.EDDY_WORKERS !== undefined && process.env.EDDY_WORKERS !== "" ? defaultWorkers() : 1);
    if (requested > 1 && !warnedOneThread.has(jobName)) {
      warnedOneThread.add(jobName);
      process.emitWarning(
        `job '${jobName}' runs on one thread, not ${requested} workers: a plain env.execute() program cannot be loaded by the pool's workers (closures never cross threads); export it with defineJob(import.meta.url, …) to run it on the pool`,
        "EddyWarning",
      );
    }
    const graph = this.getStreamGraph(jobName);
    this.sinks = [];
    return executeLocally(graph, this.executionOptions(graph));
  }

  /**
   * @internal Runs a job that was built from a module (defineJob, a compiled .flow job) — on the worker pool when
   * there is more than one worker, else here. `services` are what the job's workers reach in this thread.
   */
  executeJobModule(module: JobModuleRef, services: JobServices, jobName = "Eddy Streaming Job"): JobClient {
    const graph = this.getStreamGraph(jobName);
    this.sinks = [];
    const workers = this.getWorkers();
    const clock = describeClock(this.clock);
    if (clock === null && workers > 1 && !warnedOneThread.has(jobName)) {
      warnedOneThread.add(jobName);
      process.emitWarning(`job '${jobName}' runs on one thread, not ${workers} workers: its clock (${this.clock.constructor.name}) cannot be shared with worker threads; use the SystemClock or a ManualClock`, "EddyWarning");
    }
    if (clock === null || (workers === 1 && processPoolSharesMemory())) return executeLocally(graph, this.executionOptions(graph));
    return executeOnPool(graph, this.executionOptions(graph), { workers, module, services, environment: this.describe(clock) });
  }

  /** The settings every worker applies before it builds the job (see EnvironmentDescription). */
  describe(clock: ClockDescription): EnvironmentDescription {
    return {
      parallelism: this.parallelism,
      maxParallelism: this.maxParallelism,
      runtimeMode: this.runtimeMode,
      chainingEnabled: this.chainingEnabled,
      clock,
      config: {
        autoWatermarkInterval: this.config.getAutoWatermarkInterval(),
        globalJobParameters: this.config.getGlobalJobParameters(),
        batchSize: this.config.batchSize,
        channelCapacity: this.config.channelCapacity,
        sliceBudget: this.config.sliceBudget,
        seed: this.config.seed,
        workStealing: this.config.workStealing,
      },
    };
  }

  /** An environment with the settings of `description` (in a worker of the pool). */
  static fromDescription(description: EnvironmentDescription): StreamExecutionEnvironment {
    const env = new StreamExecutionEnvironment().setParallelism(description.parallelism).setRuntimeMode(description.runtimeMode).setClock(clockFromDescription(description.clock));
    if (description.maxParallelism !== null) env.setMaxParallelism(description.maxParallelism);
    if (!description.chainingEnabled) env.disableOperatorChaining();
    const c = description.config;
    env.config.setAutoWatermarkInterval(c.autoWatermarkInterval).setGlobalJobParameters({ ...c.globalJobParameters }).setBatchSize(c.batchSize).setChannelCapacity(c.channelCapacity).setSeed(c.seed);
    env.config.sliceBudget = c.sliceBudget;
    env.config.workStealing = c.workStealing;
    return env;
  }

  private executionOptions(graph: StreamGraph): Parameters<typeof executeLocally>[1] {
    return {
      mode: this.resolveMode(graph),
      clock: this.clock,
      chainingEnabled: this.chainingEnabled,
      batchSize: this.config.batchSize,
      channelCapacity: this.config.channelCapacity,
      watermarkInterval: this.config.getAutoWatermarkInterval(),
      seed: this.config.seed,
      sliceBudget: this.config.sliceBudget,
      jobParameters: this.config.getGlobalJobParameters(),
      onStatus: this.statusListener,
      checkpointing: this.checkpointConfig.isEnabled()
        ? { config: this.checkpointConfig.toConfig(), storage: this.checkpointConfig.getCheckpointStorage() }
        : null,
      restartStrategy:
        this.restartStrategy ?? (this.checkpointConfig.isEnabled() ? RestartStrategies.fixedDelayRestart(Number.MAX_SAFE_INTEGER, 1000) : RestartStrategies.noRestart()),
      faults: this.faults,
      restoreFrom: this.restoreFrom,
    };
  }

  getStreamGraph(jobName = "Eddy Streaming Job"): StreamGraph {
    if (this.sinks.length === 0) throw new Error("no sinks defined in the job: add print(), sinkTo(...) or executeAndCollect() before execute()");
    return buildStreamGraph(this.sinks, { jobName, defaultParallelism: this.parallelism, maxParallelism: this.maxParallelism });
  }

  /** The job graph after operator chaining (explain, tests). */
  getJobGraph(jobName = "Eddy Streaming Job"): JobGraph {
    return buildJobGraph(this.getStreamGraph(jobName), this.chainingEnabled);
  }

  // ---- internal: used by the stream classes -------------------------------------------------------

  /** @internal */
  newId(): number {
    return this.nextId++;
  }

  /** @internal */
  addSink(transformation: Transformation): void {
    this.sinks.push(transformation);
  }

  private resolveMode(graph: StreamGraph): ExecutionMode {
    const unbounded = graph.nodes.filter((n) => n.transformation.kind === "source" && n.transformation.source.boundedness !== "BOUNDED");
    if (this.runtimeMode === "BATCH" && unbounded.length > 0) {
      throw new Error(`BATCH execution needs bounded sources, but '${unbounded[0]!.name}' is unbounded: use STREAMING or AUTOMATIC`);
    }
    if (this.runtimeMode !== "AUTOMATIC") return this.runtimeMode;
    return unbounded.length === 0 ? "BATCH" : "STREAMING";
  }
}

provideEnvironment(() => StreamExecutionEnvironment.getExecutionEnvironment());
