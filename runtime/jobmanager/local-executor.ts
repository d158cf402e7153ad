// Runs a job in this process: builds the graphs, restores state, opens the subtasks, drives the
// scheduler and the checkpoint coordinator, and restarts from the last completed checkpoint when
// the restart strategy allows. Keeps the job's lifecycle state.
import { CheckpointCoordinator } from "../checkpoint/checkpoint-coordinator.js";
import { type CheckpointMetadata, type CheckpointStorage, FsCheckpointStorage, MemoryCheckpointStorage } from "../checkpoint/checkpoint-storage.js";
import type { CheckpointingConfig } from "../checkpoint/coordinator-state.js";
import type { FaultInjector } from "../checkpoint/fault-injector.js";
import { RestartBackoff, type RestartStrategyConfig } from "../checkpoint/restart-strategy.js";
import { assignState, type RestoreLookup } from "../checkpoint/state-assignment.js";
import { createCoordinator, DEFAULT_CHECKPOINTING } from "../checkpoint/coordinator-state.js";
import { EddyError } from "../core/errors.js";
import { buildExecutionGraph, type ExecutionGraph } from "../graph/execution-graph.js";
import { buildJobGraph, type JobGraph } from "../graph/job-graph.js";
import type { StreamGraph } from "../graph/stream-graph.js";
import type { ExecutionMode } from "../operators/operator.js";
import { SingleThreadScheduler } from "../scheduler/single-thread-scheduler.js";
import type { Subtask } from "../scheduler/subtask.js";
import type { Clock } from "../time/clock.js";
import type { JobClient, JobExecutionResult } from "./job-client.js";
import { createJob, type JobState, type JobStatus, transitionChecked } from "./job-status.js";
import { collectMetrics, type JobMetrics } from "./metrics.js";

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

let jobCounter = 0;

export function executeLocally(graph: StreamGraph, options: LocalExecutionOptions): JobClient {
  const monotonicNow = () => performance.now();
  const clock = options.clock;
  const jobName = graph.jobName;
  const jobId = `job-${(++jobCounter).toString().padStart(4, "0")}`;
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
  let scheduler: SingleThreadScheduler | null = null;
  let execution: ExecutionGraph | null = null;
  let coordinator: CheckpointCoordinator | null = null;
  let asyncFailure: unknown = null;
  let restarts = 0;

  const failAsync = (error: unknown) => {
    asyncFailure ??= error;
    scheduler?.cancel();
  };

  const metrics = (): JobMetrics => ({
    ...(execution === null
      ? { elapsedMs: 0, operators: [] }
      : collectMetrics(jobGraph, execution, options.chainingEnabled, (finishedAt ?? monotonicNow()) - started)),
    restarts,
    checkpoints: coordinator?.stats() ?? null,
  });

  const initialRestore = (): { storage: CheckpointStorage; metadata: CheckpointMetadata } | null => {
    if (options.restoreFrom === null) return null;
    const { directory, id } = parseCheckpointPath(options.restoreFrom.path);
    const fs = new FsCheckpointStorage(directory);
    const metadata = fs.readMetadata(id);
    if (metadata === null) throw new EddyError("user", `no completed checkpoint or savepoint at '${options.restoreFrom.path}' (its _metadata is missing)`, { job: jobName }, { retriable: false });
    return { storage: fs, metadata };
  };

  /** One attempt: build, restore, open and run the subtasks until they finish or something fails. */
  const runAttempt = async (attempt: number, restore: RestoreLookup | null): Promise<void> => {
    const s = new SingleThreadScheduler({ clock, sliceBudget: options.sliceBudget, monotonicNow });
    scheduler = s;
    const exec = buildExecutionGraph(jobGraph, {
      jobName,
      mode: options.mode,
      clock,
      batchSize: options.batchSize,
      channelCapacity: options.channelCapacity,
      watermarkInterval: options.watermarkInterval,
      seed: options.seed,
      attemptNumber: attempt,
      jobParameters: options.jobParameters,
      monotonicNow,
      schedule: (subtask, ts, action) => s.schedule(subtask, ts, action),
    });
    execution = exec;
    if (restore !== null) options.faults?.onRestore();
    for (const subtask of exec.subtasks) {
      subtask.operators.forEach((op, i) => op.initializeState(restore?.(subtask.operatorUids[i]!, subtask.index) ?? null));
    }
    if (coordinator !== null) {
      const c = coordinator;
      for (const subtask of exec.subtasks) {
        subtask.checkpointing = {
          mode: checkpointing!.config.mode,
          faults: options.faults,
          snapshotStep: checkpointing!.config.snapshotStep,
          acknowledge: (t, id, snapshots, timing) => c.acknowledge(t, id, snapshots, timing),
          finished: (t) => c.finished(t),
          // why: a late failure of an attempt that was already replaced must not fail the next one
          fail: (_t, e) => {
            if (scheduler !== s) return;
            failAsync(e);
            // why: the job may be past its subtasks, waiting for the final checkpoint, which now never completes
            c.failPending(e);
          },
        };
      }
    } else if (options.faults !== null) {
      for (const subtask of exec.subtasks) subtask.checkpointing = { mode: "EXACTLY_ONCE", faults: options.faults, snapshotStep: DEFAULT_CHECKPOINTING.snapshotStep, acknowledge: () => {}, finished: () => {}, fail: (_t, e) => failAsync(e) };
    }
    for (const subtask of exec.subtasks) await subtask.open();
    coordinator?.attach(exec.subtasks);
    await s.run(exec.subtasks);
    if (asyncFailure !== null) throw asyncFailure;
    if (cancelRequested) return;
    coordinator?.stop();
    if (coordinator !== null) await coordinator.finalCheckpoint();
    else await commitWithoutCheckpoints(exec.subtasks);
    if (asyncFailure !== null) throw asyncFailure;
  };

  const run = async (): Promise<JobExecutionResult> => {
    let restore: RestoreLookup | null = null;
    let initial: { storage: CheckpointStorage; metadata: CheckpointMetadata } | null = null;
    try {
      setStatus("RUNNING");
      initial = initialRestore();
      if (initial !== null) restore = assignState(initial.storage, initial.metadata, targets, options.restoreFrom!.allowNonRestoredState);
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
            scheduleJobAction: (ts, action) => scheduler?.scheduleJobAction(ts, action),
            fail: failAsync,
          },
          // why: continue the restored job's checkpoint ids (as Flink), so retention in a shared directory keeps the new ones
          initial === null ? null : createCoordinator(checkpointing.config, initial.metadata.checkpointId + 1),
        );
        warnIfNotReplayable(graph, checkpointing.config.mode);
      }
    } catch (e) {
      return fail(e);
    }

    for (let attempt = 0; ; attempt++) {
      try {
        await runAttempt(attempt, restore);
        if (cancelRequested) {
          await closeAll(execution!, "CANCELED");
          finishedAt = monotonicNow();
          if (stopAfterSavepoint) {
            setStatus("FINISHED");
            return result();
          }
          setStatus("CANCELED");
          throw new EddyError("user", `job '${jobName}' was cancelled`, { job: jobName }, { retriable: false });
        }
        for (const s of execution!.subtasks) await s.close();
        finishedAt = monotonicNow();
        setStatus("FINISHED");
        return result();
      } catch (e) {
        if (state.status === "CANCELED" || state.status === "FINISHED") throw e;
        const error = asEddyError(e, jobName);
        coordinator?.stop();
        if (execution !== null) await closeAll(execution, "FAILED");
        asyncFailure = null;
        if (cancelRequested) return fail(error);
        const decision = error.retriable ? backoff.onFailure(clock.now()) : { restart: false, delayMs: 0, reason: "the failure is not retriable" };
        if (!decision.restart) return fail(error);
        setStatus("FAILING", { message: error.message, domain: error.domain });
        setStatus("RESTARTING");
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
    if (execution !== null) await closeAll(execution, "FAILED");
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
    cancel: async () => {
      if (state.status === "RUNNING" || state.status === "CREATED" || state.status === "RESTARTING") {
        cancelRequested = true;
        setStatus("CANCELLING");
        scheduler?.cancel();
      }
      await resultPromise.catch(() => {});
    },
    getJobExecutionResult: () => resultPromise,
    metrics,
    triggerSavepoint: savepoint,
    stopWithSavepoint: async (directory: string) => {
      const path = await savepoint(directory);
      stopAfterSavepoint = true;
      cancelRequested = true;
      scheduler?.cancel();
      await resultPromise.catch(() => {});
      return path;
    },
  };
}

