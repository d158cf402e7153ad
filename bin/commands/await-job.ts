// Waiting on the JobManager: for a job to reach a terminal state, for a savepoint or stop operation to complete.
import type { JobDetails } from "../../web/src/rest-types.js";
import { ClientError } from "./client-errors.js";
import type { JobManagerClient } from "./job-manager-client.js";

const TERMINAL = new Set(["FINISHED", "CANCELED", "FAILED", "SUSPENDED"]);

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls GET /jobs/:id every `pollMs` until the job is FINISHED, CANCELED, FAILED or SUSPENDED; rejects after `timeoutMs`. */
export async function awaitJobEnd(client: JobManagerClient, id: string, options: { pollMs?: number; timeoutMs?: number } = {}): Promise<JobDetails> {
  const deadline = Date.now() + (options.timeoutMs ?? Number.POSITIVE_INFINITY);
  for (;;) {
    const job = await client.job(id);
    if (isTerminal(job.state)) return job;
    if (Date.now() > deadline) throw new ClientError(`job ${id} is still ${job.state} after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`);
    await sleep(options.pollMs ?? 500);
  }
}

/** Polls GET /jobs/:id/savepoints/:trigger until it completes; the savepoint's path, or the failure as a ClientError. */
export async function awaitSavepoint(client: JobManagerClient, id: string, trigger: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await client.savepointStatus(id, trigger);
    if (result.status.id === "COMPLETED") {
      const failure = result.operation?.["failure-cause"];
      if (failure !== undefined) {
        const cause = (failure["stack-trace"] ?? failure.class ?? "unknown cause").split("\n")[0];
        throw new ClientError(`the savepoint of job ${id} failed: ${cause}`);
      }
      const location = result.operation?.location;
      if (location === undefined) throw new ClientError(`the savepoint of job ${id} completed without a location`);
      return location;
    }
    if (Date.now() > deadline) throw new ClientError(`the savepoint of job ${id} did not complete in ${Math.round(timeoutMs / 1000)} s (trigger ${trigger})`);
    await sleep(250);
  }
}
