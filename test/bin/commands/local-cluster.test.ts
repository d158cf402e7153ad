// Stopping a local cluster from its state file: TaskManagers are signalled before the JobManager, a process that
// ignores SIGTERM is killed when the timeout is over, and the state file goes. The "cluster" is plain node processes
// that record when SIGTERM reached them (starting real ones is the integration suite's part).
import test from "ava";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAlive, readClusterState, stopCluster } from "../../../bin/commands/local-cluster.js";

/** A detached node process (as `cluster start` makes them) that appends `<name> <ms>` to `log` on SIGTERM, then exits unless stubborn. */
function fakeProcess(name: string, log: string, stubborn: boolean): number {
  const script = `
    const { appendFileSync } = require("node:fs");
    process.on("SIGTERM", () => {
      appendFileSync(${JSON.stringify(log)}, ${JSON.stringify(name)} + " " + performance.timeOrigin + performance.now() + "\\n");
      if (!${stubborn}) process.exit(0);
    });
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child.pid!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("TaskManagers get SIGTERM first; a process that ignores it is killed after the timeout; the state file goes", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-local-cluster-"));
  const log = join(dir, "signals.log");
  const jobManager = fakeProcess("jobmanager", log, false);
  const taskManager = fakeProcess("taskmanager", log, false);
  const stubborn = fakeProcess("stubborn-taskmanager", log, true);
  t.teardown(() => {
    for (const pid of [jobManager, taskManager, stubborn]) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  });
  writeFileSync(join(dir, "cluster.json"), JSON.stringify({
    restUrl: "http://127.0.0.1:1",
    startedAt: new Date().toISOString(),
    processes: [
      { role: "jobmanager", pid: jobManager, log: "" },
      { role: "taskmanager", pid: taskManager, log: "" },
      { role: "taskmanager", pid: stubborn, log: "" },
    ],
  }));
  await sleep(1500); // why: the fake processes must have installed their SIGTERM handlers

  const began = Date.now();
  const stopped = await stopCluster(dir, 2000);
  const took = Date.now() - began;

  t.is(stopped?.killed, 1, "only the stubborn one needed SIGKILL");
  t.true(took >= 1900, `waited out the timeout for the stubborn process (${took} ms)`);
  for (const pid of [jobManager, taskManager, stubborn]) t.false(isAlive(pid), `pid ${pid} is gone`);
  const order = readFileSync(log, "utf8").trim().split("\n").map((line) => line.split(" ")[0]);
  t.deepEqual(order.slice(0, 2).sort(), ["stubborn-taskmanager", "taskmanager"], "both TaskManagers were signalled first");
  t.is(order[2], "jobmanager");
  t.false(existsSync(join(dir, "cluster.json")));
  t.is(readClusterState(dir), null);
  t.is(await stopCluster(dir, 100), null, "stopping again finds no cluster");
});
