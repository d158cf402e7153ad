// What the Dispatcher expects of an uploaded bundle (the JavaScript `eddy compile` writes as index.js, or bundleJob
// makes in memory): an ES module exporting `jobs`, one factory per job, whose `start()` returns a running handle.
import type { JobClient } from "../../jobmanager/job-client.js";
import type { JobMetrics } from "../../jobmanager/metrics.js";

/** The options a JobMaster passes to a job's factory (runtime/support/job.ts RunOptions, the part it uses). */
export interface BundleRunOptions {
  readonly parallelism?: number;
  readonly checkpointDir?: string;
  readonly restoreFrom?: string;
  readonly allowNonRestoredState?: boolean;
  readonly workers?: number;
  readonly stdout?: { write(chunk: string): boolean; once(event: "drain", listener: () => void): unknown } | null;
}

export interface BundleJobResult {
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly collected: Readonly<Record<string, readonly unknown[]>>;
}

export interface BundleJobHandle {
  readonly result: Promise<BundleJobResult>;
  cancel(): Promise<void>;
  metrics(): JobMetrics;
  /** The runtime's handle (status, plan, savepoints); bundles compiled before it existed lack it. */
  readonly client?: JobClient;
}

export type BundleJobFactory = (options?: BundleRunOptions) => { start(): BundleJobHandle };

export interface JobBundleModule {
  readonly jobs: Readonly<Record<string, BundleJobFactory>>;
}

/** The job factories of a loaded module, or why it is not an Eddy job bundle. */
export function jobFactoriesOf(module: unknown): Readonly<Record<string, BundleJobFactory>> | string {
  const jobs = (module as { jobs?: unknown } | null)?.jobs;
  if (jobs === null || typeof jobs !== "object") return "it exports no `jobs` (upload the index.js that `eddy compile` writes)";
  for (const [name, factory] of Object.entries(jobs)) {
    if (typeof factory !== "function") return `its export jobs.${name} is not a job factory`;
  }
  return jobs as Readonly<Record<string, BundleJobFactory>>;
}
