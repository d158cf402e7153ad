// The JSON the dashboard reads from the JobManager: Flink's REST shapes (only the fields it shows; all optional
// where Eddy's JobManager may leave them out, so a missing field shows as "–" instead of breaking a page).

/** GET /overview */
export interface ClusterOverview {
  readonly taskmanagers: number;
  readonly "slots-total": number;
  readonly "slots-available": number;
  readonly "jobs-running": number;
  readonly "jobs-finished": number;
  readonly "jobs-cancelled": number;
  readonly "jobs-failed": number;
  readonly "flink-version"?: string;
}

/** Flink's job states (JobStatus). */
export type JobState =
  | "INITIALIZING" | "CREATED" | "RUNNING" | "FAILING" | "FAILED" | "CANCELLING" | "CANCELED"
  | "FINISHED" | "RESTARTING" | "SUSPENDED" | "RECONCILING";

/** One row of GET /jobs/overview */
export interface JobSummary {
  readonly jid: string;
  readonly name: string;
  readonly state: JobState;
  readonly "start-time": number;
  readonly "end-time": number;
  readonly duration: number;
  readonly tasks?: Readonly<Record<string, number>>;
}

/** GET /jobs/overview */
export interface JobsOverview {
  readonly jobs: readonly JobSummary[];
}

/** A vertex's I/O metrics in GET /jobs/:id (sums over its subtasks). */
export interface VertexMetrics {
  readonly "read-records"?: number;
  readonly "write-records"?: number;
  readonly "read-bytes"?: number;
  readonly "write-bytes"?: number;
  readonly "accumulated-busy-time"?: number;
  readonly "accumulated-backpressured-time"?: number;
  readonly "accumulated-idle-time"?: number;
}

export interface JobVertex {
  readonly id: string;
  readonly name: string;
  readonly parallelism: number;
  readonly status: string;
  readonly metrics?: VertexMetrics;
}

/** One node of the job's plan; `inputs` are its incoming edges. */
export interface PlanNode {
  readonly id: string;
  readonly description?: string;
  readonly operator?: string;
  readonly parallelism?: number;
  readonly inputs?: readonly { readonly id: string; readonly ship_strategy?: string; readonly num?: number }[];
}

/** GET /jobs/:id */
export interface JobDetails {
  readonly jid: string;
  readonly name: string;
  readonly state: JobState;
  readonly isStoppable?: boolean;
  readonly "start-time": number;
  readonly "end-time": number;
  readonly duration: number;
  readonly now?: number;
  readonly vertices: readonly JobVertex[];
  readonly plan?: { readonly nodes: readonly PlanNode[] };
}

/** One entry of `history` in GET /jobs/:id/checkpoints */
export interface CheckpointStatistics {
  readonly id: number;
  readonly status: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  readonly is_savepoint: boolean;
  readonly trigger_timestamp: number;
  readonly latest_ack_timestamp?: number;
  readonly end_to_end_duration?: number;
  readonly state_size?: number;
  readonly checkpointed_size?: number;
  readonly alignment_buffered?: number;
  readonly num_subtasks?: number;
  readonly num_acknowledged_subtasks?: number;
  readonly external_path?: string | null;
  readonly failure_message?: string;
}

/** GET /jobs/:id/checkpoints */
export interface CheckpointingStatistics {
  readonly counts: {
    readonly restored: number;
    readonly total: number;
    readonly in_progress: number;
    readonly completed: number;
    readonly failed: number;
  };
  readonly history: readonly CheckpointStatistics[];
}

export interface ExceptionEntry {
  readonly exceptionName: string;
  readonly stacktrace: string;
  readonly timestamp: number;
  readonly taskName?: string | null;
  readonly location?: string | null;
  readonly taskManagerId?: string | null;
}

/** GET /jobs/:id/exceptions */
export interface JobExceptions {
  readonly "root-exception"?: string | null;
  readonly timestamp?: number | null;
  readonly exceptionHistory?: { readonly entries: readonly ExceptionEntry[]; readonly truncated?: boolean };
}

/** GET /jobs/:id/vertices/:vid/backpressure */
export interface VertexBackPressure {
  readonly status: string;
  readonly backpressureLevel?: "ok" | "low" | "high";
  /** Eddy's JobManager sums a vertex's subtasks: one ratio for the whole vertex, and no per-subtask entries. */
  readonly ratio?: number;
  readonly subtasks?: readonly { readonly subtask: number; readonly ratio?: number; readonly busyRatio?: number; readonly idleRatio?: number }[];
}

/** GET /jobs/:id/vertices/:vid/watermarks: one metric per subtask, `<subtask>.currentInputWatermark`. */
export type VertexWatermarks = readonly { readonly id: string; readonly value: string }[];

export interface TaskManagerInfo {
  readonly id: string;
  readonly path?: string;
  readonly dataPort?: number;
  readonly timeSinceLastHeartbeat?: number;
  readonly slotsNumber: number;
  readonly freeSlots: number;
}

/** GET /taskmanagers */
export interface TaskManagers {
  readonly taskmanagers: readonly TaskManagerInfo[];
}

/** POST /jobs/:id/savepoints and /stop answer with a trigger id; GET .../savepoints/:triggerid polls it. */
export interface TriggerResponse {
  readonly "request-id": string;
}

export interface AsynchronousOperationResult {
  readonly status: { readonly id: "IN_PROGRESS" | "COMPLETED" };
  readonly operation?: null | { readonly location?: string; readonly "failure-cause"?: { readonly "stack-trace"?: string; readonly class?: string } };
}
