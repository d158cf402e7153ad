// Runs a job in this process: builds the job graph, restores state, runs attempts (in this thread, or on the worker
// pool — see job-attempt.ts) with the checkpoint coordinator, and restarts from the last completed checkpoint when
// the restart strategy allows. Keeps the job's lifecycle state.
import { isIterationGroup } from "../iteration/iteration-spec.js";
import { CheckpointCoordinator } from "../checkpoint/checkpoint-coordinator.js";
import { type CheckpointMetadata, type CheckpointStorage, FsCheckpointStorage, MemoryCheckpointStorage } from "../checkpoint/checkpoint-storage.js";
import type { CheckpointingConfig } from "../checkpoint/coordinator-state.js";
import type { FaultInjector } from "../checkpoint/fault-injector.js";
import { RestartBackoff, type RestartStrategyConfig } from "../checkpoint/restart-strategy.js";
import { assignEncodedState, type EncodedRestoreLookup } from "../checkpoint/state-assignment.js";
import { createCoordinator } from "../checkpoint/coordinator-state.js";
import { randomUUID } from "node:crypto";
import { EddyError } from "../core/errors.js";
import { buildJobGraph, type JobGraph } from "../graph/job-graph.js";
import type { StreamGraph } from "../graph/stream-graph.js";
import type { ExecutionMode } from "../operators/operator.js";
import type { Clock } from "../time/clock.js";
import type { JobClient, JobExecutionResult, RestartCause, StopOptions } from "./job-client.js";
import { createJob, type JobState, type JobStatus, transitionChecked } from "./job-status.js";
import { inThreadAttempt } from "./in-thread-attempt.js";
import type { AttemptFactory, AttemptSetup, JobAttempt } from "./job-attempt.js";
import { combineMetrics, type JobMetrics } from "./metrics.js";
import { jobPlanOf } from "./job-plan.js";

export interface CheckpointingOptions {
  readonly config: CheckpointingConfig;
  /** A directory (file-system storage) or a storage object; in memory when absent. */
  readonly storage: string | CheckpointStorage | null;
}

export interface LocalExecutionOptions {
  readonly mode: ExecutionMode;
  readonly clock: Clock;
  readonly chainingEnabled: boolean;
  readonly batchSize: number;
  readonly channelCapacity: number;
  readonly watermarkInterval: number;
  readonly seed: number;
  readonly sliceBudget: number;
  readonly jobParameters: Readonly<Record<string, unknown>>;
  readonly checkpointing: CheckpointingOptions | null;
  readonly restartStrategy: RestartStrategyConfig;
  readonly faults: FaultInjector | null;
  /** Start from this savepoint or retained checkpoint (a `chk-<id>` directory). */
  readonly restoreFrom: { readonly path: string; readonly allowNonRestoredState: boolean } | null;
  /** Notified on every status change (progress displays, tests). */
  readonly onStatus?: (job: JobState) => void;
}

/** Runs every subtask of the job in the calling thread. */
export function executeLocally(graph: StreamGraph, options: LocalExecutionOptions): JobClient {
  return executeJob(graph, options, (jobGraph) => {
    const monotonicNow = () => performance.now();
    const settings = {
      jobName: graph.jobName,
      mode: options.mode,
      clock: options.clock,
      batchSize: options.batchSize,
      channelCapacity: options.channelCapacity,
      watermarkInterval: options.watermarkInterval,
      seed: options.seed,
      jobParameters: options.jobParameters,
      monotonicNow,
      sliceBudget: options.sliceBudget,
    };
    return (setup) => inThreadAttempt(jobGraph, options.chainingEnabled, settings, setup);
  });
}

/** A job id unique in this process and across processes (the cluster keeps job ids in a shared store). */
export function newJobId(): string {
  return `job-${randomUUID().slice(0, 8)}`;
}

