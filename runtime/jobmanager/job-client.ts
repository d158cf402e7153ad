// JobClient: a handle on a job submitted with executeAsync (status, cancel, result, metrics).
import type { JobMetrics } from "./metrics.js";
import type { JobPlan } from "./job-plan.js";
import type { JobStatus } from "./job-status.js";

export interface JobExecutionResult {
  readonly jobId: string;
  readonly jobName: string;
  /** Wall-clock run time in milliseconds. */
  readonly netRuntime: number;
  readonly metrics: JobMetrics;
}

/** A failure that made the job restart (Flink's exceptionHistory entry), oldest first in JobClient.restartHistory(). */
export interface RestartCause {
  /** When the failure was handled, on the job's clock. */
  readonly timestamp: number;
  /** The attempt that failed (0 = the first). */
  readonly attempt: number;
  /** The exception's class-like name (EddyError, Error, …). */
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  /** The failed task as "<operator> #<subtask>", when the failure names one. */
  readonly task: string | null;
  /** Where it failed: "localhost", "<TaskManager id> (<host>:<port>)"; null when unknown. */
  readonly location: string | null;
  /** Other failures of the same attempt while it stopped (Flink's concurrentExceptions): a lost TaskManager, say. */
  readonly concurrent: readonly Omit<RestartCause, "concurrent" | "attempt">[];
}

export interface StopOptions {
  /**
   * Flink's stop --drain: the sources end their input and emit the final watermark, so every event-time timer and
   * window fires and the results reach the sinks before the savepoint is taken. Without it the sources stop where they
   * are, the savepoint keeps the open windows, and a job restored from it emits them.
   */
  readonly drain?: boolean;
}

export interface JobClient {
  getJobID(): string;
  getJobStatus(): Promise<JobStatus>;
  /** The job graph as plain data: vertices (chains) with parallelism and operator names, edges with ship strategy. */
  getJobPlan(): JobPlan;
  /** Stops the job; resolves once it is CANCELED. */
  cancel(): Promise<void>;
  /** Resolves when the job FINISHED; rejects with the failure (or the cancellation). */
  getJobExecutionResult(): Promise<JobExecutionResult>;
  /** Live metrics, per operator. */
  metrics(): JobMetrics;
  /** Takes a savepoint into `directory`; resolves to its path (`<directory>/chk-<id>`). */
  triggerSavepoint(directory: string): Promise<string>;
  /**
   * Stops the sources, takes a savepoint into `directory` and ends the job (FINISHED); resolves to the savepoint's
   * path. When the savepoint fails the sources go on and the job keeps running (as Flink).
   */
  stopWithSavepoint(directory: string, options?: StopOptions): Promise<string>;
  /** The failures the job restarted after, oldest first (its final failure, if any, is getJobExecutionResult's). */
  restartHistory(): readonly RestartCause[];
}
