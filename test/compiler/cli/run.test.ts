// `eddy run` as a Unix tool: a reader that closes or pauses stdout, Ctrl-C (once, twice), SIGUSR2 savepoints, resuming
// with --restore, and the --limit / --quiet / side-output reporting. Each test spawns the CLI (through tsx: slow).
import test from "ava";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";
import { eddy, exited, spawnEddy, until } from "../helpers/eddy-cli.js";

const SLOW = 5 * 60_000; // why: each process compiles through tsx; on a loaded machine that takes tens of seconds
const fixture = (name: string) => join("test", "compiler", "cli", "fixtures", name);

/** Resident memory of a process in MB (Linux), or null once it is gone. */
function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

test("a reader that closes stdout (| head -1) ends the run quietly: exit 0, nothing on stderr", async (t) => {
  t.timeout(SLOW);
  const child = spawnEddy(["run", "--no-progress", fixture("endless.flow")]);
  const done = exited(child);
  child.stdout.once("data", () => child.stdout.destroy());
  const r = await done;
  t.is(r.status, 0, r.stderr);
  t.is(r.stderr, "");
});

(existsSync("/proc/self/status") ? test : test.skip)("with a paused reader the job waits: memory stays bounded, and every record arrives after", async (t) => {
  t.timeout(SLOW);
  const child = spawnEddy(["run", "--no-progress", fixture("paused.flow")]);
  let lines = 0;
  let maxRss = 0;
  const sample = setInterval(() => (maxRss = Math.max(maxRss, rssMb(child.pid!) ?? 0)), 100);
  const done = new Promise<number | null>((resolve) => child.on("close", resolve));
  child.stderr.resume();
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    started();
  });
  // the job runs once the first records arrive; then the reader stops reading for 8 s
  await running;
  child.stdout.pause();
  await new Promise((r) => setTimeout(r, 8_000));
  const rssWhilePaused = maxRss;
  child.stdout.resume();
  t.is(await done, 0);
  clearInterval(sample);
  t.is(lines, 3_000_000, "every record, once");
  // about 210 MB is the compiler and runtime at rest; without backpressure the same run reached ~700 MB (5M records: 1.7 GB)
  t.true(rssWhilePaused < 450, `${Math.round(rssWhilePaused)} MB while the reader paused`);
  t.true(maxRss < 450, `${Math.round(maxRss)} MB at most`);
});

