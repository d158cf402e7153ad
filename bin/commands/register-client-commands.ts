// Registers the client and cluster commands (Flink's names: submit, list, cancel, savepoint, stop, info, cluster,
// run-application) on the `eddy` program; each reports its own failure in one line (exit 2 usage, 1 otherwise).
import { type Command, InvalidArgumentError, Option } from "commander";
import { ClientError, ClientUsageError } from "./client-errors.js";
import { DEFAULT_JOB_MANAGER, jobManagerUrl } from "./job-manager-url.js";

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
}

function countOrZero(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a number (0 or more)");
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 65535) throw new InvalidArgumentError("expected a TCP port (1-65535)");
  return n;
}

/** Flink's job ids are 32 hex digits; Eddy's JobManager may use others, so only reject what cannot be an id. */
function jobId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(value)) throw new InvalidArgumentError("expected a job id (`eddy list` shows them)");
  return value;
}

const jobManagerOption = () => new Option("-m, --jobmanager <url>", `the JobManager's REST address (default: EDDY_JOBMANAGER, else ${DEFAULT_JOB_MANAGER})`);
const timeoutOption = (seconds: number) => new Option("--timeout <seconds>", "how long to wait for the operation").argParser(positiveInt).default(seconds);

export function registerClientCommands(program: Command, setExitCode: (code: number) => void): void {
  /** Runs a command body; ClientUsageError → exit 2, ClientError → exit 1, each one line `eddy: …`. */
  const run = (body: () => Promise<number>) => async () => {
    try {
      setExitCode(await body());
    } catch (e) {
      if (!(e instanceof ClientUsageError) && !(e instanceof ClientError)) throw e;
      process.stderr.write(`eddy: ${e.message}\n`);
      setExitCode(e instanceof ClientUsageError ? 2 : 1);
    }
  };

  program.command("submit").description("upload a job to a JobManager and run it (attached: follow it to its end)")
    .argument("<job>", ".flow file, bundle directory (`eddy compile -o`), or a bundle's index.js")
    .addOption(jobManagerOption())
    .option("-j, --job <name>", "the job of the file to run (needed when it has several)")
    .option("-p, --parallelism <n>", "override the job's parallelism", positiveInt)
    .option("-d, --detached", "print the job id and return; do not wait for the job")
    .option("-s, --from-savepoint <path>", "start from this savepoint or retained checkpoint")
    .option("-n, --allow-non-restored-state", "skip savepoint state no operator of the job claims")
    .addHelpText("after", "\nAttached, exit 0 when the job FINISHED and 1 when it FAILED or was CANCELED; Ctrl-C stops following and leaves the job running.")
    .action((file: string, o: { jobmanager?: string; job?: string; parallelism?: number; detached?: boolean; fromSavepoint?: string; allowNonRestoredState?: boolean }) =>
      run(async () => {
        const { submitCommand } = await import("./submit-command.js");
        return submitCommand(file, o, jobManagerUrl(o.jobmanager));
      })());

  program.command("list").description("list the JobManager's running jobs (-a: also the ended ones)")
    .addOption(jobManagerOption())
    .option("-a, --all", "also the finished, cancelled and failed jobs")
    .action((o: { jobmanager?: string; all?: boolean }) => run(async () => {
      const { listCommand } = await import("./list-command.js");
      return listCommand(o, jobManagerUrl(o.jobmanager));
    })());

  program.command("cancel").description("cancel a running job").argument("<jobId>", "the job's id", jobId)
    .addOption(jobManagerOption()).addOption(timeoutOption(60))
    .action((id: string, o: { jobmanager?: string; timeout: number }) => run(async () => {
      const { cancelCommand } = await import("./cancel-command.js");
      return cancelCommand(id, { timeoutSeconds: o.timeout }, jobManagerUrl(o.jobmanager));
    })());

  program.command("savepoint").description("take a savepoint of a running job and print its path").argument("<jobId>", "the job's id", jobId)
    .argument("[dir]", "target directory (default: the JobManager's savepoint directory)")
    .addOption(jobManagerOption()).addOption(timeoutOption(120))
    .action((id: string, dir: string | undefined, o: { jobmanager?: string; timeout: number }) => run(async () => {
      const { savepointCommand } = await import("./savepoint-command.js");
      return savepointCommand(id, dir, { timeoutSeconds: o.timeout }, jobManagerUrl(o.jobmanager));
    })());

  program.command("stop").description("stop a job with a savepoint (--drain: fire all windows first)").argument("<jobId>", "the job's id", jobId)
    .addOption(jobManagerOption())
    .option("-p, --savepoint-dir <dir>", "where the final savepoint goes (default: the JobManager's savepoint directory)")
    .option("-d, --drain", "advance event time to the end before the savepoint (windows fire; the job cannot resume as it was)")
    .addOption(timeoutOption(120))
    .action((id: string, o: { jobmanager?: string; savepointDir?: string; drain?: boolean; timeout: number }) => run(async () => {
      const { stopCommand } = await import("./stop-command.js");
      return stopCommand(id, { ...o, timeoutSeconds: o.timeout }, jobManagerUrl(o.jobmanager));
    })());

  program.command("info").description("print the plan of a .flow file or bundle directory as JSON, without running it")
    .argument("<job>", ".flow file or bundle directory (`eddy compile -o`)")
    .option("-j, --job <name>", "only this job of the file")
    .action((file: string, o: { job?: string }) => run(async () => {
      const { infoCommand } = await import("./info-command.js");
      return infoCommand(file, o);
    })());

  const cluster = program.command("cluster").description("a local session cluster in the background (start, stop)");
  cluster.command("start").description("start a JobManager and TaskManagers in the background; print the REST URL")
    .option("-t, --taskmanagers <n>", "TaskManager processes", countOrZero, 1)
    .option("-s, --slots <n>", "slots of each TaskManager", positiveInt, 1)
    .option("--rest-port <port>", "the JobManager's REST port", port, 8081)
    .option("--nats <url>", "the NATS server for coordination (the JobManager's default when absent)")
    .option("--no-nats", "no NATS: a JobManager alone that runs jobs itself (only with --taskmanagers 0)")
    .action((o: { taskmanagers: number; slots: number; restPort: number; nats: string | boolean }) => run(async () => {
      const { clusterStartCommand } = await import("./cluster-command.js");
      return clusterStartCommand({ taskManagers: o.taskmanagers, slots: o.slots, restPort: o.restPort, nats: o.nats === false ? null : o.nats === true ? undefined : o.nats });
    })());
  cluster.command("stop").description("stop the cluster `eddy cluster start` started (SIGTERM, then SIGKILL after --timeout)")
    .addOption(timeoutOption(15))
    .action((o: { timeout: number }) => run(async () => {
      const { clusterStopCommand } = await import("./cluster-command.js");
      return clusterStopCommand({ timeoutSeconds: o.timeout });
    })());

  program.command("run-application").description("application mode: start a cluster for one job, run it attached, stop the cluster")
    .argument("<job>", ".flow file, bundle directory or a bundle's index.js")
    .option("-t, --taskmanagers <n>", "TaskManager processes", countOrZero, 1)
    .option("--slots <n>", "slots of each TaskManager", positiveInt, 1)
    .option("--rest-port <port>", "the JobManager's REST port (default: a free one)", port)
    .option("--nats <url>", "the NATS server for coordination")
    .option("--no-nats", "no NATS: the JobManager runs the job itself (only with --taskmanagers 0)")
    .option("-j, --job <name>", "the job of the file to run (needed when it has several)")
    .option("-p, --parallelism <n>", "override the job's parallelism", positiveInt)
    .option("-s, --from-savepoint <path>", "start from this savepoint or retained checkpoint")
    .option("-n, --allow-non-restored-state", "skip savepoint state no operator of the job claims")
    .action((file: string, o: { taskmanagers: number; slots: number; restPort?: number; nats: string | boolean; job?: string; parallelism?: number; fromSavepoint?: string; allowNonRestoredState?: boolean }) =>
      run(async () => {
        const { runApplicationCommand } = await import("./run-application-command.js");
        return runApplicationCommand(file, {
          ...o, taskManagers: o.taskmanagers, nats: o.nats === false ? null : o.nats === true ? undefined : o.nats,
        });
      })());
}
