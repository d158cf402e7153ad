// The dashboard's calls to the JobManager's REST API (same origin: the JobManager serves this page).
import type {
  AsynchronousOperationResult, CheckpointingStatistics, ClusterOverview, JobDetails, JobExceptions, JobsOverview,
  TaskManagers, TriggerResponse, VertexBackPressure, VertexWatermarks,
} from "./rest-types.js";

/** A request the JobManager refused or could not answer, with Flink's `errors` text when it sent one. */
export class RestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new RestError(0, `the JobManager does not answer (${(e as Error).message})`);
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    // why: a proxy or a crash page is not JSON; show its status instead of a parse error
  }
  if (!response.ok) {
    const errors = (json as { errors?: unknown } | undefined)?.errors;
    const message = Array.isArray(errors) && errors.length > 0 ? errors.map(String).join("; ") : `${response.status} ${response.statusText}`;
    throw new RestError(response.status, `${method} ${path}: ${message}`);
  }
  if (json === undefined) throw new RestError(response.status, `${method} ${path}: the answer is not JSON`);
  return json as T;
}

const job = (id: string) => `/jobs/${encodeURIComponent(id)}`;

export const rest = {
  overview: () => request<ClusterOverview>("GET", "/overview"),
  jobs: () => request<JobsOverview>("GET", "/jobs/overview"),
  job: (id: string) => request<JobDetails>("GET", job(id)),
  checkpoints: (id: string) => request<CheckpointingStatistics>("GET", `${job(id)}/checkpoints`),
  exceptions: (id: string) => request<JobExceptions>("GET", `${job(id)}/exceptions`),
  backPressure: (id: string, vertex: string) => request<VertexBackPressure>("GET", `${job(id)}/vertices/${encodeURIComponent(vertex)}/backpressure`),
  watermarks: (id: string, vertex: string) => request<VertexWatermarks>("GET", `${job(id)}/vertices/${encodeURIComponent(vertex)}/watermarks`),
  taskManagers: () => request<TaskManagers>("GET", "/taskmanagers"),
  cancel: (id: string) => request<unknown>("PATCH", `${job(id)}?mode=cancel`),
  triggerSavepoint: (id: string, targetDirectory: string | null) =>
    request<TriggerResponse>("POST", `${job(id)}/savepoints`, { "cancel-job": false, ...(targetDirectory === null ? {} : { "target-directory": targetDirectory }) }),
  savepointStatus: (id: string, trigger: string) => request<AsynchronousOperationResult>("GET", `${job(id)}/savepoints/${encodeURIComponent(trigger)}`),
};