test("Ctrl-C cancels with a one-line summary (exit 130, no temporary folder left); --restore continues exactly once", async (t) => {
  t.timeout(2 * SLOW);
  const scratch = mkdtempSync(join(tmpdir(), "eddy-cli-restore-"));
  const checkpoints = join(scratch, "checkpoints");
  const savepoints = join(scratch, "savepoints");
  const tmp = mkdtempSync(join(tmpdir(), "eddy-cli-tmp-"));
  const env = { TMPDIR: tmp };
  const first = spawnEddy(["run", "--no-progress", "--checkpoint-dir", checkpoints, "--savepoint-dir", savepoints, fixture("counting.flow")], { env });
  const firstDone = exited(first);
  let out = "";
  let err = "";
  first.stdout.on("data", (s: Buffer) => (out += s));
  first.stderr.on("data", (s: Buffer) => (err += s));
  const completed = () => existsSync(checkpoints) && readdirSync(checkpoints).some((d) => existsSync(join(checkpoints, d, "_metadata")));
  await until(() => out.split("\n").length > 500 && completed(), SLOW, "records and a completed checkpoint");
  // 1. SIGUSR2: a savepoint of the running job, its path on stderr
  first.kill("SIGUSR2");
  await until(() => /^savepoint .*$/m.test(err), SLOW, "the savepoint's path");
  const savepoint = /^savepoint (.*)$/m.exec(err)![1]!;
  t.true(savepoint.startsWith(join(savepoints, "chk-")), savepoint);
  t.true(existsSync(join(savepoint, "_metadata")));
  // 2. Ctrl-C: cancelled, summary, 130, nothing left in the temporary directory
  first.kill("SIGINT");
  const stopped = await firstDone;
  t.is(stopped.status, 130, stopped.stderr);
  t.regex(stopped.stderr, /^✘ counting: cancelled after \d+\.\d\ds \([\d,]+ records in, [\d,]+ out\)$/m);
  t.notRegex(stopped.stderr, /\n\s+at /, "no stack");
  t.deepEqual(readdirSync(tmp).filter((name) => name.startsWith("eddy-run-")), [], "no eddy-run-* folder left"); // tsx keeps its cache there too
  const before = stopped.stdout.trim().split("\n").map((l) => JSON.parse(l).n as number);
  const total = 10_000;
  t.true(before.length < total, "stopped before the end");
  t.deepEqual(before, before.map((_, i) => i + 1), "the first run's counts are 1, 2, 3, …");

  // 3. Resume from the newest checkpoint in the checkpoint directory
  const resumed = await eddy(["run", "--no-progress", "--restore", checkpoints, fixture("counting.flow")], { env });
  t.is(resumed.status, 0, resumed.stderr);
  const after = resumed.stdout.trim().split("\n").map((l) => JSON.parse(l).n as number);
  const from = after[0]!;
  t.true(from > 1, `the restored run continues (from ${from}), it does not start over`);
  t.true(from <= before.length + 1, `no count is skipped: the first run printed up to ${before.length}, the restored one starts at ${from}`);
  t.deepEqual(after, Array.from({ length: total - from + 1 }, (_, i) => from + i), "then every count once, up to the total");
  t.regex(resumed.stderr, new RegExp(`✔ counting: ${(total - from + 1).toLocaleString("en-US")} records in`), "the source resumed at the checkpoint's offset");
});

test("a second Ctrl-C exits at once, even when output for a paused reader holds the process", async (t) => {
  t.timeout(SLOW);
  const child = spawnEddy(["run", "--no-progress", fixture("endless.flow")]);
  const done = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (code, signal) => resolve([code, signal])));
  let err = "";
  child.stderr.on("data", (s: Buffer) => (err += s));
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  child.stdout.pause();
  await new Promise((r) => setTimeout(r, 1_000));
  child.kill("SIGINT");
  await until(() => /cancelled/.test(err), SLOW, "the cancelled summary");
  await new Promise((r) => setTimeout(r, 500));
  t.is(child.exitCode, null, "still running: its last records wait for the paused reader");
  child.kill("SIGINT");
  t.deepEqual(await done, [130, null]);
  t.regex(err, /^✘ endless: cancelled after/m);
});

test("--quiet prints no records; --limit caps collect() sinks and says how many it left out; side outputs count apart", async (t) => {
  t.timeout(SLOW);
  const [quiet, limited] = await Promise.all([
    // why the cwd: fraud.flow reads txns.jsonl, and relative paths are resolved against the working directory
    eddy(["run", "--no-progress", "--quiet", "fraud.flow"], { cwd: join(EDDY_ROOT, "dsl-examples", "fraud") }),
    eddy(["run", "--no-progress", "--limit", "0", "fraud.flow"], { cwd: join(EDDY_ROOT, "dsl-examples", "fraud") }),
  ]);
  t.is(quiet.status, 0, quiet.stderr);
  t.is(quiet.stdout, "");
  // fraud.expected/output.txt: 28 alerts to stdout, 1 late transaction to the lateTxns side output
  t.regex(quiet.stderr, /^✔ fraud: 1,402 records in, 28 out, 1 to lateTxns in /m);
  t.is(limited.status, 0, limited.stderr);
  const lines = limited.stdout.trim().split("\n");
  t.is(lines.filter((l) => l.startsWith('{"account"')).length, 28, "stdout() sinks are not limited");
  t.true(lines.includes("-- lateTxns (1 records; the first 0 shown, 1 omitted)"), limited.stdout);
  t.false(lines.some((l) => l.includes("late1")));
});