/** Runs a job with attempts from `attempts` (given the job graph): the lifecycle, checkpoints and restarts. */
export function executeJob(graph: StreamGraph, options: LocalExecutionOptions, attempts: (jobGraph: JobGraph, jobId: string) => AttemptFactory): JobClient {
  const monotonicNow = () => performance.now();
  const clock = options.clock;
  const jobName = graph.jobName;
  const jobId = newJobId();
  let state: JobState = createJob(jobId, jobName, clock.now());
  const setStatus = (to: JobStatus, failure?: { message: string; domain: string }) => {
    state = transitionChecked(state, to, clock.now(), failure);
    options.onStatus?.(state);
  };

  const jobGraph: JobGraph = buildJobGraph(graph, options.chainingEnabled);
  const operators = Object.fromEntries(graph.nodes.map((n) => [n.uid, { parallelism: n.parallelism, maxParallelism: n.maxParallelism }]));
  const targets = graph.nodes.map((n) => ({ uid: n.uid, name: n.name, parallelism: n.parallelism, maxParallelism: n.maxParallelism }));
  const checkpointing = options.checkpointing;
  const storage: CheckpointStorage | null =
    checkpointing === null ? null : typeof checkpointing.storage === "string" ? new FsCheckpointStorage(checkpointing.storage) : (checkpointing.storage ?? new MemoryCheckpointStorage());
  const backoff = new RestartBackoff(options.restartStrategy);
  const started = monotonicNow();
  let finishedAt: number | null = null;
  let cancelRequested = false;
  let stopAfterSavepoint = false;
  const newAttempt = attempts(jobGraph, jobId);
  let current: JobAttempt | null = null;
  let coordinator: CheckpointCoordinator | null = null;
  let asyncFailure: unknown = null;
  let restarts = 0;
  const restartHistory: RestartCause[] = [];
  /** When the current attempt started, on the job's clock (the REST API's subtask start times). */
  let attemptStartedAt = clock.now();
  /** A stop --drain in progress: the attempt runs until the drained sources' results reached the sinks. */
  let draining: DrainRequest | null = null;

  const failAsync = (error: unknown) => {
    asyncFailure ??= error;
    current?.cancel();
  };

  const metrics = (): JobMetrics => {
    const workers = current?.load() ?? [];
    return {
      ...(current === null ? { elapsedMs: 0, operators: [] } : combineMetrics(jobGraph, current.counters(), (finishedAt ?? monotonicNow()) - started)),
      restarts,
      checkpoints: coordinator?.stats() ?? null,
      ...(workers.length === 0 ? {} : { workers }),
      subtasks: current === null ? [] : current.subtaskMetrics().map((m) => ({ ...m, startTime: attemptStartedAt })),
    };
  };

  const initialRestore = (): { storage: CheckpointStorage; metadata: CheckpointMetadata } | null => {
    if (options.restoreFrom === null) return null;
    const { directory, id } = parseCheckpointPath(options.restoreFrom.path);
    const fs = new FsCheckpointStorage(directory);
    const metadata = fs.readMetadata(id);
    if (metadata === null) throw new EddyError("user", `no completed checkpoint or savepoint at '${options.restoreFrom.path}' (its _metadata is missing)`, { job: jobName }, { retriable: false });
    return { storage: fs, metadata };
  };

  /** One attempt: build, restore, open and run the subtasks until they finish or something fails. */
  const runAttempt = async (attempt: number, restore: EncodedRestoreLookup | null): Promise<void> => {
    const setup: AttemptSetup = {
      attempt,
      restore,
      checkpointing: checkpointing === null ? null : { mode: checkpointing.config.mode, snapshotStep: checkpointing.config.snapshotStep },
      coordinator,
      faults: options.faults,
      // why: a late failure of an attempt that was already replaced must not fail the next one
      failAsync: (e) => {
        if (current === a) failAsync(e);
      },
    };
    const a = newAttempt(setup);
    current = a;
    attemptStartedAt = clock.now();
    await a.start();
    coordinator?.attach(a.tasks);
    await a.run();
    if (asyncFailure !== null) throw asyncFailure;
    if (cancelRequested) return;
    coordinator?.stop();
    const drained = draining;
    if (coordinator !== null && drained !== null) {
      // why the final checkpoint is the savepoint: every subtask finished, so it holds their final state and its
      // completion commits what the drained windows wrote (Flink's stop --drain ends with the savepoint)
      const completed = await coordinator.triggerCheckpoint(true, new FsCheckpointStorage(drained.directory), true);
      await coordinator.drainNotifications();
      drained.path = `${drained.directory}/chk-${completed.id}`;
    } else if (coordinator !== null) await coordinator.finalCheckpoint();
    else await a.commitWithoutCheckpoints();
    if (asyncFailure !== null) throw asyncFailure;
  };

  const run = async (): Promise<JobExecutionResult> => {
    let restore: EncodedRestoreLookup | null = null;
    let initial: { storage: CheckpointStorage; metadata: CheckpointMetadata } | null = null;
    try {
      setStatus("RUNNING");
      initial = initialRestore();
      if (initial !== null) restore = assignEncodedState(initial.storage, initial.metadata, targets, options.restoreFrom!.allowNonRestoredState);
      if (checkpointing !== null) {
        coordinator = new CheckpointCoordinator(
          {
            jobName,
            config: checkpointing.config,
            storage: storage!,
            clock,
            faults: options.faults,
            operators,
            periodic: options.mode === "STREAMING" && Number.isFinite(checkpointing.config.intervalMs),
            scheduleJobAction: (ts, action) => current?.scheduleJobAction(ts, action),
            fail: failAsync,
          },
          // why: continue the restored job's checkpoint ids (as Flink), so retention in a shared directory keeps the new ones
          initial === null ? null : createCoordinator(checkpointing.config, initial.metadata.checkpointId + 1),
        );
        warnIfNotReplayable(graph, checkpointing.config.mode);
        rejectIterations(graph);
      }
    } catch (e) {
      return fail(e);
    }

    for (let attempt = 0; ; attempt++) {
      try {
        await runAttempt(attempt, restore);
        if (cancelRequested) {
          await current!.close("CANCELED");
          finishedAt = monotonicNow();
          if (stopAfterSavepoint) {
            setStatus("FINISHED");
            return result();
          }
          setStatus("CANCELED");
          throw new EddyError("user", `job '${jobName}' was cancelled`, { job: jobName }, { retriable: false });
        }
        await current!.close("FINISHED");
        finishedAt = monotonicNow();
        setStatus("FINISHED");
        return result();
      } catch (e) {
        if (state.status === "CANCELED" || state.status === "FINISHED") throw e;
        const error = asEddyError(e, jobName);
        const location = current?.locationOfFailure(e) ?? null;
        // why: a stop --drain does not survive a failure; the restarted job runs on (as Flink fails the stop)
        draining?.settle();
        draining = null;
        coordinator?.stop();
        // why best effort: the attempt has failed already; a worker of the pool that died meanwhile (its close is
        // rejected) must not stop the restart, nor replace the failure the restart strategy decides on
        if (current !== null) await current.close("FAILED").catch(() => {});
        // why after the close: a lost TaskManager is often noticed while the attempt closes (after a broken channel)
        const concurrent = (current?.failures() ?? []).filter((f) => f.error !== e).map((f) => failureOf(asEddyError(f.error, jobName), f.timestamp, f.location));
        asyncFailure = null;
        if (cancelRequested) return fail(error);
        const decision = error.retriable ? backoff.onFailure(clock.now()) : { restart: false, delayMs: 0, reason: "the failure is not retriable" };
        if (!decision.restart) return fail(error);
        setStatus("FAILING", { message: error.message, domain: error.domain });
        setStatus("RESTARTING");
        restartHistory.push({ ...failureOf(error, clock.now(), location), attempt, concurrent });
        restarts++;
        if (decision.delayMs > 0) await clock.sleepUntil(clock.now() + decision.delayMs);
        try {
          restore = latestRestore(storage, targets) ?? restore;
        } catch (restoreError) {
          return fail(restoreError);
        }
        setStatus("RUNNING");
      }
    }
  };

  const result = (): JobExecutionResult => ({ jobId, jobName, netRuntime: (finishedAt ?? monotonicNow()) - started, metrics: metrics() });

  const fail = async (e: unknown): Promise<never> => {
    finishedAt ??= monotonicNow();
    const error = asEddyError(e, jobName);
    if (current !== null) await current.close("FAILED").catch(() => {});
    if (state.status !== "FAILING") setStatus("FAILING", { message: error.message, domain: error.domain });
    setStatus("FAILED");
    throw error;
  };

  const resultPromise = run();
  resultPromise.catch(() => {}); // why: the caller observes failures through getJobExecutionResult()

  const savepoint = async (directory: string): Promise<string> => {
    if (coordinator === null) throw new EddyError("user", "savepoints need checkpointing: call env.enableCheckpointing(...) first", { job: jobName }, { retriable: false });
    if (state.status !== "RUNNING") throw new EddyError("user", `cannot take a savepoint of a job that is ${state.status}`, { job: jobName }, { retriable: false });
    const target = new FsCheckpointStorage(directory);
    const completed = await coordinator.triggerCheckpoint(true, target);
    await coordinator.drainNotifications();
    return `${directory}/chk-${completed.id}`;
  };

  return {
    getJobID: () => jobId,
    getJobStatus: async () => state.status,
    getJobPlan: () => jobPlanOf(jobGraph),
    cancel: async () => {
      if (state.status === "RUNNING" || state.status === "CREATED" || state.status === "RESTARTING") {
        cancelRequested = true;
        setStatus("CANCELLING");
        current?.cancel();
      }
      await resultPromise.catch(() => {});
    },
    getJobExecutionResult: () => resultPromise,
    metrics,
    triggerSavepoint: savepoint,
    stopWithSavepoint: (directory: string, stop: StopOptions = {}) => (stop.drain === true ? drain(directory) : haltAndSavepoint(directory)),
    restartHistory: () => [...restartHistory],
  };

  /** Stop without drain: the sources read nothing more, the savepoint is taken, the job ends FINISHED. */
  async function haltAndSavepoint(directory: string): Promise<string> {
    requireSavepointable();
    const attempt = current!;
    // why before the savepoint: its barrier then leaves every source after the last record, and nothing follows it
    await attempt.stopSources("halt");
    let path: string;
    try {
      path = await savepoint(directory);
    } catch (e) {
      // why: as Flink, a stop whose savepoint failed leaves the job running
      if (current === attempt) await attempt.stopSources("resume").catch(() => {});
      throw e;
    }
    stopAfterSavepoint = true;
    cancelRequested = true;
    current?.cancel();
    await resultPromise.catch(() => {});
    return path;
  }

  /** Stop with drain: the sources end their input, every window fires, the last checkpoint is the savepoint. */
  async function drain(directory: string): Promise<string> {
    requireSavepointable();
    if (draining !== null) throw new EddyError("user", `job '${jobName}' is being stopped with drain already`, { job: jobName }, { retriable: false });
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const request: DrainRequest = { directory, path: null, settle };
    draining = request;
    // why also the job's end: a job that ends (or fails for good) while draining settles no request itself
    void resultPromise.then(settle, settle);
    try {
      await current!.stopSources("drain");
    } catch (e) {
      // why: the attempt failed as it was told (a worker died); the restarted job must not end itself into this savepoint
      if (draining === request) draining = null;
      throw e;
    }
    await settled;
    if (request.path !== null) {
      await resultPromise.catch(() => {});
      return request.path;
    }
    const status = state.status;
    throw new EddyError(
      "user",
      status === "FINISHED" || status === "FAILED" || status === "CANCELED"
        ? `stop with drain of job '${jobName}' took no savepoint: the job ended ${status} first`
        : `stop with drain of job '${jobName}' failed: the job failed while draining and restarted (it keeps running)`,
      { job: jobName },
      { retriable: false },
    );
  }

  function requireSavepointable(): void {
    if (coordinator === null) throw new EddyError("user", "savepoints need checkpointing: call env.enableCheckpointing(...) first", { job: jobName }, { retriable: false });
    if (state.status !== "RUNNING" || current === null) throw new EddyError("user", `cannot stop job '${jobName}' with a savepoint: it is ${state.status}`, { job: jobName }, { retriable: false });
  }
}

