// `eddy run-application`: Flink's application mode — a cluster of its own for one job: start it, submit the job
// attached, stop the cluster however the job ends, and exit with the job's outcome.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type ClusterStartOptions, freePort, sessionClusterDir, startCluster, stopCluster } from "./local-cluster.js";
import { prepareSubmission, type SubmitOptions, submitPrepared } from "./submit-command.js";

export async function runApplicationCommand(path: string, options: SubmitOptions & Omit<ClusterStartOptions, "restPort"> & { restPort?: number }): Promise<number> {
  // 1. compile and bundle first: a job that does not build starts no cluster
  const prepared = await prepareSubmission(path, options);
  // 2. a state directory of its own, so a session cluster (and other applications) are left alone
  mkdirSync(sessionClusterDir(), { recursive: true });
  const dir = mkdtempSync(join(sessionClusterDir(), "application-"));
  const restPort = options.restPort ?? (await freePort());
  let stopping = false;
  let succeeded = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopCluster(dir, 10_000);
  };
  // why: Ctrl-C must not leave the dedicated cluster behind
  const interrupted = () => void stop().finally(() => process.exit(130));
  process.once("SIGINT", interrupted);
  try {
    const state = await startCluster(dir, { ...options, restPort });
    process.stderr.write(`Application cluster at ${state.restUrl} (logs in ${dir})\n`);
    // 3. attached: submit follows the job to its end and says how it ended
    const exitCode = await submitPrepared(prepared, { ...options, detached: false }, state.restUrl, false);
    succeeded = exitCode === 0;
    return exitCode;
  } finally {
    process.off("SIGINT", interrupted);
    await stop();
    // why keep them on failure: the JobManager's and TaskManagers' logs are where the cause is
    if (succeeded) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`eddy: the application cluster's logs are in ${dir}\n`);
  }
}
