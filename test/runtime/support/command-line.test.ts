// The command line of a compiled bundle: --help lists the jobs with their sources and sinks, each flag becomes the
// RunOptions field it names (paths resolved against the working directory), a bad argument is one line and exit 2,
// a failed job one line and exit 1.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine, runCommandLine, type Invocation, type ProgramDescription } from "../../../runtime/support/command-line.js";
import type { RunResultView } from "../../../runtime/support/job.js";

const PROGRAM: ProgramDescription = {
  file: "shop.flow",
  jobs: [
    {
      name: "fraud", declared: "shop.flow:12", parallelism: 2, checkpointMs: 10_000,
      sources: [{ name: "txns", type: "Txn", connector: "file", path: "txns.jsonl" }],
      sinks: [{ name: "alerts", type: "AlertsRecord", connector: "stdout" }, { name: "archive", type: "Txn", connector: "file", path: "out/archive.jsonl" }],
    },
    {
      name: "bids", declared: "shop.flow:30", parallelism: 1, checkpointMs: null,
      sources: [{ name: "events", type: "NexmarkEvent", connector: "nexmark" }],
      sinks: [{ name: "top", type: "TopRecord", connector: "collect" }],
    },
  ],
};

const CWD = "/srv/jobs";

/** Parses `argv` against PROGRAM; returns the invocation and what was written to stdout / stderr. */
function parse(argv: string[], program: ProgramDescription = PROGRAM): { invocation: Invocation; out: string; err: string } {
  let out = "";
  let err = "";
  const invocation = parseCommandLine(argv, program, { out: (s) => (out += s), err: (s) => (err += s), cwd: CWD, name: "node index.js" });
  return { invocation, out, err };
}

const runOf = (argv: string[]) => {
  const { invocation, err } = parse(argv);
  if (invocation.kind !== "run") throw new Error(`expected a run, got exit ${invocation.code}: ${err}`);
  return invocation;
};

test("--help lists every job with where it is declared, its settings, sources and sinks, and the flags; exit 0", (t) => {
  const { invocation, out, err } = parse(["--help"]);
  t.deepEqual(invocation, { kind: "exit", code: 0 });
  t.is(err, "");
  t.regex(out, /^Usage: node index\.js \[options\] \[job\]/);
  for (const flag of ["--parallelism <n>", "--checkpoint-dir <dir>", "--restore <path>", "--file <name=path>", "--nexmark <key=value>", "--no-progress"]) t.true(out.includes(flag), flag);
  t.true(out.includes("fraud  (shop.flow:12; parallelism 2, checkpoints every 10000 ms)"));
  t.true(out.includes('source txns: Txn = file("txns.jsonl")'));
  t.true(out.includes('sink   archive: Txn = file("out/archive.jsonl")'));
  t.true(out.includes("bids  (shop.flow:30; parallelism 1, no checkpoints)"));
  t.true(out.includes("source events: NexmarkEvent = nexmark"));
  t.true(out.includes("--file takes the name of a file source or sink: txns, archive."));
});

test("--nexmark is offered only when a job reads a nexmark generator", (t) => {
  const withoutNexmark: ProgramDescription = { file: "a.flow", jobs: [PROGRAM.jobs[0]!] };
  t.false(parse(["--help"], withoutNexmark).out.includes("--nexmark"));
  t.is(parse(["--nexmark", "maxEvents=10"], withoutNexmark).invocation.kind, "exit");
});

test("no arguments run every job with the jobs' own settings", (t) => {
  t.deepEqual(runOf([]), { kind: "run", progress: true, run: {} });
});

test("a job name, --parallelism, --checkpoint-dir and --no-progress become the job and its RunOptions", (t) => {
  t.deepEqual(runOf(["fraud", "--parallelism", "4", "--checkpoint-dir", "state", "--no-progress"]), {
    kind: "run", job: "fraud", progress: false, run: { parallelism: 4, checkpointDir: "/srv/jobs/state" },
  });
  t.deepEqual(runOf(["-p", "3"]).run, { parallelism: 3 });
});

test("--file is repeatable, maps names to paths resolved against the working directory; absolute paths stay", (t) => {
  const run = runOf(["--file", "txns=data/today.jsonl", "--file", "archive=/var/out/a.jsonl", "--file", "txns=data/yesterday.jsonl"]).run;
  t.deepEqual(run.files, { txns: "/srv/jobs/data/yesterday.jsonl", archive: "/var/out/a.jsonl" });
});

