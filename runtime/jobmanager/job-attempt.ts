// One attempt at running a job: its subtasks deployed, opened, run to the end or to a failure, and closed. The
// executor (local-executor.ts) owns what outlives attempts — the job's status, the checkpoint coordinator, restarts —
// and gets attempts from a factory: all subtasks in this thread (in-thread-attempt.ts) or spread over the worker pool
// (pool-attempt.ts).
import type { CheckpointCoordinator } from "../checkpoint/checkpoint-coordinator.js";
import type { CheckpointTask } from "../checkpoint/checkpoint-task.js";
import type { FaultInjector } from "../checkpoint/fault-injector.js";
import type { EncodedRestoreLookup } from "../checkpoint/state-assignment.js";
import type { SourceStop } from "../scheduler/subtask.js";
import type { OperatorCounters, SubtaskMetricsView } from "./metrics.js";

export interface AttemptSetup {
  readonly attempt: number;
  /** The state the subtasks start from (null: fresh). */
  readonly restore: EncodedRestoreLookup | null;
  /** How subtasks take part in checkpoints; null when the job does not checkpoint. */
  readonly checkpointing: { readonly mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE"; readonly snapshotStep: number } | null;
  readonly coordinator: CheckpointCoordinator | null;
  readonly faults: FaultInjector | null;
  /** A failure that surfaced outside a slice (an asynchronous pre-commit): the attempt must stop and fail. */
  readonly failAsync: (error: unknown) => void;
}

/** Where one worker's time went, and what its cross-thread channels carried. */
export interface WorkerLoad {
  readonly worker: number;
  readonly busyMs: number;
  readonly idleMs: number;
  /** Subtasks taken from another worker's queue (placement-time balancing only, so far: 0). */
  readonly steals: number;
  /** Records and bytes this worker sent to other workers. */
  readonly exchangeRecords: number;
  readonly exchangeBytes: number;
}

export interface JobAttempt {
  /** The subtasks as the checkpoint coordinator sees them. */
  readonly tasks: readonly CheckpointTask[];
  /** Builds, restores and opens the subtasks. */
  start(): Promise<void>;
  /** Runs until every subtask finished or the attempt was cancelled; rejects when a subtask failed. */
  run(): Promise<void>;
  /** Stops at the next slice boundary; `run` then resolves. */
  cancel(): void;
  /** Stop-with-savepoint at every source subtask (see SourceStop); resolves once each of them has been told. */
  stopSources(mode: SourceStop): Promise<void>;
  /** Job-level work (checkpoint triggers) once processing time reaches `timestamp`. */
  scheduleJobAction(timestamp: number, action: (now: number) => void): void;
  /** Without checkpoints, two-phase-commit sinks still commit what they wrote when the job ends. */
  commitWithoutCheckpoints(): Promise<void>;
  /** Closes every operator once; `as` is the state unfinished subtasks end in. Rejects with a close failure of a finished job. */
  close(as: "FINISHED" | "FAILED" | "CANCELED"): Promise<void>;
  /** Operator counts per thread that runs part of the attempt. */
  counters(): readonly (readonly OperatorCounters[])[];
  /** Each subtask's own counts, state and place (the REST API's per-subtask details). */
  subtaskMetrics(): readonly Omit<SubtaskMetricsView, "startTime">[];
  /** Where the failure `error` of this attempt happened: "localhost", "<TaskManager> (<host>:<port>)"; null when unknown. */
  locationOfFailure(error: unknown): string | null;
  /**
   * Every failure the attempt saw, in order, with where it happened (a lost TaskManager often shows first as a broken
   * channel on another one); the first is the attempt's failure, the others Flink's concurrent exceptions.
   */
  failures(): readonly { readonly error: unknown; readonly location: string | null; readonly timestamp: number }[];
  /** Per worker of the pool; empty in one thread. */
  load(): readonly WorkerLoad[];
}

export type AttemptFactory = (setup: AttemptSetup) => JobAttempt;
