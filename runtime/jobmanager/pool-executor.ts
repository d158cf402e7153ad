// Runs a job built from a module on the process-wide worker pool: the same lifecycle, checkpoints and restarts as in
// one thread (local-executor.ts), with attempts whose subtasks run in the pool's workers (pool-attempt.ts).
import type { JobModuleRef, JobServices } from "../api/job-module.js";
import type { EnvironmentDescription } from "../api/environment.js";
import type { StreamGraph } from "../graph/stream-graph.js";
import { WorkerPool } from "../scheduler/pool/worker-pool.js";
import type { JobClient } from "./job-client.js";
import { executeJob, type LocalExecutionOptions } from "./local-executor.js";
import { poolAttempt } from "./pool-attempt.js";

export interface PoolExecution {
  readonly workers: number;
  readonly module: JobModuleRef;
  readonly services: JobServices;
  readonly environment: EnvironmentDescription;
}

export function executeOnPool(graph: StreamGraph, options: LocalExecutionOptions, pool: PoolExecution): JobClient {
  const workers = WorkerPool.shared();
  workers.ensure(pool.workers);
  const rotation = workers.rotation++;
  const loadAtStart = workers.reports.map((r) => ({ ...r }));
  return executeJob(graph, options, (jobGraph, jobId) => (setup) =>
    poolAttempt(
      {
        jobId,
        jobName: graph.jobName,
        jobGraph,
        pool: workers,
        // why: on a cluster a worker is a slot of a TaskManager; a job takes as many as its widest vertex (Flink's slot sharing)
        workers: workers.sharesMemory ? pool.workers : Math.max(...jobGraph.vertices.map((v) => v.parallelism)),
        module: pool.module,
        services: pool.services,
        environment: pool.environment,
        mode: options.mode,
        clock: options.clock,
        rotation,
        loadAtStart,
        startedAt: performance.now(),
      },
      setup,
    ),
  );
}
