// The checkpoint coordinator's state as an immutable value (immer): which checkpoints are pending,
// which completed, and when the next may start. Every event is a pure function of the state.
import { produce } from "immer";

export interface CheckpointingConfig {
  /** Time between the start of checkpoints, ms. */
  readonly intervalMs: number;
  readonly mode: "EXACTLY_ONCE" | "AT_LEAST_ONCE";
  readonly timeoutMs: number;
  readonly maxConcurrent: number;
  /** Minimum time between the end of one checkpoint and the start of the next, ms. */
  readonly minPauseMs: number;
  /** Failed checkpoints tolerated in a row before the job fails. */
  readonly tolerableFailures: number;
  /** Completed checkpoints kept on storage. */
  readonly retained: number;
  /** State entries a subtask writes per scheduler slice while a snapshot is written in the background. */
  readonly snapshotStep: number;
}

export const DEFAULT_CHECKPOINTING: CheckpointingConfig = {
  intervalMs: 10_000,
  mode: "EXACTLY_ONCE",
  timeoutMs: 10 * 60_000,
  maxConcurrent: 1,
  minPauseMs: 0,
  tolerableFailures: 0,
  retained: 1,
  snapshotStep: 65_536,
};

export interface SubtaskAck {
  readonly stateBytes: number;
  readonly alignmentMs: number;
  readonly syncMs: number;
  readonly asyncMs: number;
}

export interface PendingCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly savepoint: boolean;
  /** Subtasks (by id) that have not acknowledged yet. */
  readonly awaiting: readonly string[];
  readonly acks: Readonly<Record<string, SubtaskAck>>;
}

export interface CompletedCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly completedAt: number;
  readonly savepoint: boolean;
  readonly stateBytes: number;
  readonly maxAlignmentMs: number;
  /** The longest synchronous part of any subtask (records waited for it). */
  readonly maxSyncMs: number;
  /** The longest background part of any subtask (keyed state written between record batches). */
  readonly maxAsyncMs: number;
}

export interface CoordinatorState {
  readonly config: CheckpointingConfig;
  readonly nextId: number;
  readonly pending: readonly PendingCheckpoint[];
  readonly completed: readonly CompletedCheckpoint[];
  readonly lastTriggeredAt: number;
  readonly lastFinishedAt: number;
  readonly consecutiveFailures: number;
  readonly failedCount: number;
}

export function createCoordinator(config: CheckpointingConfig, firstId = 1): CoordinatorState {
  return {
    config,
    nextId: firstId,
    pending: [],
    completed: [],
    lastTriggeredAt: Number.NEGATIVE_INFINITY,
    lastFinishedAt: Number.NEGATIVE_INFINITY,
    consecutiveFailures: 0,
    failedCount: 0,
  };
}

/** Whether a periodic checkpoint may start now (interval, min pause, max concurrent). */
export function isDue(s: CoordinatorState, now: number): boolean {
  if (s.pending.length >= s.config.maxConcurrent) return false;
  if (now - s.lastTriggeredAt < s.config.intervalMs) return false;
  return now - s.lastFinishedAt >= s.config.minPauseMs;
}

/** When a periodic checkpoint will next be due (for scheduling a timer). */
export function nextDueAt(s: CoordinatorState): number {
  return Math.max(s.lastTriggeredAt + s.config.intervalMs, s.lastFinishedAt + s.config.minPauseMs);
}

export function trigger(s: CoordinatorState, now: number, subtasks: readonly string[], savepoint = false): { state: CoordinatorState; id: number } {
  const id = s.nextId;
  const state = produce(s, (d) => {
    d.nextId = id + 1;
    d.lastTriggeredAt = now;
    d.pending.push({ id, triggeredAt: now, savepoint, awaiting: [...subtasks], acks: {} });
  });
  return { state, id };
}

export type AckOutcome = "pending" | "complete" | "unknown";

/** Records one subtask's acknowledgement; the checkpoint completes with the last one. */
export function acknowledge(s: CoordinatorState, id: number, subtask: string, ack: SubtaskAck, now: number): { state: CoordinatorState; outcome: AckOutcome } {
  const index = s.pending.findIndex((p) => p.id === id);
  if (index < 0 || !s.pending[index]!.awaiting.includes(subtask)) return { state: s, outcome: "unknown" };
  let outcome: AckOutcome = "pending";
  const state = produce(s, (d) => {
    const p = d.pending[index]!;
    p.awaiting = p.awaiting.filter((x) => x !== subtask);
    p.acks[subtask] = ack;
    if (p.awaiting.length > 0) return;
    outcome = "complete";
    const acks = Object.values(p.acks);
    d.completed.push({
      id: p.id,
      triggeredAt: p.triggeredAt,
      completedAt: now,
      savepoint: p.savepoint,
      stateBytes: acks.reduce((n, a) => n + a.stateBytes, 0),
      maxAlignmentMs: acks.reduce((m, a) => Math.max(m, a.alignmentMs), 0),
      maxSyncMs: acks.reduce((m, a) => Math.max(m, a.syncMs), 0),
      maxAsyncMs: acks.reduce((m, a) => Math.max(m, a.asyncMs), 0),
    });
    // why: a completed checkpoint subsumes older pending ones (Flink aborts them)
    d.pending = d.pending.filter((x) => x.id > p.id);
    d.lastFinishedAt = now;
    d.consecutiveFailures = 0;
    while (d.completed.filter((c) => !c.savepoint).length > d.config.retained) {
      const oldest = d.completed.findIndex((c) => !c.savepoint);
      d.completed.splice(oldest, 1);
    }
  });
  return { state, outcome };
}

/** A checkpoint failed (declined, timed out, or a task failed while taking it). */
export function abort(s: CoordinatorState, id: number, now: number): { state: CoordinatorState; exceedsTolerance: boolean } {
  if (!s.pending.some((p) => p.id === id)) return { state: s, exceedsTolerance: false };
  const state = produce(s, (d) => {
    d.pending = d.pending.filter((p) => p.id !== id);
    d.lastFinishedAt = now;
    d.consecutiveFailures += 1;
    d.failedCount += 1;
  });
  return { state, exceedsTolerance: state.consecutiveFailures > state.config.tolerableFailures };
}

/** The pending checkpoints that have run past their timeout. */
export function timedOut(s: CoordinatorState, now: number): number[] {
  return s.pending.filter((p) => now - p.triggeredAt >= s.config.timeoutMs).map((p) => p.id);
}

/** After a restart all pending checkpoints are void; ids keep increasing. */
export function abortAllPending(s: CoordinatorState): CoordinatorState {
  return produce(s, (d) => {
    d.pending = [];
  });
}
