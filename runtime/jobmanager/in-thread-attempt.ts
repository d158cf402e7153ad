// An attempt with every subtask in the calling thread, run by the single-thread scheduler: deterministic for
// deterministic sources (tests, embedded use, `--workers 1`).
import { DEFAULT_CHECKPOINTING } from "../checkpoint/coordinator-state.js";
import { decodeRestore } from "../checkpoint/state-assignment.js";
import { buildExecutionGraph, type ExecutionGraph, type ExecutionSettings } from "../graph/execution-graph.js";
import type { JobGraph } from "../graph/job-graph.js";
import { SingleThreadScheduler } from "../scheduler/single-thread-scheduler.js";
import type { Subtask, SubtaskCheckpointing } from "../scheduler/subtask.js";
import type { AttemptSetup, JobAttempt } from "./job-attempt.js";
import { LOCAL_PLACE } from "./worker-place.js";
import { countersOf, subtaskCountersOf } from "./metrics.js";

export interface InThreadSettings extends Omit<ExecutionSettings, "attemptNumber" | "schedule"> {
  readonly sliceBudget: number;
}

export function inThreadAttempt(jobGraph: JobGraph, chainingEnabled: boolean, settings: InThreadSettings, setup: AttemptSetup): JobAttempt {
  const scheduler = new SingleThreadScheduler({ clock: settings.clock, sliceBudget: settings.sliceBudget, monotonicNow: settings.monotonicNow });
  let execution: ExecutionGraph | null = null;
  const subtasks = (): readonly Subtask[] => execution?.subtasks ?? [];
  // why a data property that start sets, not a getter: V8 gives an object literal with a getter a hidden class of its
  // own per call (the getter is a new closure each time); that class lives in the old generation until a full GC and,
  // through the getter's context, kept each job's whole graph alive — scavenges copied a quarter of the young
  // generation, and a small job's fixed cost fell from 93–120 to 58–92 µs of CPU without it (bench/peers q0, 9 bids)
  const attempt: { -readonly [K in keyof JobAttempt]: JobAttempt[K] } = {
    tasks: [],
    async start() {
      const exec = buildExecutionGraph(jobGraph, { ...settings, attemptNumber: setup.attempt, schedule: (subtask, ts, action) => scheduler.schedule(subtask, ts, action) });
      execution = exec;
      attempt.tasks = exec.subtasks;
      if (setup.restore !== null) setup.faults?.onRestore();
      for (const subtask of exec.subtasks) {
        subtask.operators.forEach((op, i) => {
          const state = setup.restore?.(subtask.operatorUids[i]!, subtask.index) ?? null;
          op.initializeState(state === null ? null : decodeRestore(state));
        });
      }
      const checkpointing = checkpointingOf(setup);
      if (checkpointing !== null) for (const subtask of exec.subtasks) subtask.checkpointing = checkpointing;
      for (const subtask of exec.subtasks) await subtask.open();
    },
    run: () => scheduler.run(subtasks()),
    cancel: () => scheduler.cancel(),
    async stopSources(mode) {
      for (const s of subtasks()) s.stopSource(mode);
    },
    scheduleJobAction: (ts, action) => scheduler.scheduleJobAction(ts, action),
    commitWithoutCheckpoints: () => commitWithoutCheckpoints(subtasks()),
    async close(as) {
      if (as === "FINISHED") {
        for (const s of subtasks()) await s.close();
        return;
      }
      for (const s of subtasks()) {
        if (s.state === "RUNNING" || s.state === "CREATED") s.state = as;
        await s.close().catch(() => {});
      }
    },
    counters: () => (execution === null ? [] : [countersOf(jobGraph, execution, chainingEnabled)]),
    subtaskMetrics: () => (execution === null ? [] : subtaskCountersOf(execution).map((c) => ({ ...c, worker: null, place: LOCAL_PLACE }))),
    locationOfFailure: () => "localhost",
    // why none: in one thread the first failure stops every subtask at once; it is the attempt's failure
    failures: () => [],
    load: () => [],
  };
  return attempt;
}

/** Without checkpoints, two-phase-commit sinks still commit what they wrote when the job ends. */
export async function commitWithoutCheckpoints(subtasks: readonly Subtask[]): Promise<void> {
  for (const s of subtasks) {
    for (const op of s.operators) {
      if ((op as { commitsOnCheckpoint?: boolean }).commitsOnCheckpoint !== true) continue;
      await op.snapshotStateOnBarrier(Number.MAX_SAFE_INTEGER).operatorState;
      await op.notifyCheckpointComplete(Number.MAX_SAFE_INTEGER);
    }
  }
}

/** How each subtask takes part in checkpoints (also used by the workers of the pool, with messages behind it). */
export function checkpointingOf(setup: AttemptSetup): SubtaskCheckpointing | null {
  const c = setup.coordinator;
  if (c !== null && setup.checkpointing !== null) {
    return {
      mode: setup.checkpointing.mode,
      faults: setup.faults,
      snapshotStep: setup.checkpointing.snapshotStep,
      acknowledge: (t, id, snapshots, timing) => c.acknowledge(t, id, snapshots, timing),
      finished: (t) => c.finished(t),
      fail: (_t, e) => {
        setup.failAsync(e);
        // why: the job may be past its subtasks, waiting for the final checkpoint, which now never completes
        c.failPending(e);
      },
    };
  }
  if (setup.faults === null) return null;
  return { mode: "EXACTLY_ONCE", faults: setup.faults, snapshotStep: DEFAULT_CHECKPOINTING.snapshotStep, acknowledge: () => {}, finished: () => {}, fail: (_t, e) => setup.failAsync(e) };
}
