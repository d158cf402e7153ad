// The client commands' failures without a JobManager: bad usage exits 2, an unreachable JobManager or a missing
// cluster exits 1 — each with one line and no stack. `eddy info` prints the plan as JSON without running.
import test from "ava";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eddy } from "../../compiler/helpers/eddy-cli.js";

const SLOW = 5 * 60_000; // why: each process starts tsx; on a loaded machine that takes seconds

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test("usage errors exit 2 with one line", async (t) => {
  t.timeout(SLOW);
  const dir = mkdtempSync(join(tmpdir(), "eddy-client-usage-"));
  mkdirSync(join(dir, "empty-dir"));
  writeFileSync(join(dir, "notes.txt"), "x");
  const env = { TMPDIR: dir, EDDY_JOBMANAGER: "" };
  const cases: [string[], RegExp][] = [
    [["submit"], /missing required argument 'job'/],
    [["submit", join(dir, "missing.flow")], /^eddy: .*missing\.flow: no such file or directory$/],
    [["submit", join(dir, "notes.txt")], /^eddy: .*notes\.txt: expected a \.flow file, a bundle directory/],
    [["submit", join(dir, "empty-dir")], /^eddy: .*empty-dir: not a bundle directory \(no index\.js/],
    [["submit", "-p", "0", "dsl-examples/wordcount/wordcount.flow"], /expected a positive integer/],
    [["submit", "--allow-non-restored-state", "dsl-examples/wordcount/wordcount.flow"], /^eddy: --allow-non-restored-state needs --from-savepoint <path>$/],
    [["submit", "-j", "nope", "dsl-examples/wordcount/wordcount.flow"], /^eddy: no job `nope` in .*\(jobs: wordcount\)$/],
    [["list", "--jobmanager", "ftp://x"], /^eddy: --jobmanager ftp:\/\/x: the JobManager's REST address is http:\/\/ or https:\/\//],
    [["cancel", "not/an/id"], /expected a job id/],
    [["cluster", "start", "--taskmanagers", "2", "--no-nats"], /^eddy: TaskManagers find the JobManager through NATS: --no-nats goes with --taskmanagers 0$/],
    [["cluster", "start", "--rest-port", "70000"], /expected a TCP port/],
    [["info", "-j", "nope", "dsl-examples/wordcount/wordcount.flow"], /^eddy: no job `nope` in/],
  ];
  const results = [];
  // why: four at a time — a dozen processes at once would starve the machine
  for (let i = 0; i < cases.length; i += 4) results.push(...(await Promise.all(cases.slice(i, i + 4).map(([args]) => eddy(args, { env })))));
  results.forEach((r, i) => {
    const [args, message] = cases[i]!;
    t.is(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    t.is(r.stderr.trim().split("\n").length, 1, r.stderr);
    t.regex(r.stderr.trim(), message, args.join(" "));
    t.is(r.stdout, "", "nothing was submitted or printed");
  });
});

test("an unreachable JobManager and a cluster that is not running exit 1 with one line", async (t) => {
  t.timeout(SLOW);
  const dir = mkdtempSync(join(tmpdir(), "eddy-client-down-"));
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}`;
  const [list, cancel, viaEnv, stop] = await Promise.all([
    eddy(["list", "--jobmanager", url]),
    eddy(["cancel", "0123456789abcdef0123456789abcdef", "-m", url]),
    eddy(["savepoint", "0123456789abcdef0123456789abcdef"], { env: { EDDY_JOBMANAGER: url } }),
    eddy(["cluster", "stop"], { env: { TMPDIR: dir } }),
  ]);
  for (const r of [list, cancel, viaEnv]) {
    t.is(r.status, 1, r.stderr);
    t.is(r.stderr.trim().split("\n").filter((l) => l.startsWith("eddy:")).length, 1, r.stderr);
    t.true(r.stderr.includes(`eddy: cannot reach the JobManager at ${url}: connection refused`), r.stderr);
  }
  t.is(stop.status, 1);
  t.is(stop.stderr.trim(), `eddy: no cluster is running (no state in ${join(dir, "eddy-cluster")}); \`eddy cluster start\` starts one`);
});

test("info prints the plan as JSON without running: the jobs, their vertices and edges", async (t) => {
  t.timeout(SLOW);
  const r = await eddy(["info", "dsl-examples/wordcount/wordcount.flow"]);
  t.is(r.status, 0, r.stderr);
  // why parse the whole stdout: a run would have printed records (stdout sink) around it, and JSON.parse would throw
  const plan = JSON.parse(r.stdout) as { name: string; jobs: { name: string; settings: { checkpoint: unknown }; nodes: { id: number; kind: string }[]; edges: { from: number; to: number; partitioning: string }[] }[] };
  t.is(plan.name, "wordcount");
  t.deepEqual(plan.jobs.map((j) => j.name), ["wordcount"]);
  const [job] = plan.jobs;
  // dsl-examples/wordcount/wordcount.expected/plan.txt: source → flatMap → (hash by word) window aggregate → sink
  t.deepEqual(job!.nodes.map((n) => n.kind), ["source", "chain", "aggregate", "sink"]);
  t.deepEqual(job!.edges.map((e) => [e.from, e.to, e.partitioning]), [[0, 1, "forward"], [1, 2, "hash(word)"], [2, 3, "forward"]]);
  t.is(job!.settings.checkpoint, null);
});
