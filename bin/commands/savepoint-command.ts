// `eddy savepoint <id> [dir]`: triggers a savepoint (POST /jobs/:id/savepoints) and prints its path when it completes.
import { resolve } from "node:path";
import { awaitSavepoint } from "./await-job.js";
import { JobManagerClient } from "./job-manager-client.js";

export async function savepointCommand(id: string, dir: string | undefined, options: { timeoutSeconds: number }, baseUrl: string): Promise<number> {
  const client = new JobManagerClient(baseUrl);
  process.stderr.write(`Triggering savepoint for job ${id}.\n`);
  // why resolve: the JobManager writes the savepoint; a relative directory would be relative to its working directory
  const { "request-id": trigger } = await client.triggerSavepoint(id, dir === undefined ? undefined : resolve(dir));
  const location = await awaitSavepoint(client, id, trigger, options.timeoutSeconds * 1000);
  process.stdout.write(`Savepoint completed. Path: ${location}\n`);
  return 0;
}
