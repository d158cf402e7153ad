// `eddy cancel <id>`: PATCH /jobs/:id?mode=cancel, then waits (bounded) until the job is CANCELED.
import { awaitJobEnd } from "./await-job.js";
import { ClientError } from "./client-errors.js";
import { JobManagerClient } from "./job-manager-client.js";

export async function cancelCommand(id: string, options: { timeoutSeconds: number }, baseUrl: string): Promise<number> {
  const client = new JobManagerClient(baseUrl);
  await client.cancel(id);
  const ended = await awaitJobEnd(client, id, { pollMs: 200, timeoutMs: options.timeoutSeconds * 1000 });
  if (ended.state !== "CANCELED") throw new ClientError(`job ${id} ended ${ended.state} before it could be cancelled`);
  process.stdout.write(`Cancelled job ${id}.\n`);
  return 0;
}
