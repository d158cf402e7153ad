// Metrics of a running or finished job, per operator (summed over its subtasks).
import type { StreamNode } from "../graph/stream-graph.js";
import type { JobGraph } from "../graph/job-graph.js";
import type { ExecutionGraph } from "../graph/execution-graph.js";
import { isChainable } from "../graph/job-graph.js";
import type { CheckpointStats } from "../checkpoint/checkpoint-coordinator.js";
import type { Subtask, SubtaskState } from "../scheduler/subtask.js";
import type { WorkerPlace } from "./worker-place.js";
import type { WorkerLoad } from "./job-attempt.js";
import type { StreamOperator } from "../operators/operator.js";
import { SourceOperator } from "../operators/source.js";

export interface OperatorMetrics {
  readonly name: string;
  readonly uid: string;
  readonly parallelism: number;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /**
   * A source's records read from the outside (0 for other operators): its records out, unless its reader drops or
   * expands records as it reads (a source-fused filter). The job's records in. Not `recordsIn`, which for a source is
   * 0 as in Flink (nothing crosses an edge into it).
   */
  readonly recordsRead: number;
  readonly recordsInPerSecond: number;
  readonly recordsOutPerSecond: number;
  /** The lowest input watermark over the operator's subtasks (−Infinity before the first). */
  readonly watermark: number;
  /** Time the operator's tasks were held back by full output channels, summed over subtasks. */
  readonly backpressureMs: number;
}

export interface JobMetrics {
  readonly elapsedMs: number;
  readonly operators: readonly OperatorMetrics[];
  /** Restarts after failures so far. */
  readonly restarts?: number;
  /** Checkpoint statistics; null when the job does not checkpoint. */
  readonly checkpoints?: CheckpointStats | null;
  /** Per worker thread, when the job runs on the pool: busy and idle time, steals, records and bytes exchanged. */
  readonly workers?: readonly WorkerLoad[];
  /** Each subtask of each vertex (job graph order, then subtask index): its own counts, state and place. */
  readonly subtasks?: readonly SubtaskMetricsView[];
}

/** One subtask's counts as the thread that runs it reports them. */
export interface SubtaskCounters {
  readonly vertexId: number;
  readonly index: number;
  readonly state: SubtaskState;
  /** Records into the chain's head, out of its tail (what crosses the vertex's edges). */
  readonly recordsIn: number;
  readonly recordsOut: number;
  readonly backpressureMs: number;
  /** Time spent running the subtask's slices (Flink's busy time), ms. */
  readonly busyMs: number;
}

/** A subtask in the job's metrics: its counts, the attempt's worker that runs it and where that worker is. */
export interface SubtaskMetricsView extends SubtaskCounters {
  /** The pool worker (or cluster slot) that runs it; null in one thread. */
  readonly worker: number | null;
  /** Where it runs: this process, or a TaskManager and its address. */
  readonly place: WorkerPlace;
  /** When the attempt that runs it started (processing time of the job's clock). */
  readonly startTime: number;
}

export function collectMetrics(job: JobGraph, execution: ExecutionGraph, chainingEnabled: boolean, elapsedMs: number): JobMetrics {
  return combineMetrics(job, [countersOf(job, execution, chainingEnabled)], elapsedMs);
}

/** One operator's counts over the subtasks of one thread (a worker of the pool sends these to the job's thread). */
export interface OperatorCounters {
  readonly uid: string;
  readonly recordsIn: number;
  readonly recordsOut: number;
  /** See OperatorMetrics.recordsRead. */
  readonly recordsRead: number;
  /** The lowest input watermark of those subtasks; +Infinity when the thread runs none of them. */
  readonly watermark: number;
  readonly backpressureMs: number;
}

