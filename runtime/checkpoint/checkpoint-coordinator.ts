// The checkpoint coordinator of a running job: triggers checkpoints at the sources, collects the
// acknowledgements, writes state to storage, completes checkpoints atomically and tells the
// operators (two-phase-commit sinks commit then). Asynchronous barrier snapshotting, aligned:
// Carbone et al., "Lightweight Asynchronous Snapshots for Distributed Dataflows", 2015.
import { EddyError } from "../core/errors.js";
import type { Clock } from "../time/clock.js";
import { CHECKPOINT_FORMAT, type CheckpointMetadata, type CheckpointStorage } from "./checkpoint-storage.js";
import {
  abort,
  abortAllPending,
  acknowledge,
  type CheckpointingConfig,
  type CompletedCheckpoint,
  type CoordinatorState,
  createCoordinator,
  isDue,
  nextDueAt,
  timedOut,
  trigger,
} from "./coordinator-state.js";
import type { CheckpointTask } from "./checkpoint-task.js";
import type { FaultInjector } from "./fault-injector.js";
import type { EncodedOperatorSnapshot } from "./snapshot.js";
import type { SnapshotTiming } from "../scheduler/subtask.js";

export interface CheckpointStats {
  readonly completed: number;
  readonly failed: number;
  readonly lastCompleted: CompletedCheckpoint | null;
  readonly lastDurationMs: number | null;
  /** The last completed checkpoints, oldest first (Flink's checkpoint history, 10 entries). */
  readonly history: readonly CompletedCheckpoint[];
}

const HISTORY_SIZE = 10;

interface PendingRun {
  /** The checkpoint after every subtask finished: its acknowledgements are local and never lost. */
  readonly final: boolean;
  readonly storage: CheckpointStorage;
  readonly files: Record<string, string>;
  bytes: number;
  readonly writes: Promise<void>[];
  readonly resolve: (c: CompletedCheckpoint) => void;
  readonly reject: (e: unknown) => void;
}

export interface CoordinatorOptions {
  readonly jobName: string;
  readonly config: CheckpointingConfig;
  readonly storage: CheckpointStorage;
  readonly clock: Clock;
  readonly faults: FaultInjector | null;
  /** Operators by uid: parallelism and max parallelism (written to the metadata). */
  readonly operators: Readonly<Record<string, { parallelism: number; maxParallelism: number }>>;
  readonly periodic: boolean;
  readonly scheduleJobAction: (timestamp: number, action: (now: number) => void) => void;
  /** A checkpoint failure the job cannot tolerate, or a failed commit. */
  readonly fail: (error: unknown) => void;
}

