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
  /** Takes a savepoint, then stops the job (FINISHED); resolves to the savepoint's path. */
  stopWithSavepoint(directory: string): Promise<string>;
}
