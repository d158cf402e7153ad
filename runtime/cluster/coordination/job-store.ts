// The job store (what the leader JobManager needs to take over a running job: its artifact, its settings, its last
// completed checkpoint) and the job result store (Flink's JobResultStore: a job recorded as finished is never run
// again, even by a JobManager that takes over after the leader died between finishing the job and cleaning up).
import type { KV } from "@nats-io/kv";
import type { BucketKeys } from "./bucket-keys.js";

export type JobState = "CREATED" | "RUNNING" | "FAILING" | "RESTARTING" | "FINISHED" | "FAILED" | "CANCELED";

export interface JobRecord {
  readonly jobId: string;
  readonly name: string;
  readonly state: JobState;
  /** The job's artifact in the blob store (a bundle), and what the module is built with. */
  readonly artifact: string;
  readonly parallelism: number;
  readonly submittedAt: number;
  /** The last completed checkpoint's location, for a takeover or a restart. */
  readonly latestCheckpoint: string | null;
}

export interface JobResult {
  readonly jobId: string;
  readonly state: "FINISHED" | "FAILED" | "CANCELED";
  readonly finishedAt: number;
  readonly error: string | null;
}

const TERMINAL = new Set<JobState>(["FINISHED", "FAILED", "CANCELED"]);

export class JobStore {
  constructor(
    private readonly jobs: KV,
    private readonly jobIds: BucketKeys,
    private readonly results: KV,
  ) {}

  async put(job: JobRecord): Promise<void> {
    await this.jobs.put(job.jobId, JSON.stringify(job));
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const entry = await this.jobs.get(jobId);
    return entry === null || entry.operation !== "PUT" ? null : (JSON.parse(entry.string()) as JobRecord);
  }

  async list(): Promise<JobRecord[]> {
    const records: JobRecord[] = [];
    for (const id of await this.jobIds.list()) {
      const r = await this.get(id);
      if (r !== null) records.push(r);
    }
    return records;
  }

  /** Jobs a new leader must take over: recorded, not terminal, and without a result (they may have finished). */
  async toRecover(): Promise<JobRecord[]> {
    const recovering: JobRecord[] = [];
    for (const job of await this.list()) {
      if (TERMINAL.has(job.state)) continue;
      if ((await this.result(job.jobId)) !== null) continue;
      recovering.push(job);
    }
    return recovering;
  }

  /** Records how the job ended, once: a second result for the same job is refused (it ended already). */
  async recordResult(result: JobResult): Promise<void> {
    try {
      await this.results.create(result.jobId, JSON.stringify(result));
    } catch (e) {
      throw new Error(`job ${result.jobId} has a result already: it ended once and must not run again (${(e as Error).message})`, { cause: e });
    }
    const job = await this.get(result.jobId);
    if (job !== null) await this.put({ ...job, state: result.state });
  }

  async result(jobId: string): Promise<JobResult | null> {
    const entry = await this.results.get(jobId);
    return entry === null || entry.operation !== "PUT" ? null : (JSON.parse(entry.string()) as JobResult);
  }
}
