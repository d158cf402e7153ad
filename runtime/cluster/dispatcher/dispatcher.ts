// The Dispatcher (one per JobManager process, as Flink's): keeps the uploaded bundles, turns a run request into a job
// with a Flink-style id and a JobMaster, and answers for the jobs it runs. With cluster coordination (NATS) it records
// each job in the job store — the bundle in the blob store, its settings, its latest completed checkpoint — and how it
// ended in the job result store, so a standby JobManager can take the job over (leadership.ts); without it (null) it
// runs jobs alone, which is what hermetic tests and a laptop need.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { ClusterCoordination } from "../coordination/cluster-coordination.js";
import type { JobRecord } from "../coordination/job-store.js";
import type { TaskManagerDescription } from "../coordination/task-manager-registry.js";
import { DispatcherError } from "./dispatcher-error.js";
import type { BundleRunOptions } from "./job-bundle.js";
import { type Jar, JarStore } from "./jar-store.js";
import { isTerminal, JobMaster } from "./job-master.js";
import { latestCompletedCheckpoint, restorePathOf } from "./latest-checkpoint.js";

export interface DispatcherOptions {
  /** null: no NATS — nothing is recorded, no TaskManagers are listed, no takeover. */
  readonly coordination: ClusterCoordination | null;
  /** The cluster's checkpoint root (shared by the JobManagers of a cluster); each job checkpoints to <root>/<jobId>. */
  readonly checkpointRoot: string;
  /** Where savepoints go when a request names no directory (default: <checkpointRoot>/../savepoints). */
  readonly savepointRoot?: string;
  /** Worker threads of the pool each job uses (default: the runtime's, one per core). */
  readonly workers?: number;
  /** Where the jobs' `stdout()` sinks write (default: this process's stdout, as Flink's TaskManagers print). */
  readonly stdout?: BundleRunOptions["stdout"];
  readonly now?: () => number;
  /** How often each JobMaster reads its job's status and checkpoints, ms (default 200). */
  readonly pollMs?: number;
  /** Where problems with the job store go (default: stderr). */
  readonly log?: (line: string) => void;
}

export interface RunRequest {
  /** The job of the bundle to run; may be left out when the bundle has one job. */
  readonly job?: string;
  readonly parallelism?: number;
  readonly savepointPath?: string;
  readonly allowNonRestoredState?: boolean;
}

/** A Flink job id: 32 hex digits. */
export function newFlinkJobId(): string {
  return randomBytes(16).toString("hex");
}

export class Dispatcher {
  readonly jars: JarStore;
  private readonly masters = new Map<string, JobMaster>();
  /** Job store writes in order, per job (a checkpoint update must not overtake the record it updates). */
  private readonly storeWrites = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  readonly startedAt: number;

  constructor(readonly options: DispatcherOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.jars = new JarStore(this.now);
    this.startedAt = this.now();
  }

  get coordination(): ClusterCoordination | null {
    return this.options.coordination;
  }

  /** Runs a job of an uploaded bundle; returns its id at once (the job starts in the background). */
  async runJar(jarId: string, request: RunRequest): Promise<string> {
    const jar = this.jars.get(jarId);
    const job = this.pickJob(jar, request.job);
    const restoreFrom = request.savepointPath === undefined ? undefined : (restorePathOf(request.savepointPath) ?? undefined);
    if (request.savepointPath !== undefined && restoreFrom === undefined) {
      throw new DispatcherError("bad-request", `savepointPath '${request.savepointPath}': no completed savepoint or checkpoint there (expected a chk-<id> directory with _metadata, or a directory holding one)`);
    }
    const jobId = newFlinkJobId();
    const bundle = Buffer.from(jar.bytes).toString("utf8");
    if (this.coordination !== null) {
      const artifact = await this.coordination.blobs.put(jar.bytes);
      const record: JobRecord & { settings: JobSettingsRecord } = {
        jobId,
        name: job,
        state: "RUNNING",
        artifact,
        parallelism: request.parallelism ?? 0,
        submittedAt: this.now(),
        latestCheckpoint: null,
        settings: { jar: jar.name, restoreFrom: restoreFrom ?? null, allowNonRestoredState: request.allowNonRestoredState ?? false },
      };
      await this.coordination.jobs.put(record);
    }
    this.launch(jobId, job, bundle, {
      ...(request.parallelism === undefined ? {} : { parallelism: request.parallelism }),
      ...(restoreFrom === undefined ? {} : { restoreFrom }),
      ...(request.allowNonRestoredState === undefined ? {} : { allowNonRestoredState: request.allowNonRestoredState }),
    });
    return jobId;
  }

