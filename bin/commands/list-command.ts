// `eddy list`: the JobManager's jobs, as `flink list` prints them (running first; -a adds the ended ones).
import type { JobSummary } from "../../web/src/rest-types.js";
import { isTerminal } from "./await-job.js";
import { JobManagerClient } from "./job-manager-client.js";

function line(job: JobSummary): string {
  const started = job["start-time"] > 0 ? new Date(job["start-time"]).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : "-";
  return `${started} : ${job.jid} : ${job.name} (${job.state})`;
}

export async function listCommand(options: { all?: boolean }, baseUrl: string): Promise<number> {
  const { jobs } = await new JobManagerClient(baseUrl).jobs();
  const newestFirst = [...jobs].sort((a, b) => b["start-time"] - a["start-time"]);
  const running = newestFirst.filter((j) => !isTerminal(j.state));
  const ended = newestFirst.filter((j) => isTerminal(j.state));
  const out: string[] = [];
  if (running.length === 0) out.push("No running jobs.");
  else out.push("------------------ Running/Restarting Jobs -------------------", ...running.map(line), "--------------------------------------------------------------");
  if (options.all === true) {
    if (ended.length === 0) out.push("No terminated jobs.");
    else out.push("---------------------- Terminated Jobs -----------------------", ...ended.map(line), "--------------------------------------------------------------");
  }
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
