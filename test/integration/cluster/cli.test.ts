// The client commands against a real JobManager process (--no-nats): submit (detached and attached, a .flow file and
// a bundle directory), list, savepoint, stop, resubmission from the savepoint, cancel, a job that fails; then
// `cluster start/stop` and `run-application`, which start JobManager processes of their own. What the CLI prints is
// checked against the REST API and the files on disk, not against itself.
import test from "ava";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eddy } from "../../compiler/helpers/eddy-cli.js";
import { freePort, isAlive } from "../../../bin/commands/local-cluster.js";
import { eventually, getJson, SLOW_COUNTS_FLOW, startJobManagerProcess } from "./jobmanager-process.js";

const SLOW = 6 * 60_000; // why: every command is a process that starts tsx, and the JobManager compiles on start

/** Two sentences, eleven words: the job's flatMap emits 11 records and its window counts reach the sink as 11 inputs. */
const WORDS_FLOW = `
schema Line { text: string, ts: timestamp }
source lines: Line = collection([
  { text: "to be or not to be", ts: 1000 },
  { text: "to do is to be", ts: 2000 },
]) watermark ts delay 0s
sink counts = collect()
job words {
  parallelism 2
  lines
    | flatMap split(lower(text), " ") as word
    | keyBy word
    | window tumbling(10s)
    | aggregate { count: count() }
    | to counts
}
`;

function jobIdOf(stdout: string): string {
  const m = /Job has been submitted with JobID ([0-9a-f]{32})/.exec(stdout);
  if (m === null) throw new Error(`no job id in: ${stdout}`);
  return m[1]!;
}

function savepointPathOf(stdout: string): string {
  const m = /^Savepoint completed\. Path: (.+)$/m.exec(stdout);
  if (m === null) throw new Error(`no savepoint path in: ${stdout}`);
  return m[1]!.trim();
}

interface CheckpointsView {
  counts: { restored: number; completed: number };
  latest: { restored: { external_path: string } | null };
}

test("submit, list, savepoint, stop, resubmit from the savepoint, cancel — checked against the REST API", async (t) => {
  t.timeout(SLOW);
  const jm = await startJobManagerProcess(t, "cli");
  const m = ["--jobmanager", jm.url];

  // 1. detached submit of a .flow file: the id it prints is a running job
  const submitted = await eddy(["submit", "--detached", SLOW_COUNTS_FLOW, ...m]);
  t.is(submitted.status, 0, submitted.stderr);
  const id = jobIdOf(submitted.stdout);
  await eventually("the job to run", 30_000, async () => ((await getJson<{ state: string }>(jm.url, `/jobs/${id}`)).state === "RUNNING" ? true : undefined));
  await eventually("a completed checkpoint", 30_000, async () => ((await getJson<CheckpointsView>(jm.url, `/jobs/${id}/checkpoints`)).counts.completed > 0 ? true : undefined));

  // 2. list shows it among the running jobs
  const listed = await eddy(["list", ...m]);
  t.is(listed.status, 0, listed.stderr);
  t.regex(listed.stdout, new RegExp(`: ${id} : slowCounts \\(RUNNING\\)`));

  // 3. savepoint into a directory: the printed path is a completed savepoint there, and the job runs on
  const savepoints = join(jm.dir, "savepoints");
  const saved = await eddy(["savepoint", id, savepoints, ...m]);
  t.is(saved.status, 0, saved.stderr);
  const savepoint = savepointPathOf(saved.stdout);
  t.true(savepoint.startsWith(savepoints), savepoint);
  t.true(existsSync(join(savepoint, "_metadata")), `${savepoint}/_metadata`);
  t.is((await getJson<{ state: string }>(jm.url, `/jobs/${id}`)).state, "RUNNING");

  // 4. stop with a savepoint: a second savepoint on disk, the job ended (FINISHED, as Flink's stop-with-savepoint)
  const stops = join(jm.dir, "stops");
  const stopped = await eddy(["stop", id, "--savepoint-dir", stops, ...m]);
  t.is(stopped.status, 0, stopped.stderr);
  const final = savepointPathOf(stopped.stdout);
  t.true(final.startsWith(stops) && existsSync(join(final, "_metadata")), final);
  t.is((await getJson<{ state: string }>(jm.url, `/jobs/${id}`)).state, "FINISHED");

  // 5. resubmit from the stop's savepoint: the JobManager reports the job restored from exactly that path
  const resumed = await eddy(["submit", "-d", "--from-savepoint", final, SLOW_COUNTS_FLOW, ...m]);
  t.is(resumed.status, 0, resumed.stderr);
  const second = jobIdOf(resumed.stdout);
  const restored = await eventually("the restored job's checkpoints", 30_000, async () => {
    const view = await getJson<CheckpointsView>(jm.url, `/jobs/${second}/checkpoints`);
    return view.counts.restored > 0 ? view : undefined;
  });
  t.is(restored.latest.restored?.external_path, final);

  // 6. cancel: the command returns once the job is CANCELED; list -a shows it among the terminated jobs
  const cancelled = await eddy(["cancel", second, ...m]);
  t.is(cancelled.status, 0, cancelled.stderr);
  t.is(cancelled.stdout.trim(), `Cancelled job ${second}.`);
  t.is((await getJson<{ state: string }>(jm.url, `/jobs/${second}`)).state, "CANCELED");
  const all = await eddy(["list", "-a", ...m]);
  t.regex(all.stdout, /No running jobs\./);
  t.regex(all.stdout, new RegExp(`: ${second} : slowCounts \\(CANCELED\\)`));
  t.regex(all.stdout, new RegExp(`: ${id} : slowCounts \\(FINISHED\\)`));

  // 7. what cannot be done says so in one line, exit 1: a savepoint of an ended job, an unknown job
  const late = await eddy(["savepoint", second, ...m]);
  t.is(late.status, 1);
  t.regex(late.stderr.trim(), /^Triggering savepoint for job [0-9a-f]+\.\neddy: POST \/jobs\/[0-9a-f]+\/savepoints: /);
  const unknown = await eddy(["cancel", "0".repeat(32), ...m]);
  t.is(unknown.status, 1);
  t.regex(unknown.stderr.trim(), /^eddy: PATCH \/jobs\/0{32}\?mode=cancel: /);
});

