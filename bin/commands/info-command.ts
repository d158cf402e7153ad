// `eddy info <file>`: the plan of a .flow file or bundle as JSON, without running it (`flink info`): per job its
// settings, vertices (operators, parallelism) and edges (partitioning) — the manifest `eddy compile` writes.
import { ClientUsageError } from "./client-errors.js";
import { jobNames, loadJobArtifact } from "./job-artifact.js";

export async function infoCommand(path: string, options: { job?: string }): Promise<number> {
  const artifact = await loadJobArtifact(path, false);
  if (artifact.manifest === null) throw new ClientUsageError(`${path}: a bare bundle carries no plan; give its .flow file or the directory \`eddy compile\` wrote (with manifest.json)`);
  const names = jobNames(artifact)!;
  if (options.job !== undefined && !names.includes(options.job)) throw new ClientUsageError(`no job \`${options.job}\` in ${path} (jobs: ${names.join(", ")})`);
  const jobs = options.job === undefined ? artifact.manifest.jobs : artifact.manifest.jobs.filter((j) => (j as { name: string }).name === options.job);
  process.stdout.write(`${JSON.stringify({ ...artifact.manifest, jobs }, null, 2)}\n`);
  return 0;
}
