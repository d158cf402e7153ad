// A JobMaster as the JSON of Flink's REST API (https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/rest_api/):
// the same field names and nesting where Eddy has the figure, so Flink's clients and habits carry over; figures Eddy
// does not measure are left out rather than made up (see docs/deployment.md, "REST API").
import type { CompletedCheckpoint } from "../../checkpoint/coordinator-state.js";
import type { OperatorMetrics, SubtaskMetricsView } from "../../jobmanager/metrics.js";
import type { JobPlan, JobPlanVertex } from "../../jobmanager/job-plan.js";
import { DispatcherError } from "../dispatcher/dispatcher-error.js";
import type { JobException, JobMaster, JobMasterStatus } from "../dispatcher/job-master.js";

/** Flink's execution states of a vertex, counted in `status-counts` and `tasks`. */
const EXECUTION_STATES = ["CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "FINISHED", "CANCELING", "CANCELED", "FAILED", "RECONCILING", "INITIALIZING"] as const;
type ExecutionState = (typeof EXECUTION_STATES)[number];

/** What a vertex's subtasks are doing, from the job's status (Eddy tracks the job, not each subtask). */
function vertexState(job: JobMasterStatus): ExecutionState {
  switch (job) {
    case "INITIALIZING": return "INITIALIZING";
    case "CREATED": return "CREATED";
    case "RUNNING": return "RUNNING";
    case "RESTARTING": return "DEPLOYING";
    case "FINISHED": return "FINISHED";
    case "CANCELLING": return "CANCELING";
    case "CANCELED": case "SUSPENDED": return "CANCELED";
    case "FAILING": case "FAILED": return "FAILED";
  }
}

function duration(master: JobMaster, now: number): number {
  return (master.endTimeOrNull ?? now) - master.startTime;
}

/** The plan in Flink's /jobs/:id/plan shape: nodes with their inputs (the edges into them). */
export function planView(master: JobMaster): { jid: string; name: string; type: "STREAMING"; nodes: object[] } {
  const plan = master.getPlan();
  return {
    jid: master.jobId,
    name: master.jobName,
    type: "STREAMING",
    nodes: (plan?.vertices ?? []).map((v) => ({
      id: vertexId(v),
      parallelism: v.parallelism,
      operator: v.operators[0] ?? "",
      operator_strategy: v.operators.length > 1 ? "chain" : "",
      description: v.name,
      optimizer_properties: {},
      inputs: plan!.edges
        .filter((e) => e.target === v.id)
        .map((e, num) => ({ num, id: vertexId(plan!.vertices[e.source]!), ship_strategy: e.shipStrategy, exchange: "pipelined_bounded", ...(e.sideOutput === null ? {} : { side_output: e.sideOutput }) })),
    })),
  };
}

/** A vertex id as Flink writes them (hex); ours are the job graph's indices, padded so they sort. */
export function vertexId(v: JobPlanVertex): string {
  return v.id.toString(16).padStart(32, "0");
}

/** The metrics of each vertex's operators, head first (metrics().operators lists them vertex by vertex). */
function operatorsByVertex(plan: JobPlan | null, operators: readonly OperatorMetrics[]): Map<number, readonly OperatorMetrics[]> {
  const byVertex = new Map<number, readonly OperatorMetrics[]>();
  let at = 0;
  for (const v of plan?.vertices ?? []) {
    byVertex.set(v.id, operators.length === 0 ? [] : operators.slice(at, at + v.operators.length));
    at += v.operators.length;
  }
  return byVertex;
}

/** Records in at the chain's head, out of its tail, as Flink counts records crossing a vertex's edges. */
export function vertexMetrics(ops: readonly OperatorMetrics[], subtasks: readonly SubtaskMetricsView[] = []): Record<string, number | boolean> {
  const head = ops[0];
  const tail = ops.at(-1);
  return {
    "read-bytes": 0,
    "read-bytes-complete": false,
    "write-bytes": 0,
    "write-bytes-complete": false,
    "read-records": head?.recordsIn ?? 0,
    "read-records-complete": true,
    "write-records": tail?.recordsOut ?? 0,
    "write-records-complete": true,
    "accumulated-backpressured-time": head?.backpressureMs ?? 0,
    "accumulated-busy-time": subtasks.reduce((n, s) => n + s.busyMs, 0),
  };
}

function statusCounts(state: ExecutionState, vertices: number): Record<ExecutionState, number> {
  const counts = Object.fromEntries(EXECUTION_STATES.map((s) => [s, 0])) as Record<ExecutionState, number>;
  counts[state] = vertices;
  return counts;
}

export function jobOverview(master: JobMaster, now: number): object {
  const vertices = master.getPlan()?.vertices.length ?? 0;
  const state = vertexState(master.status);
  const tasks = Object.fromEntries(Object.entries(statusCounts(state, vertices)).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    jid: master.jobId,
    name: master.jobName,
    state: master.status,
    "start-time": master.startTime,
    "end-time": master.endTimeOrNull ?? -1,
    duration: duration(master, now),
    "last-modification": Math.max(...Object.values(master.timestamps).map((t) => t ?? 0)),
    tasks: { total: vertices, ...tasks },
  };
}

export function jobDetails(master: JobMaster, now: number): object {
  const plan = master.getPlan();
  const metrics = master.metrics();
  const byVertex = operatorsByVertex(plan, metrics.operators);
  const state = vertexState(master.status);
  return {
    jid: master.jobId,
    name: master.jobName,
    isStoppable: false,
    state: master.status,
    "job-type": "STREAMING",
    "start-time": master.startTime,
    "end-time": master.endTimeOrNull ?? -1,
    duration: duration(master, now),
    maxParallelism: -1,
    now,
    timestamps: master.timestamps,
    vertices: (plan?.vertices ?? []).map((v) => ({
      id: vertexId(v),
      name: v.name,
      maxParallelism: -1,
      parallelism: v.parallelism,
      status: state,
      "start-time": master.timestamps.RUNNING ?? -1,
      "end-time": master.endTimeOrNull ?? -1,
      duration: master.timestamps.RUNNING === undefined ? -1 : (master.endTimeOrNull ?? now) - master.timestamps.RUNNING,
      tasks: statusCounts(state, v.parallelism),
      metrics: vertexMetrics(byVertex.get(v.id) ?? [], subtasksOf(master, v.id)),
      operators: v.operators,
    })),
    "status-counts": statusCounts(state, plan?.vertices.length ?? 0),
    plan: planView(master),
  };
}

/** The vertex with Flink id `vertexIdHex`, or a 404 that says where to find the ids. */
export function findVertex(master: JobMaster, vertexIdHex: string): { vertex: JobPlanVertex; operators: readonly OperatorMetrics[] } {
  const plan = master.getPlan();
  const vertex = plan?.vertices.find((v) => vertexId(v) === vertexIdHex);
  if (vertex === undefined) throw new DispatcherError("not-found", `job ${master.jobId} has no vertex '${vertexIdHex}' (GET /jobs/${master.jobId} lists its vertices)`);
  return { vertex, operators: operatorsByVertex(plan, master.metrics().operators).get(vertex.id) ?? [] };
}

export function vertexDetails(master: JobMaster, vertexIdHex: string, now: number): object {
  const { vertex, operators } = findVertex(master, vertexIdHex);
  const state = vertexState(master.status);
  return {
    id: vertexId(vertex),
    name: vertex.name,
    parallelism: vertex.parallelism,
    maxParallelism: -1,
    now,
    subtasks: subtasksOf(master, vertex.id).map((s) => subtaskDetails(master, s, now)),
    aggregated: { status: state, metrics: vertexMetrics(operators, subtasksOf(master, vertex.id)) },
    operators: operators.map((o) => ({
      name: o.name,
      "read-records": o.recordsIn,
      "write-records": o.recordsOut,
      "read-records-per-second": o.recordsInPerSecond,
      "write-records-per-second": o.recordsOutPerSecond,
      watermark: Number.isFinite(o.watermark) ? o.watermark : null,
    })),
  };
}

/** The subtasks of vertex `id` in the job's latest metrics, by index (empty before the first attempt started). */
function subtasksOf(master: JobMaster, id: number): SubtaskMetricsView[] {
  return (master.metrics().subtasks ?? []).filter((s) => s.vertexId === id).sort((a, b) => a.index - b.index);
}

const ENDED: ReadonlySet<string> = new Set(["FINISHED", "FAILED", "CANCELED"]);

/** One subtask in Flink's SubtaskExecutionAttemptDetailsInfo shape. */
function subtaskDetails(master: JobMaster, s: SubtaskMetricsView, now: number): object {
  // why the job's end: a subtask's own end is not tracked; a subtask that ended did so by the time its job did
  const end = ENDED.has(s.state) ? (master.endTimeOrNull ?? -1) : -1;
  return {
    subtask: s.index,
    status: s.state,
    attempt: master.metrics().restarts ?? 0,
    host: s.place.endpoint,
    endpoint: s.place.endpoint,
    "taskmanager-id": s.place.taskManager ?? "(local)",
    "start-time": s.startTime,
    "end-time": end,
    duration: (end === -1 ? now : end) - s.startTime,
    metrics: {
      "read-bytes": 0,
      "read-bytes-complete": false,
      "write-bytes": 0,
      "write-bytes-complete": false,
      "read-records": s.recordsIn,
      "read-records-complete": true,
      "write-records": s.recordsOut,
      "write-records-complete": true,
      "accumulated-backpressured-time": s.backpressureMs,
      "accumulated-busy-time": s.busyMs,
    },
  };
}

/** Flink's watermarks list; Eddy knows the lowest input watermark over a vertex's subtasks, so that is the one entry. */
export function vertexWatermarks(master: JobMaster, vertexIdHex: string): object[] {
  const { operators } = findVertex(master, vertexIdHex);
  const head = operators[0];
  if (head === undefined) return [];
  return [{ id: "min.currentInputWatermark", value: String(Number.isFinite(head.watermark) ? head.watermark : Number.MIN_SAFE_INTEGER) }];
}

/** Flink's thresholds: up to 10 % of the time back-pressured is ok, up to 50 % low, above high. */
export function backpressureLevel(ratio: number): "ok" | "low" | "high" {
  return ratio <= 0.1 ? "ok" : ratio <= 0.5 ? "low" : "high";
}

export function vertexBackpressure(master: JobMaster, vertexIdHex: string, now: number): object {
  const { vertex, operators } = findVertex(master, vertexIdHex);
  const elapsed = Math.max(master.metrics().elapsedMs, 1);
  const ratio = Math.min(1, (operators[0]?.backpressureMs ?? 0) / (elapsed * vertex.parallelism));
  const level = backpressureLevel(ratio);
  return {
    status: "ok",
    backpressureLevel: level,
    "backpressure-level": level,
    "end-timestamp": now,
    // why since the start: Eddy sums back-pressured time per vertex over the job's life (no sampling window)
    ratio,
    subtasks: subtasksOf(master, vertex.id).map((s) => {
      const r = Math.min(1, s.backpressureMs / elapsed);
      const busyRatio = Math.min(1, s.busyMs / elapsed);
      // why the rest is idle: a subtask is busy (running a slice), back-pressured (held by a full output) or waiting
      return { subtask: s.index, attempt_number: master.metrics().restarts ?? 0, "backpressure-level": backpressureLevel(r), ratio: r, busyRatio, idleRatio: Math.max(0, 1 - busyRatio - r) };
    }),
  };
}

/** The per-subtask metrics, by Flink's names; `seconds` is the job's run time so far. */
const SUBTASK_METRICS: Readonly<Record<string, (s: SubtaskMetricsView, seconds: number) => number>> = {
  numRecordsIn: (s) => s.recordsIn,
  numRecordsOut: (s) => s.recordsOut,
  numRecordsInPerSecond: (s, seconds) => s.recordsIn / seconds,
  numRecordsOutPerSecond: (s, seconds) => s.recordsOut / seconds,
  accumulatedBackPressuredTimeMs: (s) => s.backpressureMs,
  accumulatedBusyTimeMs: (s) => s.busyMs,
  // why an average since the start: Eddy accumulates busy time; Flink's gauge is over its last few seconds
  busyTimeMsPerSecond: (s, seconds) => Math.min(1000, s.busyMs / seconds),
};

const AGGREGATIONS = ["min", "max", "avg", "sum"] as const;
type Aggregation = (typeof AGGREGATIONS)[number];

export interface SubtaskMetricsQuery {
  readonly get?: string;
  /** Comma-separated min, max, avg, sum (default all four, as Flink). */
  readonly agg?: string;
  /** Comma-separated subtask indices and ranges ("0,2-3"); default every subtask. */
  readonly subtasks?: string;
}

/**
 * Flink's aggregated subtask metrics: without `get`, the names; with it, each metric aggregated over the chosen
 * subtasks' own values (min, max, avg, sum).
 */
export function vertexSubtaskMetrics(master: JobMaster, vertexIdHex: string, query: SubtaskMetricsQuery): object[] {
  const { vertex } = findVertex(master, vertexIdHex);
  if (query.get === undefined) return Object.keys(SUBTASK_METRICS).map((id) => ({ id }));
  const names = splitList(query.get);
  const unknown = names.filter((n) => SUBTASK_METRICS[n] === undefined);
  if (unknown.length > 0) throw new DispatcherError("bad-request", `unknown metric ${unknown.map((n) => `'${n}'`).join(", ")} (available: ${Object.keys(SUBTASK_METRICS).join(", ")})`);
  const aggs = query.agg === undefined ? AGGREGATIONS : (splitList(query.agg) as Aggregation[]);
  const chosen = query.subtasks === undefined ? null : subtaskSelection(query.subtasks, vertex.parallelism, vertexIdHex);
  const subtasks = subtasksOf(master, vertex.id).filter((s) => chosen === null || chosen.has(s.index));
  const seconds = Math.max(master.metrics().elapsedMs, 1) / 1000;
  return names.map((id) => {
    const values = subtasks.map((s) => SUBTASK_METRICS[id]!(s, seconds));
    const sum = values.reduce((a, b) => a + b, 0);
    const all: Record<Aggregation, number> = {
      min: values.length === 0 ? 0 : Math.min(...values),
      max: values.length === 0 ? 0 : Math.max(...values),
      avg: values.length === 0 ? 0 : sum / values.length,
      sum,
    };
    return { id, ...Object.fromEntries(aggs.map((a) => [a, all[a]])) };
  });
}

function splitList(list: string): string[] {
  return list.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** Flink's `subtasks` parameter: indices and ranges, each below the vertex's parallelism. */
function subtaskSelection(spec: string, parallelism: number, vertexIdHex: string): Set<number> {
  const chosen = new Set<number>();
  for (const part of splitList(spec)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    const from = m === null ? NaN : Number(m[1]);
    const to = m === null ? NaN : Number(m[2] ?? m[1]);
    if (m === null || from > to) throw new DispatcherError("bad-request", `subtasks '${part}' is not an index or a range 'from-to' (vertex ${vertexIdHex} has subtasks 0-${parallelism - 1})`);
    if (to >= parallelism) throw new DispatcherError("bad-request", `subtask ${to} does not exist: vertex ${vertexIdHex} has subtasks 0-${parallelism - 1}`);
    for (let i = from; i <= to; i++) chosen.add(i);
  }
  return chosen;
}

/**
 * Flink's exceptions: the root (latest) exception, and the history newest first — every failure the job restarted
 * after (with its task and location when known) and the final one.
 */
export function exceptionsView(master: JobMaster, maxExceptions?: number): object {
  const all = master.allExceptions();
  const newestFirst = [...all].reverse();
  const shown = maxExceptions === undefined ? newestFirst : newestFirst.slice(0, maxExceptions);
  const root = all.at(-1) ?? null;
  return {
    "root-exception": root === null ? null : root.stack,
    timestamp: root === null ? null : root.timestamp,
    "all-exceptions": shown.map((e) => ({ exception: e.stack, task: e.task ?? master.jobName, location: e.location ?? "(unassigned)", timestamp: e.timestamp })),
    truncated: shown.length < all.length,
    exceptionHistory: {
      entries: shown.map((e) => ({
        ...historyEntry(e),
        concurrentExceptions: (e.concurrent ?? []).map(historyEntry),
      })),
      truncated: shown.length < all.length,
    },
  };
}

function historyEntry(e: JobException): object {
  return { exceptionName: e.name, stacktrace: e.stack, timestamp: e.timestamp, taskName: e.task ?? null, location: e.location ?? null, failureLabels: {} };
}

function checkpointEntry(master: JobMaster, c: CompletedCheckpoint, checkpointDir: string | undefined): object {
  return {
    className: "completed",
    id: c.id,
    status: "COMPLETED",
    is_savepoint: c.savepoint,
    checkpoint_type: c.savepoint ? "SAVEPOINT" : "CHECKPOINT",
    trigger_timestamp: c.triggeredAt,
    latest_ack_timestamp: c.completedAt,
    state_size: c.stateBytes,
    checkpointed_size: c.stateBytes,
    end_to_end_duration: c.completedAt - c.triggeredAt,
    alignment_buffered: 0,
    max_alignment_ms: c.maxAlignmentMs,
    max_sync_ms: c.maxSyncMs,
    max_async_ms: c.maxAsyncMs,
    num_subtasks: (master.getPlan()?.vertices ?? []).reduce((n, v) => n + v.parallelism, 0),
    num_acknowledged_subtasks: (master.getPlan()?.vertices ?? []).reduce((n, v) => n + v.parallelism, 0),
    external_path: c.savepoint || checkpointDir === undefined ? null : `${checkpointDir}/chk-${c.id}`,
    discarded: false,
  };
}

function summary(values: readonly number[]): { min: number; max: number; avg: number } {
  if (values.length === 0) return { min: 0, max: 0, avg: 0 };
  return { min: Math.min(...values), max: Math.max(...values), avg: values.reduce((a, b) => a + b, 0) / values.length };
}

export function checkpointsView(master: JobMaster): object {
  const { completed, failed } = master.checkpointHistory();
  const dir = master.runOptions.checkpointDir;
  const latest = completed.filter((c) => !c.savepoint).at(-1) ?? null;
  const savepoint = completed.filter((c) => c.savepoint).at(-1) ?? null;
  const restored = master.runOptions.restoreFrom;
  return {
    counts: { restored: restored === undefined ? 0 : 1, total: completed.length + failed, in_progress: 0, completed: completed.length, failed },
    summary: {
      state_size: summary(completed.map((c) => c.stateBytes)),
      checkpointed_size: summary(completed.map((c) => c.stateBytes)),
      end_to_end_duration: summary(completed.map((c) => c.completedAt - c.triggeredAt)),
      alignment_buffered: summary([]),
    },
    latest: {
      completed: latest === null ? null : checkpointEntry(master, latest, dir),
      savepoint: savepoint === null ? null : checkpointEntry(master, savepoint, dir),
      failed: null,
      restored: restored === undefined ? null : { id: checkpointIdOf(restored), restore_timestamp: master.timestamps.RUNNING ?? master.startTime, is_savepoint: false, external_path: restored },
    },
    history: [...completed].reverse().map((c) => checkpointEntry(master, c, dir)),
  };
}

export function checkpointDetails(master: JobMaster, checkpointId: number): object {
  const c = master.checkpointHistory().completed.find((x) => x.id === checkpointId);
  if (c === undefined) throw new DispatcherError("not-found", `job ${master.jobId} has no completed checkpoint ${checkpointId} in its history (GET /jobs/${master.jobId}/checkpoints lists them)`);
  return { ...checkpointEntry(master, c, master.runOptions.checkpointDir), tasks: {} };
}

function checkpointIdOf(path: string): number {
  const m = /chk-(\d+)\/?$/.exec(path);
  return m === null ? -1 : Number(m[1]);
}

