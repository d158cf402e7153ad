// One JobMaster per submitted job (Flink's JobMaster, the part a single-process JobManager needs): loads the job's
// bundle, starts it through its generated factory with the cluster's settings (parallelism, a checkpoint directory of
// its own, a checkpoint or savepoint to restore), and keeps what the REST API shows about it — the status timeline,
// exceptions with timestamps, the checkpoint history, the plan — after the job ended too.
// Where subtasks run is not its concern: the factory runs them where the process's executor puts them.
import { randomUUID } from "node:crypto";
import { importBundle, type ImportedBundle } from "../../../compiler/bundle/import-bundle.js";
import type { CompletedCheckpoint } from "../../checkpoint/coordinator-state.js";
import type { JobPlan } from "../../jobmanager/job-plan.js";
import type { JobStatus } from "../../jobmanager/job-status.js";
import type { JobMetrics } from "../../jobmanager/metrics.js";
import { DispatcherError } from "./dispatcher-error.js";
import { type BundleJobHandle, type BundleJobResult, type BundleRunOptions, jobFactoriesOf } from "./job-bundle.js";

/** Flink's job statuses that apply here: INITIALIZING while the bundle loads, SUSPENDED when leadership was lost. */
export type JobMasterStatus = "INITIALIZING" | JobStatus | "SUSPENDED";

const TERMINAL: ReadonlySet<JobMasterStatus> = new Set(["FINISHED", "FAILED", "CANCELED", "SUSPENDED"]);

export function isTerminal(status: JobMasterStatus): boolean {
  return TERMINAL.has(status);
}

export interface JobException {
  readonly timestamp: number;
  /** The exception's class-like name (EddyError, Error, …). */
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  /** The failed task ("<operator> #<subtask>") when known. */
  readonly task?: string | null;
  /** Where it failed ("<TaskManager id> (<host>:<port>)", "localhost") when known. */
  readonly location?: string | null;
  /** True for a failure the job restarted after (Flink's exceptionHistory), false for the final one. */
  readonly restarted?: boolean;
  /** Other failures of the same attempt (Flink's concurrentExceptions). */
  readonly concurrent?: readonly JobException[];
}

/** A savepoint (or stop-with-savepoint) request, looked up by its trigger id. */
export interface SavepointOperation {
  readonly id: string;
  readonly kind: "savepoint" | "stop" | "cancel-with-savepoint";
  status: "IN_PROGRESS" | "COMPLETED";
  location: string | null;
  failure: string | null;
}

export interface JobMasterSpec {
  readonly jobId: string;
  /** The job's name in the bundle (a key of its `jobs`). */
  readonly jobName: string;
  readonly bundle: string;
  readonly run: BundleRunOptions;
  /** Where savepoints go when a request names no directory. */
  readonly defaultSavepointDir: string;
  readonly now: () => number;
  /** How often the master reads the job's status and checkpoints (default 200 ms). */
  readonly pollMs?: number;
}

export interface JobMasterEvents {
  /** A checkpoint completed (its directory), for the job store. */
  onCheckpoint?(jobId: string, path: string): void;
  /** The job ended (not called when it was suspended: another JobManager goes on with it). */
  onTerminal?(jobId: string, status: "FINISHED" | "FAILED" | "CANCELED", error: string | null): void;
}

export class JobMaster {
  readonly jobId: string;
  readonly jobName: string;
  readonly startTime: number;
  private endTime: number | null = null;
  private currentStatus: JobMasterStatus = "INITIALIZING";
  /** When each status was first entered (Flink's `timestamps`). */
  readonly timestamps: Partial<Record<JobMasterStatus, number>> = {};
  readonly exceptions: JobException[] = [];
  /** Completed checkpoints by id, oldest first (kept after the runtime's own history of 10 rolls over). */
  private readonly checkpoints = new Map<number, CompletedCheckpoint>();
  private failedCheckpoints = 0;
  private readonly savepoints = new Map<string, SavepointOperation>();
  /** The runtime's restart history, as last read (kept after the job ended). */
  private restartCauses: readonly JobException[] = [];
  private handle: BundleJobHandle | null = null;
  private imported: ImportedBundle<unknown> | null = null;
  private plan: JobPlan | null = null;
  private lastMetrics: JobMetrics = { elapsedMs: 0, operators: [] };
  private poll: NodeJS.Timeout | null = null;
  private suspended = false;
  /** Cancelled while its bundle loaded (INITIALIZING): it ends CANCELED instead of starting, as Flink allows. */
  private cancelledEarly = false;
  private outcome: BundleJobResult | null = null;
  /** Settles when the job reached a terminal status and the master stopped watching it. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;

  constructor(
    private readonly spec: JobMasterSpec,
    private readonly events: JobMasterEvents = {},
  ) {
    this.jobId = spec.jobId;
    this.jobName = spec.jobName;
    this.startTime = spec.now();
    this.timestamps.INITIALIZING = this.startTime;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get status(): JobMasterStatus {
    return this.currentStatus;
  }

  get runOptions(): BundleRunOptions {
    return this.spec.run;
  }

  /** Loads the bundle and starts the job; a failure to load or build fails the job (it never throws). */
  async start(): Promise<void> {
    try {
      this.imported = await importBundle<unknown>(this.spec.bundle, "eddy-job-");
      const factories = jobFactoriesOf(this.imported.module);
      if (typeof factories === "string") throw new Error(`the job's bundle is not an Eddy job bundle: ${factories}`);
      const factory = factories[this.jobName];
      if (factory === undefined) throw new Error(`the job's bundle has no job '${this.jobName}' (it has ${Object.keys(factories).join(", ") || "none"})`);
      if (this.suspended) return this.finish("SUSPENDED", null);
      if (this.cancelledEarly) return this.finish("CANCELED", null);
      this.setStatus("CREATED");
      this.handle = factory(this.spec.run).start();
    } catch (e) {
      return this.finish("FAILED", e);
    }
    this.plan = this.handle.client?.getJobPlan() ?? null;
    this.setStatus("RUNNING");
    this.poll = setInterval(() => this.refresh().catch((e: unknown) => this.noteProblem(e)), this.spec.pollMs ?? 200);
    this.poll.unref();
    this.handle.result
      .then(
        (result) => {
          this.outcome = result;
          return this.settle(null);
        },
        (e: unknown) => this.settle(e),
      )
      // why: a JobMaster must not take its JobManager down; an error here is ours, shown in /jobs/:id/exceptions
      .catch((e: unknown) => this.finish("FAILED", e));
  }

