// The client commands' view of the JobManager's REST API (Flink's paths and JSON shapes), over Node's fetch.
import type {
  AsynchronousOperationResult, ClusterOverview, JobDetails, JobExceptions, JobsOverview, TriggerResponse,
} from "../../web/src/rest-types.js";
import { ClientError } from "./client-errors.js";

const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/** POST /jars/upload answers the stored file's name; its last path segment is the jar id /jars/:id/run takes. */
export interface JarUploadResponse {
  readonly filename: string;
  readonly status: string;
}

/** Flink's JarRunRequestBody (the fields Eddy uses; `entryClass` names the job of the bundle). */
export interface JarRunRequest {
  readonly entryClass?: string;
  readonly parallelism?: number;
  readonly savepointPath?: string;
  readonly allowNonRestoredState?: boolean;
}

function connectionProblem(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND") return "unknown host";
  if ((e as Error).name === "TimeoutError") return "no answer in time";
  return cause?.message ?? (e as Error).message;
}

export class JobManagerClient {
  constructor(readonly baseUrl: string) {}

  private async request<T>(method: string, path: string, init: { json?: unknown; form?: FormData; timeoutMs?: number } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        ...(init.json === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.json) }),
        ...(init.form === undefined ? {} : { body: init.form }),
        signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new ClientError(`cannot reach the JobManager at ${this.baseUrl}: ${connectionProblem(e)} (is it running? \`eddy cluster start\` starts one; --jobmanager or EDDY_JOBMANAGER names another)`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new ClientError(`${method} ${path}: the JobManager answered ${response.status} with something that is not JSON (is ${this.baseUrl} an Eddy JobManager?)`);
    }
    if (!response.ok) {
      const errors = (body as { errors?: unknown }).errors;
      const message = Array.isArray(errors) && errors.length > 0 ? errors.map(String).join("; ") : `${response.status} ${response.statusText}`;
      throw new ClientError(`${method} ${path}: ${message}`);
    }
    return body as T;
  }

  overview(): Promise<ClusterOverview> {
    return this.request("GET", "/overview");
  }

  jobs(): Promise<JobsOverview> {
    return this.request("GET", "/jobs/overview");
  }

  job(id: string): Promise<JobDetails> {
    return this.request("GET", `/jobs/${encodeURIComponent(id)}`);
  }

  exceptions(id: string): Promise<JobExceptions> {
    return this.request("GET", `/jobs/${encodeURIComponent(id)}/exceptions`);
  }

  async uploadJar(fileName: string, bytes: Uint8Array): Promise<string> {
    const form = new FormData();
    form.append("jarfile", new Blob([bytes], { type: "application/javascript" }), fileName);
    const uploaded = await this.request<JarUploadResponse>("POST", "/jars/upload", { form, timeoutMs: UPLOAD_TIMEOUT_MS });
    const id = uploaded.filename?.split("/").pop();
    if (id === undefined || id === "") throw new ClientError(`POST /jars/upload: the JobManager named no uploaded file (got ${JSON.stringify(uploaded)})`);
    return id;
  }

  async runJar(jarId: string, request: JarRunRequest): Promise<string> {
    const { jobid } = await this.request<{ jobid: string }>("POST", `/jars/${encodeURIComponent(jarId)}/run`, { json: request });
    return jobid;
  }

  cancel(id: string): Promise<unknown> {
    return this.request("PATCH", `/jobs/${encodeURIComponent(id)}?mode=cancel`);
  }

  triggerSavepoint(id: string, targetDirectory: string | undefined): Promise<TriggerResponse> {
    return this.request("POST", `/jobs/${encodeURIComponent(id)}/savepoints`, {
      json: { "cancel-job": false, ...(targetDirectory === undefined ? {} : { "target-directory": targetDirectory }) },
    });
  }

  stop(id: string, targetDirectory: string | undefined, drain: boolean): Promise<TriggerResponse> {
    return this.request("POST", `/jobs/${encodeURIComponent(id)}/stop`, {
      json: { drain, ...(targetDirectory === undefined ? {} : { targetDirectory }) },
    });
  }

  savepointStatus(id: string, trigger: string): Promise<AsynchronousOperationResult> {
    return this.request("GET", `/jobs/${encodeURIComponent(id)}/savepoints/${encodeURIComponent(trigger)}`);
  }
}