/** Without checkpoints, two-phase-commit sinks still commit what they wrote when the job ends. */
async function commitWithoutCheckpoints(subtasks: readonly Subtask[]): Promise<void> {
  for (const s of subtasks) {
    for (const op of s.operators) {
      if ((op as { commitsOnCheckpoint?: boolean }).commitsOnCheckpoint !== true) continue;
      await op.snapshotStateOnBarrier(Number.MAX_SAFE_INTEGER).operatorState;
      await op.notifyCheckpointComplete(Number.MAX_SAFE_INTEGER);
    }
  }
}

function latestRestore(storage: CheckpointStorage | null, targets: Parameters<typeof assignState>[2]): RestoreLookup | null {
  const latest = storage?.latest() ?? null;
  // why: a restart restores its own checkpoints, so their operators always match
  return latest === null ? null : assignState(storage!, latest, targets, true);
}

function parseCheckpointPath(path: string): { directory: string; id: number } {
  const m = /^(.*)[/\\]chk-(\d+)[/\\]?$/.exec(path);
  if (m === null) throw new EddyError("user", `'${path}' is not a checkpoint or savepoint directory (expected …/chk-<id>)`, {}, { retriable: false });
  return { directory: m[1]!, id: Number(m[2]) };
}

function asEddyError(e: unknown, jobName: string): EddyError {
  return e instanceof EddyError ? e : new EddyError("internal", `job '${jobName}' failed: ${(e as Error)?.message ?? e}`, { job: jobName }, { cause: e });
}

async function closeAll(execution: ExecutionGraph, as: "FAILED" | "CANCELED"): Promise<void> {
  for (const s of execution.subtasks) {
    if (s.state === "RUNNING" || s.state === "CREATED") s.state = as;
    await s.close().catch(() => {});
  }
}

function warnIfNotReplayable(graph: StreamGraph, mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE"): void {
  if (mode !== "EXACTLY_ONCE") return;
  for (const n of graph.nodes) {
    if (n.transformation.kind === "source" && n.transformation.source.replayable !== true) {
      process.emitWarning(`source '${n.name}' cannot replay: job '${graph.jobName}' is at-least-once at best (records read before a failure are not read again)`, "EddyWarning");
    }
  }
}