  get endTimeOrNull(): number | null {
    return this.endTime;
  }

  /** What a finished job produced (its collect() sinks' records, its totals); null until it FINISHED. */
  result(): BundleJobResult | null {
    return this.outcome;
  }

  getPlan(): JobPlan | null {
    return this.plan;
  }

  metrics(): JobMetrics {
    if (this.handle !== null && !isTerminal(this.currentStatus)) this.lastMetrics = this.handle.metrics();
    return this.lastMetrics;
  }

  checkpointHistory(): { readonly completed: readonly CompletedCheckpoint[]; readonly failed: number } {
    this.collectCheckpoints();
    return { completed: [...this.checkpoints.values()].sort((a, b) => a.id - b.id), failed: this.failedCheckpoints };
  }

  /** Cancels the job; resolves once it ended. Throws at once (not in the promise) when the job is not running. */
  cancel(): Promise<void> {
    if (this.currentStatus === "INITIALIZING") {
      this.cancelledEarly = true;
      this.setStatus("CANCELLING");
      return this.ended;
    }
    this.requireRunning("cancel");
    return this.handle!.cancel().then(() => this.ended);
  }

  /** Takes a savepoint (and then cancels the job, if asked); returns the trigger id to follow it by. */
  triggerSavepoint(directory: string | null, cancelJob: boolean): string {
    this.requireRunning("take a savepoint of");
    const client = this.requireClient();
    const target = directory ?? this.spec.defaultSavepointDir;
    return this.operation(cancelJob ? "cancel-with-savepoint" : "savepoint", async () => {
      const location = await client.triggerSavepoint(target);
      if (cancelJob) await this.handle!.cancel();
      return location;
    });
  }

  /**
   * Stops the job with a savepoint (FINISHED, as Flink's stop-with-savepoint); with `drain` the sources end their input
   * first, so every event-time window fires before the savepoint. Returns the trigger id.
   */
  stop(directory: string | null, drain: boolean): string {
    this.requireRunning("stop");
    const client = this.requireClient();
    const target = directory ?? this.spec.defaultSavepointDir;
    return this.operation("stop", () => client.stopWithSavepoint(target, { drain }));
  }

  /**
   * Every failure of the job, oldest first: the ones it restarted after (from the runtime, with their task and
   * location), then the master's own and the final one.
   */
  allExceptions(): readonly JobException[] {
    this.collectRestarts();
    return [...this.restartCauses, ...this.exceptions].sort((a, b) => a.timestamp - b.timestamp);
  }

  savepointOperation(triggerId: string): SavepointOperation {
    const op = this.savepoints.get(triggerId);
    if (op === undefined) throw new DispatcherError("not-found", `job ${this.jobId} has no savepoint request '${triggerId}' (POST /jobs/${this.jobId}/savepoints returns one)`);
    return op;
  }

  /**
   * Stops the job without recording how it ended: another JobManager takes it over from its checkpoints (Flink's
   * SUSPENDED, when a JobManager loses leadership).
   */
  async suspend(): Promise<void> {
    if (isTerminal(this.currentStatus)) return;
    this.suspended = true;
    if (this.handle !== null) await this.handle.cancel().catch(() => {});
    await this.ended;
  }