test("attached submit: a finished job exits 0 with its summary, a failed one exits 1 with its error", async (t) => {
  t.timeout(SLOW);
  const jm = await startJobManagerProcess(t, "cli-attached");
  const words = join(jm.dir, "words.flow");
  writeFileSync(words, WORDS_FLOW);
  const bundleDir = join(jm.dir, "words-bundle");
  const compiled = await eddy(["compile", words, "-o", bundleDir]);
  t.is(compiled.status, 0, compiled.stderr);
  const broken = join(jm.dir, "broken.js");
  writeFileSync(broken, `throw new Error("this bundle is broken on purpose");\nexport const jobs = {};\n`);

  const [fromFlow, fromBundle, failing] = await Promise.all([
    eddy(["submit", words, "-m", jm.url]),
    eddy(["submit", bundleDir, "-m", jm.url]),
    eddy(["submit", broken, "-m", jm.url]),
  ]);
  for (const r of [fromFlow, fromBundle]) {
    t.is(r.status, 0, r.stderr);
    const id = jobIdOf(r.stdout);
    // 11 words leave the source's vertex (source → flatMap) and reach the window's (window → sink) over the keyBy
    t.regex(r.stdout, new RegExp(`^Job words \\(${id}\\) FINISHED after [\\d.]+ s: 11 records out of the source vertices, 11 into the sink vertices$`, "m"));
    t.is((await getJson<{ state: string }>(jm.url, `/jobs/${id}`)).state, "FINISHED");
  }
  t.is(failing.status, 1);
  const failedId = jobIdOf(failing.stdout);
  t.regex(failing.stdout, /FAILED after/);
  t.is(failing.stderr.trim(), `eddy: job ${failedId} failed: Error: this bundle is broken on purpose`);
  t.is((await getJson<{ state: string }>(jm.url, `/jobs/${failedId}`)).state, "FAILED");
});

test("cluster start/stop runs a JobManager in the background; run-application runs one job on a cluster of its own", async (t) => {
  t.timeout(SLOW);
  // why its own TMPDIR: the session cluster's state lives under it, so this test never meets a user's cluster
  const dir = mkdtempSync(join(tmpdir(), "eddy-cli-cluster-"));
  const env = { TMPDIR: dir };
  const stateFile = join(dir, "eddy-cluster", "cluster.json");
  const [port, otherPort] = [await freePort(), await freePort()];
  t.teardown(async () => {
    await eddy(["cluster", "stop", "--timeout", "2"], { env });
    rmSync(dir, { recursive: true, force: true });
  });

  // 1. start: prints the REST URL, which answers; the state file names the JobManager's pid
  const started = await eddy(["cluster", "start", "--taskmanagers", "0", "--no-nats", "--rest-port", String(port)], { env });
  t.is(started.status, 0, started.stderr);
  const url = started.stdout.trim();
  t.is(url, `http://127.0.0.1:${port}`);
  const overview = await getJson<{ taskmanagers: number; "jobs-running": number }>(url, "/overview");
  t.deepEqual([overview.taskmanagers, overview["jobs-running"]], [0, 0]);
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as { processes: { role: string; pid: number }[] };
  const pid = state.processes.find((p) => p.role === "jobmanager")!.pid;
  t.true(isAlive(pid));

  // 2. a second start refuses; stop ends the process and removes the state
  const again = await eddy(["cluster", "start", "--taskmanagers", "0", "--no-nats", "--rest-port", String(otherPort)], { env });
  t.is(again.status, 1);
  t.regex(again.stderr.trim(), new RegExp(`^eddy: a cluster already runs at ${url}`));
  const stopped = await eddy(["cluster", "stop"], { env });
  t.is(stopped.status, 0, stopped.stderr);
  t.false(isAlive(pid), "the JobManager is gone");
  t.false(existsSync(stateFile));

  // 3. run-application: the job's outcome is the exit status; nothing of its cluster is left behind
  const words = join(dir, "words.flow");
  writeFileSync(words, WORDS_FLOW);
  const app = await eddy(["run-application", words, "--taskmanagers", "0", "--no-nats"], { env });
  t.is(app.status, 0, app.stderr);
  t.regex(app.stdout, /^Job words \([0-9a-f]{32}\) FINISHED after [\d.]+ s: 11 records out of the source vertices, 11 into the sink vertices$/m);
  const appUrl = /Application cluster at (http:\/\/\S+)/.exec(app.stderr)?.[1];
  t.truthy(appUrl, app.stderr);
  await t.throwsAsync(fetch(`${appUrl}/overview`), undefined, "the application's JobManager stopped with the job");
});