interface DrainRequest {
  readonly directory: string;
  /** The savepoint, once taken. */
  path: string | null;
  /** Wakes the stop request: the savepoint was taken, or the drain failed. */
  readonly settle: () => void;
}

function failureOf(error: EddyError, timestamp: number, location: string | null): Omit<RestartCause, "concurrent" | "attempt"> {
  const { operator, subtask } = error.context;
  return {
    timestamp,
    name: error.name,
    message: error.message,
    stack: error.stack ?? `${error.name}: ${error.message}`,
    task: operator === undefined ? null : subtask === undefined ? operator : `${operator} #${subtask}`,
    location,
  };
}

function latestRestore(storage: CheckpointStorage | null, targets: Parameters<typeof assignEncodedState>[2]): EncodedRestoreLookup | null {
  const latest = storage?.latest() ?? null;
  // why: a restart restores its own checkpoints, so their operators always match
  return latest === null ? null : assignEncodedState(storage!, latest, targets, true);
}

function parseCheckpointPath(path: string): { directory: string; id: number } {
  const m = /^(.*)[/\\]chk-(\d+)[/\\]?$/.exec(path);
  if (m === null) throw new EddyError("user", `'${path}' is not a checkpoint or savepoint directory (expected …/chk-<id>)`, {}, { retriable: false });
  return { directory: m[1]!, id: Number(m[2]) };
}

