// Runs a job in this process: builds the graphs, opens the subtasks, drives the scheduler and
// keeps the job's lifecycle state.
import { EddyError } from "../core/errors.js";
import type { ExecutionMode } from "../operators/operator.js";
import { buildExecutionGraph, type ExecutionGraph } from "../graph/execution-graph.js";
import { buildJobGraph, type JobGraph } from "../graph/job-graph.js";
import type { StreamGraph } from "../graph/stream-graph.js";
import { SingleThreadScheduler } from "../scheduler/single-thread-scheduler.js";
import type { Clock } from "../time/clock.js";
import type { JobClient, JobExecutionResult } from "./job-client.js";
import { createJob, type JobState, type JobStatus, transitionChecked } from "./job-status.js";
import { collectMetrics, type JobMetrics } from "./metrics.js";

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
  /** Notified on every status change (progress displays, tests). */
  readonly onStatus?: (job: JobState) => void;
}

let jobCounter = 0;

export function executeLocally(graph: StreamGraph, options: LocalExecutionOptions): JobClient {
  const monotonicNow = () => performance.now();
  const jobId = `job-${(++jobCounter).toString().padStart(4, "0")}`;
  let state: JobState = createJob(jobId, graph.jobName, options.clock.now());
  const setStatus = (to: JobStatus, failure?: { message: string; domain: string }) => {
    state = transitionChecked(state, to, options.clock.now(), failure);
    options.onStatus?.(state);
  };

  const jobGraph: JobGraph = buildJobGraph(graph, options.chainingEnabled);
  const scheduler = new SingleThreadScheduler({ clock: options.clock, sliceBudget: options.sliceBudget, monotonicNow });
  const execution: ExecutionGraph = buildExecutionGraph(jobGraph, {
    jobName: graph.jobName,
    mode: options.mode,
    clock: options.clock,
    batchSize: options.batchSize,
    channelCapacity: options.channelCapacity,
    watermarkInterval: options.watermarkInterval,
    seed: options.seed,
    attemptNumber: 0,
    jobParameters: options.jobParameters,
    monotonicNow,
    schedule: (subtask, ts, action) => scheduler.schedule(subtask, ts, action),
  });
  const started = monotonicNow();
  let finishedAt: number | null = null;
  let cancelRequested = false;
  const metrics = (): JobMetrics => collectMetrics(jobGraph, execution, options.chainingEnabled, (finishedAt ?? monotonicNow()) - started);

  const run = async (): Promise<JobExecutionResult> => {
    try {
      setStatus("RUNNING");
      for (const s of execution.subtasks) await s.open();
      await scheduler.run(execution.subtasks);
      if (cancelRequested) {
        await closeAll(execution, "CANCELED");
        setStatus("CANCELED");
        throw new EddyError("user", `job '${graph.jobName}' was cancelled`, { job: graph.jobName }, { retriable: false });
      }
      for (const s of execution.subtasks) await s.close();
      finishedAt = monotonicNow();
      setStatus("FINISHED");
      return { jobId, jobName: graph.jobName, netRuntime: finishedAt - started, metrics: metrics() };
    } catch (e) {
      finishedAt ??= monotonicNow();
      if (state.status === "CANCELED") throw e;
      const error = e instanceof EddyError ? e : new EddyError("internal", `job '${graph.jobName}' failed: ${(e as Error)?.message ?? e}`, { job: graph.jobName }, { cause: e });
      if (state.status !== "FAILING") setStatus("FAILING", { message: error.message, domain: error.domain });
      await closeAll(execution, "FAILED");
      setStatus("FAILED");
      throw error;
    }
  };

  const result = run();
  result.catch(() => {}); // why: the caller observes failures through getJobExecutionResult()
  return {
    getJobID: () => jobId,
    getJobStatus: async () => state.status,
    cancel: async () => {
      if (state.status === "RUNNING" || state.status === "CREATED") {
        cancelRequested = true;
        setStatus("CANCELLING");
        scheduler.cancel();
      }
      await result.catch(() => {});
    },
    getJobExecutionResult: () => result,
    metrics,
  };
}

async function closeAll(execution: ExecutionGraph, as: "FAILED" | "CANCELED"): Promise<void> {
  for (const s of execution.subtasks) {
    if (s.state === "RUNNING" || s.state === "CREATED") s.state = as;
    await s.close().catch(() => {});
  }
}
