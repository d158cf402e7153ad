// `eddy submit`: uploads a job bundle to the JobManager (POST /jars/upload) and runs it (POST /jars/:id/run), as
// `flink run` does; attached, it follows the job to its end and prints a summary (exit 1 unless it FINISHED).
import { resolve } from "node:path";
import type { JobDetails } from "../../web/src/rest-types.js";
import { awaitJobEnd } from "./await-job.js";
import { ClientError, ClientUsageError } from "./client-errors.js";
import { type JobArtifact, jobNames, loadJobArtifact } from "./job-artifact.js";
import { JobManagerClient } from "./job-manager-client.js";

export interface SubmitOptions {
  readonly job?: string;
  readonly parallelism?: number;
  readonly detached?: boolean;
  readonly fromSavepoint?: string;
  readonly allowNonRestoredState?: boolean;
}

/** The job to run: -j, else the bundle's only job; a bundle with several needs -j (Flink's entry class). */
function chooseJob(path: string, names: readonly string[] | null, requested: string | undefined): string | undefined {
  if (names === null) return requested;
  if (requested !== undefined) {
    if (!names.includes(requested)) throw new ClientUsageError(`no job \`${requested}\` in ${path} (jobs: ${names.join(", ")})`);
    return requested;
  }
  if (names.length === 1) return names[0];
  throw new ClientUsageError(`${path} has ${names.length} jobs; pick one with -j (${names.join(", ")})`);
}

function sum(job: JobDetails, metric: "read-records" | "write-records", of: (v: JobDetails["vertices"][number]) => boolean): number {
  return job.vertices.filter(of).reduce((total, v) => total + (v.metrics?.[metric] ?? 0), 0);
}

/** One line: state, duration, records out of the vertices that read the sources and into those that hold the sinks (as Flink counts records crossing edges). */
export function summary(job: JobDetails): string {
  const targets = new Set((job.plan?.nodes ?? []).flatMap((n) => (n.inputs ?? []).map((i) => i.id)));
  const isSource = (v: JobDetails["vertices"][number]) => !(job.plan?.nodes.find((n) => n.id === v.id)?.inputs?.length);
  const isSink = (v: JobDetails["vertices"][number]) => !targets.has(v.id);
  const seconds = job.duration >= 0 ? `${(job.duration / 1000).toFixed(1)} s` : "?";
  return `Job ${job.name} (${job.jid}) ${job.state} after ${seconds}: ${sum(job, "write-records", isSource)} records out of the source vertices, ${sum(job, "read-records", isSink)} into the sink vertices`;
}

/** Checks the flags that go together, loads (or compiles and bundles) the artifact and picks the job to run. */
export async function prepareSubmission(path: string, options: SubmitOptions): Promise<{ artifact: JobArtifact; job: string | undefined }> {
  if (options.allowNonRestoredState === true && options.fromSavepoint === undefined) {
    throw new ClientUsageError("--allow-non-restored-state needs --from-savepoint <path>");
  }
  const artifact = await loadJobArtifact(path, true);
  return { artifact, job: chooseJob(path, jobNames(artifact), options.job) };
}

/** Runs the submission; the job id is printed on stdout as soon as it is known (scripts read it). */
export async function submitCommand(path: string, options: SubmitOptions, baseUrl: string): Promise<number> {
  return submitPrepared(await prepareSubmission(path, options), options, baseUrl);
}

/** `followInterrupt: false` leaves Ctrl-C to the caller (run-application stops its cluster on it). */
export async function submitPrepared(
  { artifact, job }: { artifact: JobArtifact; job: string | undefined },
  options: SubmitOptions,
  baseUrl: string,
  followInterrupt = true,
): Promise<number> {
  const client = new JobManagerClient(baseUrl);
  const jarId = await client.uploadJar(artifact.fileName, artifact.bytes!);
  const jobId = await client.runJar(jarId, {
    ...(job === undefined ? {} : { entryClass: job }),
    ...(options.parallelism === undefined ? {} : { parallelism: options.parallelism }),
    // why resolve: the JobManager reads the path; a relative one would name its working directory, not the user's
    ...(options.fromSavepoint === undefined ? {} : { savepointPath: resolve(options.fromSavepoint) }),
    ...(options.allowNonRestoredState === true ? { allowNonRestoredState: true } : {}),
  });
  process.stdout.write(`Job has been submitted with JobID ${jobId}\n`);
  if (options.detached === true) return 0;

  // why: Ctrl-C stops the client, not the job (Flink's attached client detaches the same way without -sae)
  const interrupted = () => {
    process.stderr.write(`\neddy: stopped following job ${jobId}; it keeps running (eddy cancel ${jobId} ends it)\n`);
    process.exit(130);
  };
  if (followInterrupt) process.once("SIGINT", interrupted);
  try {
    const ended = await awaitJobEnd(client, jobId);
    process.stdout.write(`${summary(ended)}\n`);
    if (ended.state === "FINISHED") return 0;
    if (ended.state === "FAILED") {
      const exceptions = await client.exceptions(jobId).catch(() => null);
      const root = exceptions?.exceptionHistory?.entries[0]?.stacktrace ?? exceptions?.["root-exception"] ?? null;
      throw new ClientError(`job ${jobId} failed${root === null ? "" : `: ${root.split("\n")[0]}`}`);
    }
    throw new ClientError(`job ${jobId} ended ${ended.state}, not FINISHED`);
  } finally {
    process.off("SIGINT", interrupted);
  }
}
