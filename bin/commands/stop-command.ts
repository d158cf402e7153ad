// `eddy stop <id>`: stop with a savepoint (POST /jobs/:id/stop) — sources stop, a final savepoint is taken, the job
// ends; --drain first flushes event time to the end (MAX_WATERMARK), firing every window, as `flink stop --drain`.
import { resolve } from "node:path";
import { awaitJobEnd, awaitSavepoint } from "./await-job.js";
import { JobManagerClient } from "./job-manager-client.js";

export async function stopCommand(id: string, options: { savepointDir?: string; drain?: boolean; timeoutSeconds: number }, baseUrl: string): Promise<number> {
  const client = new JobManagerClient(baseUrl);
  process.stderr.write(`Suspending job ${id}${options.drain === true ? " (draining)" : ""} with a savepoint.\n`);
  const { "request-id": trigger } = await client.stop(id, options.savepointDir === undefined ? undefined : resolve(options.savepointDir), options.drain === true);
  const location = await awaitSavepoint(client, id, trigger, options.timeoutSeconds * 1000);
  const ended = await awaitJobEnd(client, id, { pollMs: 200, timeoutMs: options.timeoutSeconds * 1000 });
  process.stdout.write(`Savepoint completed. Path: ${location}\n`);
  process.stderr.write(`Job ${id} is ${ended.state}.\n`);
  return 0;
}