  private operation(kind: SavepointOperation["kind"], run: () => Promise<string>): string {
    const op: SavepointOperation = { id: randomUUID().replace(/-/g, ""), kind, status: "IN_PROGRESS", location: null, failure: null };
    this.savepoints.set(op.id, op);
    run().then(
      (location) => {
        op.location = location;
        op.status = "COMPLETED";
      },
      (e: unknown) => {
        op.failure = (e as Error)?.message ?? String(e);
        op.status = "COMPLETED";
      },
    );
    return op.id;
  }

  private requireRunning(action: string): void {
    if (this.currentStatus === "RUNNING" || this.currentStatus === "RESTARTING" || this.currentStatus === "CREATED") return;
    throw new DispatcherError("conflict", `cannot ${action} job ${this.jobId}: it is ${this.currentStatus}`);
  }

  private requireClient() {
    const client = this.handle?.client;
    if (client === undefined) throw new DispatcherError("conflict", `job ${this.jobId} was compiled by an older eddy without savepoint support through the JobManager: compile it again`);
    return client;
  }

  /** A failure of the master's own bookkeeping (not of the job): kept as an exception, the job goes on. */
  private noteProblem(e: unknown): void {
    const error = e instanceof Error ? e : new Error(String(e));
    this.exceptions.push({ timestamp: this.spec.now(), name: error.name, message: `the JobMaster could not read the job's state: ${error.message}`, stack: error.stack ?? error.message });
  }

  private setStatus(status: JobMasterStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.timestamps[status] ??= this.spec.now();
  }

  /** Reads the job's status and checkpoints (every pollMs while it runs). */
  private async refresh(): Promise<void> {
    const client = this.handle?.client;
    if (client === undefined || isTerminal(this.currentStatus)) return;
    const status = await client.getJobStatus();
    if (!isTerminal(status)) this.setStatus(status);
    this.lastMetrics = this.handle!.metrics();
    this.collectCheckpoints();
    this.collectRestarts();
  }

  private collectRestarts(): void {
    const client = this.handle?.client;
    // why the guard: bundles compiled before restartHistory existed have a client without it
    if (client === undefined || typeof client.restartHistory !== "function") return;
    this.restartCauses = client.restartHistory().map((c) => ({
      timestamp: c.timestamp,
      name: c.name,
      message: c.message,
      stack: c.stack,
      task: c.task,
      location: c.location,
      restarted: true,
      // why `?? []`: a bundle compiled before concurrent failures were kept has none
      concurrent: (c.concurrent ?? []).map((x) => ({ timestamp: x.timestamp, name: x.name, message: x.message, stack: x.stack, task: x.task, location: x.location })),
    }));
  }

  private collectCheckpoints(): void {
    if (this.handle !== null && !isTerminal(this.currentStatus)) this.lastMetrics = this.handle.metrics();
    const stats = this.lastMetrics.checkpoints;
    if (stats === undefined || stats === null) return;
    this.failedCheckpoints = stats.failed;
    let newest: CompletedCheckpoint | null = null;
    for (const c of [...stats.history, ...(stats.lastCompleted === null ? [] : [stats.lastCompleted])]) {
      if (this.checkpoints.has(c.id)) continue;
      this.checkpoints.set(c.id, c);
      if (!c.savepoint && (newest === null || c.id > newest.id)) newest = c;
    }
    if (newest !== null && this.spec.run.checkpointDir !== undefined) this.events.onCheckpoint?.(this.jobId, `${this.spec.run.checkpointDir}/chk-${newest.id}`);
  }

  private async settle(error: unknown): Promise<void> {
    if (this.handle !== null) {
      this.lastMetrics = this.handle.metrics();
      this.collectCheckpoints();
      this.collectRestarts();
    }
    const status = this.suspended ? "SUSPENDED" : ((await this.handle?.client?.getJobStatus()) ?? (error === null ? "FINISHED" : "FAILED"));
    this.finish(status === "FINISHED" || status === "CANCELED" || status === "SUSPENDED" ? status : "FAILED", status === "FAILED" ? error : null);
  }

  private finish(status: "FINISHED" | "FAILED" | "CANCELED" | "SUSPENDED", error: unknown): void {
    if (this.endTime !== null) return; // why: ended already (a late bookkeeping error must not end it twice)
    if (this.poll !== null) clearInterval(this.poll);
    this.poll = null;
    if (error !== null) {
      const e = error instanceof Error ? error : new Error(String(error));
      this.exceptions.push({ timestamp: this.spec.now(), name: e.name, message: e.message, stack: e.stack ?? `${e.name}: ${e.message}` });
    }
    if (status !== "SUSPENDED" && this.currentStatus !== "FAILED" && status === "FAILED") this.setStatus("FAILING");
    this.setStatus(status);
    this.endTime = this.spec.now();
    // why keep the file while the pool may still load it: dispose only once the job ended
    this.imported?.dispose();
    if (status !== "SUSPENDED") this.events.onTerminal?.(this.jobId, status, this.exceptions.at(-1)?.message ?? null);
    this.resolveEnded();
  }
}