function asEddyError(e: unknown, jobName: string): EddyError {
  return e instanceof EddyError ? e : new EddyError("internal", `job '${jobName}' failed: ${(e as Error)?.message ?? e}`, { job: jobName }, { cause: e });
}

/** Iterations do not take part in checkpoints: barriers would have to travel the feedback loop (Flink ML logs it). */
function rejectIterations(graph: StreamGraph): void {
  const node = graph.nodes.find((n) => isIterationGroup(n.transformation.coLocationGroup));
  if (node === undefined) return;
  throw new EddyError(
    "user",
    `job '${graph.jobName}' has an iteration ('${node.name}') and checkpointing enabled: iterations do not take part in checkpoints yet — run the iteration in a job without enableCheckpointing (it restarts from the beginning after a failure)`,
    { job: graph.jobName, operator: node.name },
    { retriable: false },
  );
}

function warnIfNotReplayable(graph: StreamGraph, mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE"): void {
  if (mode !== "EXACTLY_ONCE") return;
  for (const n of graph.nodes) {
    if (n.transformation.kind === "source" && n.transformation.source.replayable !== true) {
      process.emitWarning(`source '${n.name}' cannot replay: job '${graph.jobName}' is at-least-once at best (records read before a failure are not read again)`, "EddyWarning");
    }
  }
}
