// `eddy cluster start|stop`: a local session cluster in the background (see local-cluster.ts).
import { ClientError } from "./client-errors.js";
import { type ClusterStartOptions, sessionClusterDir, startCluster, stopCluster } from "./local-cluster.js";

export async function clusterStartCommand(options: ClusterStartOptions): Promise<number> {
  const dir = sessionClusterDir();
  const state = await startCluster(dir, options);
  const taskManagers = state.processes.filter((p) => p.role === "taskmanager").length;
  process.stderr.write(`Started a cluster: JobManager pid ${state.processes[0]!.pid}, ${taskManagers} TaskManager(s) × ${options.slots} slot(s); logs in ${dir}\n`);
  process.stdout.write(`${state.restUrl}\n`);
  return 0;
}

export async function clusterStopCommand(options: { timeoutSeconds: number }): Promise<number> {
  const dir = sessionClusterDir();
  const stopped = await stopCluster(dir, options.timeoutSeconds * 1000);
  if (stopped === null) throw new ClientError(`no cluster is running (no state in ${dir}); \`eddy cluster start\` starts one`);
  const forced = stopped.killed === 0 ? "" : ` (${stopped.killed} did not stop in ${options.timeoutSeconds} s and were killed)`;
  process.stderr.write(`Stopped the cluster at ${stopped.state.restUrl}: ${stopped.state.processes.length} process(es)${forced}\n`);
  return 0;
}