  /**
   * Takes over the jobs the job store holds that have no result (a new leader): each restarts from the newest
   * completed checkpoint in its directory, else from what it was started from. Returns the ids taken over.
   */
  async recoverJobs(): Promise<string[]> {
    const coordination = this.coordination;
    if (coordination === null) return [];
    const recovered: string[] = [];
    for (const record of await coordination.jobs.toRecover()) {
      if (this.masters.has(record.jobId) && !isTerminal(this.masters.get(record.jobId)!.status)) continue;
      const settings = (record as JobRecord & { settings?: JobSettingsRecord }).settings;
      try {
        const bytes = await coordination.blobs.get(record.artifact);
        const restoreFrom = latestCompletedCheckpoint(this.checkpointDirOf(record.jobId)) ?? record.latestCheckpoint ?? settings?.restoreFrom ?? undefined;
        this.launch(record.jobId, record.name, Buffer.from(bytes).toString("utf8"), {
          ...(record.parallelism > 0 ? { parallelism: record.parallelism } : {}),
          ...(restoreFrom === undefined ? {} : { restoreFrom }),
          // why: state of an operator the checkpoint has and the job lacks can only come from the original savepoint
          ...(settings?.allowNonRestoredState === true ? { allowNonRestoredState: true } : {}),
        });
        recovered.push(record.jobId);
        this.log(`eddy jobmanager: took over job ${record.jobId} (${record.name})${restoreFrom === undefined ? " from the start" : ` from ${restoreFrom}`}`);
      } catch (e) {
        this.log(`eddy jobmanager: cannot take over job ${record.jobId} (${record.name}): ${(e as Error).message}`);
      }
    }
    return recovered;
  }

  /** Stops every running job without recording results (leadership lost, or shutting down: a standby goes on). */
  async suspendAll(): Promise<void> {
    await Promise.all([...this.masters.values()].map((m) => m.suspend()));
    await this.storeWritesDone();
  }

  /** Resolves once the job store writes queued so far are done (shutdown, tests). */
  async storeWritesDone(): Promise<void> {
    await Promise.all([...this.storeWrites.values()]);
  }

  list(): JobMaster[] {
    return [...this.masters.values()].sort((a, b) => b.startTime - a.startTime);
  }

  get(jobId: string): JobMaster {
    const master = this.masters.get(jobId);
    if (master === undefined) throw new DispatcherError("not-found", `no job '${jobId}' (GET /jobs lists the jobs of this JobManager)`);
    return master;
  }

  async taskManagers(): Promise<TaskManagerDescription[]> {
    return this.coordination === null ? [] : this.coordination.taskManagers.live();
  }

  checkpointDirOf(jobId: string): string {
    return join(this.options.checkpointRoot, jobId);
  }

  private pickJob(jar: Jar, job: string | undefined): string {
    if (job !== undefined) {
      if (jar.loadError === null && !jar.jobs.includes(job)) throw new DispatcherError("bad-request", `jar '${jar.id}' has no job '${job}' (jobs: ${jar.jobs.join(", ")})`);
      return job;
    }
    if (jar.loadError !== null) return jar.name;
    if (jar.jobs.length === 1) return jar.jobs[0]!;
    throw new DispatcherError("bad-request", `jar '${jar.id}' has ${jar.jobs.length} jobs: name the one to run ("job": one of ${jar.jobs.join(", ")})`);
  }

  private launch(jobId: string, jobName: string, bundle: string, run: BundleRunOptions): JobMaster {
    const master = new JobMaster(
      {
        jobId,
        jobName,
        bundle,
        run: {
          ...run,
          checkpointDir: this.checkpointDirOf(jobId),
          ...(this.options.workers === undefined ? {} : { workers: this.options.workers }),
          ...(this.options.stdout === undefined ? {} : { stdout: this.options.stdout }),
        },
        defaultSavepointDir: this.options.savepointRoot === undefined ? join(this.options.checkpointRoot, "..", "savepoints", jobId) : join(this.options.savepointRoot, jobId),
        now: this.now,
        ...(this.options.pollMs === undefined ? {} : { pollMs: this.options.pollMs }),
      },
      {
        onCheckpoint: (id, path) => this.record(id, async (c) => {
          const job = await c.jobs.get(id);
          if (job !== null && (await c.jobs.result(id)) === null) await c.jobs.put({ ...job, latestCheckpoint: path });
        }),
        onTerminal: (id, state, error) => this.record(id, (c) => c.jobs.recordResult({ jobId: id, state, finishedAt: this.now(), error })),
      },
    );
    this.masters.set(jobId, master);
    void master.start();
    return master;
  }

  /** Queues a job store write for `jobId`; a failure is logged (the job goes on; a takeover may then start earlier). */
  private record(jobId: string, write: (c: ClusterCoordination) => Promise<void>): void {
    const c = this.coordination;
    if (c === null) return;
    const previous = this.storeWrites.get(jobId) ?? Promise.resolve();
    const next = previous.then(() => write(c)).catch((e: unknown) => this.log(`eddy jobmanager: job store update for job ${jobId} failed: ${(e as Error).message}`));
    this.storeWrites.set(jobId, next);
  }
}

/** What the job store keeps besides the JobRecord's fields, to restart the job as it was submitted. */
export interface JobSettingsRecord {
  readonly jar: string;
  readonly restoreFrom: string | null;
  readonly allowNonRestoredState: boolean;
}