export class CheckpointCoordinator {
  state: CoordinatorState;
  private subtasks: readonly CheckpointTask[] = [];
  private readonly runs = new Map<number, PendingRun>();
  /** Commit notifications run one after another; the job awaits them before it ends. */
  private notifications: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: CoordinatorOptions, previous: CoordinatorState | null) {
    // why: checkpoint ids keep increasing across restarts so storage never mixes attempts
    this.state = previous === null ? createCoordinator(options.config) : abortAllPending(previous);
  }

  /** Starts an attempt: these subtasks now take part; periodic triggering begins. */
  attach(subtasks: readonly CheckpointTask[]): void {
    this.subtasks = subtasks;
    this.stopped = false;
    this.state = abortAllPending(this.state);
    // why: a failed commit of the previous attempt must not fail this one; recovery commits it again
    this.notifications = Promise.resolve();
    for (const id of [...this.runs.keys()]) this.failRun(id, new EddyError("external", `checkpoint ${id} was abandoned by a restart`));
    if (this.options.periodic) this.scheduleNext(this.options.clock.now() + this.options.config.intervalMs);
  }

  stop(): void {
    this.stopped = true;
  }

  stats(): CheckpointStats {
    const last = this.state.completed[this.state.completed.length - 1] ?? null;
    return {
      completed: this.countCompleted,
      failed: this.state.failedCount,
      lastCompleted: last === null ? null : { ...last, stateBytes: this.lastBytes },
      lastDurationMs: last === null ? null : last.completedAt - last.triggeredAt,
      history: this.history,
    };
  }

  private countCompleted = 0;
  private lastBytes = 0;
  private history: CompletedCheckpoint[] = [];

  /** Triggers a checkpoint (or a savepoint into `storage`) now; resolves when it completed. */
  triggerCheckpoint(savepoint = false, storage: CheckpointStorage = this.options.storage, final = false): Promise<CompletedCheckpoint> {
    const now = this.options.clock.now();
    const ids = this.subtasks.map(taskKeyOf);
    const { state, id } = trigger(this.state, now, ids, savepoint);
    this.state = state;
    const done = new Promise<CompletedCheckpoint>((resolve, reject) => this.runs.set(id, { final, storage, files: {}, bytes: 0, writes: [], resolve, reject }));
    done.catch(() => {});
    const barrier = { kind: "barrier" as const, checkpointId: id, timestamp: now, savepoint };
    for (const s of this.subtasks) {
      if (s.state === "FINISHED" && s.finalSnapshot !== null) this.acknowledgeFinal(s, id);
      else if (s.state === "RUNNING" && s.isSource) s.injectBarrier(barrier);
    }
    return done;
  }

  acknowledge(subtask: CheckpointTask, checkpointId: number, snapshots: EncodedOperatorSnapshot[], timing: SnapshotTiming): void {
    const run = this.runs.get(checkpointId);
    if (run === undefined) return;
    subtask.acknowledged.add(checkpointId);
    if (!run.final && this.options.faults?.dropAck(checkpointId)) return;
    const delay = run.final ? 0 : (this.options.faults?.ackDelay(checkpointId) ?? 0);
    if (delay > 0) {
      // why: the snapshot is taken now (the barrier passed); only its acknowledgement arrives late
      const now = this.options.clock.now();
      this.options.scheduleJobAction(now + delay, () => this.record(subtask, checkpointId, snapshots, timing, run));
      return;
    }
    this.record(subtask, checkpointId, snapshots, timing, run);
  }

  private record(subtask: CheckpointTask, checkpointId: number, snapshots: EncodedOperatorSnapshot[], timing: SnapshotTiming, run: PendingRun): void {
    if (this.runs.get(checkpointId) !== run) return; // why: given up (timed out, subsumed) while the ack was delayed
    for (const snapshot of snapshots) {
      const key = `${snapshot.operatorUid}#${snapshot.subtask}`;
      const write = run.storage.writeState(checkpointId, key, snapshot);
      run.bytes += write.bytes;
      // why: a checkpoint given up before all acks came (a failure, a timeout) has its folder discarded under writes
      // still in flight; their rejection must not go unhandled — Promise.all below still sees it if the run completes
      write.done.catch(() => {});
      run.writes.push(write.done);
      run.files[key] = key;
    }
    const { state, outcome } = acknowledge(this.state, checkpointId, taskKeyOf(subtask), { stateBytes: 0, ...timing }, this.options.clock.now());
    this.state = state;
    if (outcome !== "complete") return;
    const completed = this.state.completed.find((c) => c.id === checkpointId)!;
    // why: the checkpoint is complete once its state is durable; records keep flowing meanwhile
    Promise.all(run.writes).then(
      () => {
        if (this.runs.get(checkpointId) === run) this.complete(completed, run);
      },
      (e) => this.failRun(checkpointId, new EddyError("external", `writing checkpoint ${checkpointId} failed: ${(e as Error).message}`, { job: this.options.jobName, checkpointId }, { cause: e })),
    );
  }

  /** A subtask finished: checkpoints it never received a barrier for take its final state. */
  finished(subtask: CheckpointTask): void {
    for (const p of this.state.pending) {
      if (!subtask.acknowledged.has(p.id) && subtask.finalSnapshot !== null) this.acknowledgeFinal(subtask, p.id);
    }
  }

  private acknowledgeFinal(subtask: CheckpointTask, checkpointId: number): void {
    subtask.acknowledgedWithFinal.add(checkpointId);
    this.acknowledge(subtask, checkpointId, subtask.finalSnapshot!, { alignmentMs: 0, syncMs: 0, asyncMs: 0 });
  }

  /** All subtasks finished: one last checkpoint, so that everything written is committed. */
  async finalCheckpoint(): Promise<CompletedCheckpoint> {
    const completed = await this.triggerCheckpoint(false, this.options.storage, true);
    await this.notifications;
    return completed;
  }

  /** A subtask failed while completing its part: every pending checkpoint fails with `error` (the job restarts). */
  failPending(error: unknown): void {
    for (const id of [...this.runs.keys()]) this.failRun(id, error);
  }

  /** Resolves once every commit notification so far has run. */
  drainNotifications(): Promise<void> {
    return this.notifications;
  }

  private complete(completed: CompletedCheckpoint, run: PendingRun): void {
    const id = completed.id;
    const metadata: CheckpointMetadata = {
      checkpointId: id,
      jobName: this.options.jobName,
      savepoint: completed.savepoint,
      timestamp: completed.triggeredAt,
      files: run.files,
      operators: this.options.operators,
      format: CHECKPOINT_FORMAT,
    };
    run.storage.commit(metadata);
    if (!completed.savepoint) run.storage.retain(this.options.config.retained);
    this.runs.delete(id);
    this.countCompleted++;
    this.lastBytes = run.bytes;
    this.history = [...this.history.slice(-(HISTORY_SIZE - 1)), { ...completed, stateBytes: run.bytes }];
    // why: older runs are subsumed by this one (their pending state is never used)
    for (const older of [...this.runs.keys()]) if (older < id) this.failRun(older, new EddyError("external", `checkpoint ${older} was subsumed by ${id}`));
    const subtasks = this.subtasks;
    this.notifications = this.notifications.then(async () => {
      for (const s of subtasks) if (s.state === "RUNNING" || s.state === "FINISHED") await s.notifyCheckpointComplete(id);
    });
    this.notifications.catch((e) => this.options.fail(e));
    run.resolve({ ...completed, stateBytes: run.bytes });
  }

  private failRun(id: number, error: unknown): void {
    const run = this.runs.get(id);
    this.runs.delete(id);
    const { state, exceedsTolerance } = abort(this.state, id, this.options.clock.now());
    this.state = state;
    run?.storage.discard(id);
    run?.reject(error);
    void exceedsTolerance; // why: subsumed or abandoned checkpoints do not count against tolerance
  }

  private scheduleNext(at: number): void {
    this.options.scheduleJobAction(at, (now) => this.tick(now));
  }

  private tick(now: number): void {
    if (this.stopped) return;
    for (const id of timedOut(this.state, now)) {
      const run = this.runs.get(id);
      this.runs.delete(id);
      const { state, exceedsTolerance } = abort(this.state, id, now);
      this.state = state;
      run?.storage.discard(id);
      const error = new EddyError("external", `checkpoint ${id} expired after ${this.options.config.timeoutMs} ms before completing`, { job: this.options.jobName, checkpointId: id });
      run?.reject(error);
      if (exceedsTolerance) {
        this.options.fail(new EddyError("external", `too many failed checkpoints in a row (tolerable: ${this.options.config.tolerableFailures})`, { job: this.options.jobName, checkpointId: id }, { cause: error }));
        return;
      }
    }
    if (isDue(this.state, now) && this.subtasks.some((s) => s.state === "RUNNING")) void this.triggerCheckpoint(false);
    const next = Math.max(now + 1, Math.min(nextDueAt(this.state), ...this.state.pending.map((p) => p.triggeredAt + this.options.config.timeoutMs)));
    this.scheduleNext(next);
  }
}

function taskKeyOf(s: CheckpointTask): string {
  return `${s.vertexId}#${s.index}`;
}