/** The counts of every operator over the subtasks in `execution` (which may hold only some of the job's subtasks). */
export function countersOf(job: JobGraph, execution: ExecutionGraph, chainingEnabled: boolean, runsHere: (s: Subtask) => boolean = () => true): OperatorCounters[] {
  const counters: OperatorCounters[] = [];
  for (const vertex of job.vertices) {
    const subtasks = execution.subtasks.filter((s) => s.vertexId === vertex.id);
    // why: a copy of a movable subtask that another worker runs now has a stale watermark (its counts are its own)
    const running = subtasks.filter(runsHere);
    vertex.nodes.forEach((node, k) => {
      const outs = execution.outputsOf.get(node) ?? [];
      const ops = running.map((s) => s.operators[k]!);
      counters.push({
        uid: node.uid,
        recordsIn: node === vertex.head ? subtasks.reduce((n, s) => n + s.metrics.recordsIn, 0) : chainedRecordsIn(node, execution, chainingEnabled),
        recordsOut: outs.reduce((n, o) => n + o.recordsOut, 0),
        // why every subtask, not only those running here: like the counts above, a moved subtask's copies each
        // count what they read
        recordsRead: node === vertex.head ? subtasks.reduce((n, s) => n + recordsReadBy(s.operators[0]!), 0) : 0,
        watermark: ops.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...ops.map((o) => o.currentWatermark())),
        backpressureMs: node === vertex.head ? subtasks.reduce((n, s) => n + s.metrics.backpressureMs, 0) : 0,
      });
    });
  }
  return counters;
}

/**
 * Each subtask's own counts in `execution` (only those this thread runs, when `runsHere` says). Read from the counters
 * the subtasks keep anyway: no cost per record.
 */
export function subtaskCountersOf(execution: ExecutionGraph, runsHere: (s: Subtask) => boolean = () => true): SubtaskCounters[] {
  const counters: SubtaskCounters[] = [];
  for (const s of execution.subtasks) {
    if (!runsHere(s)) continue;
    const tail = s.outputs.at(-1);
    counters.push({ vertexId: s.vertexId, index: s.index, state: s.state, recordsIn: s.metrics.recordsIn, recordsOut: tail?.recordsOut ?? 0, backpressureMs: s.metrics.backpressureMs, busyMs: s.metrics.busyMs });
  }
  return counters;
}

/** The job's metrics from the counts of each thread that runs part of it. */
export function combineMetrics(job: JobGraph, parts: readonly (readonly OperatorCounters[])[], elapsedMs: number): JobMetrics {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const byUid = new Map<string, OperatorCounters[]>();
  for (const part of parts) for (const c of part) byUid.set(c.uid, [...(byUid.get(c.uid) ?? []), c]);
  const operators: OperatorMetrics[] = [];
  for (const vertex of job.vertices) {
    for (const node of vertex.nodes) {
      const cs = byUid.get(node.uid) ?? [];
      const recordsIn = cs.reduce((n, c) => n + c.recordsIn, 0);
      const recordsOut = cs.reduce((n, c) => n + c.recordsOut, 0);
      const recordsRead = cs.reduce((n, c) => n + c.recordsRead, 0);
      const watermark = Math.min(...cs.map((c) => c.watermark));
      operators.push({
        name: node.name,
        uid: node.uid,
        parallelism: node.parallelism,
        recordsIn,
        recordsOut,
        recordsRead,
        recordsInPerSecond: recordsIn / seconds,
        recordsOutPerSecond: recordsOut / seconds,
        watermark: watermark === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : watermark,
        backpressureMs: cs.reduce((n, c) => n + c.backpressureMs, 0),
      });
    }
  }
  return { elapsedMs, operators };
}

/** What a chain's head read from the outside: a source's records read, nothing for any other operator. */
function recordsReadBy(head: StreamOperator<unknown>): number {
  return head instanceof SourceOperator ? head.recordsRead() : 0;
}

/** A chained operator receives exactly what its single chained predecessor emitted (on the side output it reads). */
function chainedRecordsIn(node: StreamNode, execution: ExecutionGraph, chainingEnabled: boolean): number {
  const edge = node.inEdges[0];
  if (edge === undefined || !isChainable(edge, chainingEnabled)) return 0;
  const tag = edge.sideOutput;
  return (execution.outputsOf.get(edge.source) ?? []).reduce((n, o) => n + (tag === null ? o.recordsOut : o.sideRecordsOut.get(tag.id) ?? 0), 0);
}