test("--restore takes an existing savepoint or checkpoint path, resolved to an absolute one", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-restore-"));
  try {
    t.deepEqual(runOf(["--restore", dir]).run, { restoreFrom: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--nexmark settings are numbers when they look like numbers", (t) => {
  t.deepEqual(runOf(["bids", "--nexmark", "maxEvents=1000", "--nexmark", "rate=1.5", "--nexmark", "mode=fixed"]).run, { nexmark: { maxEvents: 1000, rate: 1.5, mode: "fixed" } });
});

test("every bad argument is one line on stderr and exit 2, with nothing on stdout", (t) => {
  const cases: [string[], RegExp][] = [
    [["--bogus"], /unknown option '--bogus'/],
    [["--parallelism", "0"], /expected a positive integer/],
    [["--parallelism", "1.5"], /expected a positive integer/],
    [["--parallelism", "two"], /expected a positive integer/],
    [["--parallelism"], /argument missing/],
    [["nojob"], /Allowed choices are fraud, bids/],
    [["fraud", "bids"], /too many arguments/],
    [["--file", "txns"], /expected name=path/],
    [["--file", "=x.jsonl"], /expected name=path/],
    [["--file", "lines=x.jsonl"], /no file source or sink `lines` \(file connectors: txns, archive\)/],
    [["bids", "--file", "txns=x.jsonl"], /no file source or sink `txns` in this job/],
    [["bids", "--checkpoint-dir", "cp"], /`bids` does not checkpoint/],
    [["--restore", "/no/such/savepoint"], /--restore: no savepoint or checkpoint at \/no\/such\/savepoint/],
    [["--nexmark", "maxEvents"], /expected key=value/],
  ];
  for (const [argv, message] of cases) {
    const { invocation, out, err } = parse(argv);
    t.deepEqual(invocation, { kind: "exit", code: 2 }, argv.join(" "));
    t.is(out, "", argv.join(" "));
    t.is(err.split("\n").length, 2, `one line for ${argv.join(" ")}: ${err}`);
    t.regex(err, /^error: /, argv.join(" "));
    t.regex(err, message, argv.join(" "));
  }
});

/** A factory whose job records the options it was given and finishes (or fails) at once. */
function fakeJob(name: string, seen: object[], failure?: string) {
  return (options: object = {}) => ({
    start() {
      // why without stdout: runMain hands each job the stream its stdout() sinks write to
      const { stdout: _stdout, ...run } = options as { stdout?: unknown };
      seen.push({ job: name, ...run });
      const result: RunResultView = { job: name, elapsedMs: 1, recordsIn: 0, recordsOut: 0, deadLetters: 0, collected: {}, metrics: { elapsedMs: 1, operators: [] } };
      return { result: failure === undefined ? Promise.resolve(result) : Promise.reject(new Error(failure)), metrics: () => result.metrics, cancel: async () => {} };
    },
  });
}

async function runCapturing(factories: Parameters<typeof runCommandLine>[0], argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCommandLine(factories, PROGRAM, argv, { out: (s) => (out += s), err: (s) => (err += s), cwd: CWD });
  return { code, out, err };
}

test("runCommandLine hands the RunOptions to each job in turn and exits 0", async (t) => {
  const seen: object[] = [];
  const { code } = await runCapturing({ fraud: fakeJob("fraud", seen), bids: fakeJob("bids", seen) }, ["--parallelism", "2", "--no-progress"]);
  t.is(code, 0);
  t.deepEqual(seen, [{ job: "fraud", parallelism: 2 }, { job: "bids", parallelism: 2 }]);
});

test("a failed job is one line naming the job and the reason, exit 1, and the jobs after it do not run", async (t) => {
  const seen: object[] = [];
  const { code, err } = await runCapturing(
    { fraud: fakeJob("fraud", seen, "cannot open /data/txns.jsonl: no such file\n    at FileReader.open (index.js:10:3)"), bids: fakeJob("bids", seen) },
    ["--no-progress"],
  );
  t.is(code, 1);
  t.is(err, "✘ fraud failed: cannot open /data/txns.jsonl: no such file\n");
  t.deepEqual(seen.map((s) => (s as { job: string }).job), ["fraud"]);
});

test("a usage error from runCommandLine runs nothing and exits 2", async (t) => {
  const seen: object[] = [];
  const { code, err } = await runCapturing({ fraud: fakeJob("fraud", seen), bids: fakeJob("bids", seen) }, ["-p", "-1"]);
  t.is(code, 2);
  t.is(err.split("\n").length, 2);
  t.deepEqual(seen, []);
});
