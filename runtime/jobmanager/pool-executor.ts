// Runs a job built from a module on the process-wide worker pool: the same lifecycle, checkpoints and restarts as in
// one thread (local-executor.ts), with attempts whose subtasks run in the pool's workers (pool-attempt.ts).
import type { JobModuleRef, JobServices } from "../api/job-module.js";
import type { EnvironmentDescription } from "../api/environment.js";
import { EddyError } from "../core/errors.js";
import type { StreamGraph } from "../graph/stream-graph.js";
import { WorkerPool } from "../scheduler/pool/worker-pool.js";
import type { JobClient } from "./job-client.js";
import { executeJob, type LocalExecutionOptions } from "./local-executor.js";
import { poolAttempt } from "./pool-attempt.js";

/** Where workers find the job: the module, and either the export's name or the exported value to look for. */
export interface JobModuleLocator {
  readonly url: string;
  readonly exportName?: string;
  /** The exported value (a defineJob definition): its export name is looked up in the module. */
  readonly find?: unknown;
  readonly call?: { readonly input: unknown } | null;
  readonly args?: unknown;
}

export interface PoolExecution {
  readonly workers: number;
  readonly module: JobModuleLocator;
  readonly services: JobServices;
  readonly environment: EnvironmentDescription;
}

export function executeOnPool(graph: StreamGraph, options: LocalExecutionOptions, pool: PoolExecution): JobClient {
  const workers = WorkerPool.shared();
  workers.ensure(pool.workers);
  const rotation = workers.rotation++;
  let resolved: Promise<JobModuleRef> | null = null;
  const module = () => (resolved ??= resolveModule(graph.jobName, pool.module));
  const loadAtStart = workers.reports.map((r) => ({ ...r }));
  return executeJob(graph, options, (jobGraph, jobId) => (setup) =>
    poolAttempt(
      {
        jobId,
        jobName: graph.jobName,
        jobGraph,
        pool: workers,
        workers: pool.workers,
        module,
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

async function resolveModule(jobName: string, locator: JobModuleLocator): Promise<JobModuleRef> {
  let exportName = locator.exportName;
  if (exportName === undefined) {
    let exports: Record<string, unknown>;
    try {
      exports = (await import(locator.url)) as Record<string, unknown>;
    } catch (e) {
      throw new EddyError("user", `the module of job '${jobName}' (${locator.url}) cannot be imported: ${(e as Error).message}`, { job: jobName }, { cause: e, retriable: false });
    }
    exportName = Object.keys(exports).find((k) => exports[k] === locator.find);
    if (exportName === undefined) {
      throw new EddyError(
        "user",
        `job '${jobName}' is not exported from ${locator.url}: the pool's workers load a job by its export, so write \`export const ${camel(jobName)} = defineJob(import.meta.url, …)\` (or run it with workers 1)`,
        { job: jobName },
        { retriable: false },
      );
    }
  }
  return { url: locator.url, exportName, call: locator.call ?? null, args: locator.args };
}

function camel(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join("") || "job";
}
