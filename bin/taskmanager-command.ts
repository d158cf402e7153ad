// `eddy taskmanager`: a TaskManager process (runtime/cluster/taskmanager/task-manager.ts) that registers with the
// cluster on NATS and runs what the leader JobManager deploys to its slots, until SIGTERM or SIGINT.
import { availableParallelism } from "node:os";

export interface TaskManagerCommandOptions {
  readonly slots?: number;
  readonly nats: string;
  readonly clusterId: string;
  readonly host: string;
  readonly natsReplicas?: number;
}

export async function taskManagerCommand(options: TaskManagerCommandOptions, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { TaskManager } = await import("../runtime/cluster/taskmanager/task-manager.js");
  let tm: Awaited<ReturnType<typeof TaskManager.start>>;
  try {
    tm = await TaskManager.start({ nats: options.nats.split(","), clusterId: options.clusterId, slots: options.slots ?? availableParallelism(), host: options.host, ...(options.natsReplicas === undefined ? {} : { replicas: options.natsReplicas }) });
  } catch (e) {
    stderr.write(`eddy: the TaskManager could not start: ${(e as Error).message}\n`);
    return 1;
  }
  stderr.write(`TaskManager ${tm.id} of cluster ${options.clusterId}: ${tm.info.slots} slot(s), control ${tm.info.controlAddress.host}:${tm.info.controlAddress.port}, pid ${process.pid}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  stderr.write(`TaskManager ${tm.id}: ${signal}, leaving the cluster\n`);
  await tm.stop();
  return 0;
}
