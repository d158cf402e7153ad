// Schedulers run subtasks. The interface lets a worker-thread pool replace the single-threaded one.
import type { Subtask } from "./subtask.js";

export interface Scheduler {
  /** Runs the subtasks until all finished, the job failed (rejects) or it was cancelled. */
  run(subtasks: readonly Subtask[]): Promise<void>;
  /** Calls `action` through the subtask's mailbox once processing time reaches `timestamp`. */
  schedule(subtask: Subtask, timestamp: number, action: (now: number) => void): void;
  /** Calls `action` between slices once processing time reaches `timestamp` (job-level work: checkpoint triggers). */
  scheduleJobAction(timestamp: number, action: (now: number) => void): void;
  /** Stops at the next slice boundary; `run` then resolves. */
  cancel(): void;
}
