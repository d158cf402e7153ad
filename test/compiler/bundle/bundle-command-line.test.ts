// A compiled bundle is a program: `node index.js --help` lists its jobs, flags become RunOptions, a bad flag is one
// line and exit 2, a failing job one line and exit 1 — from any directory the bundle is copied to.
import test from "ava";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";

const FIXTURES = join(EDDY_ROOT, "test", "compiler", "bundle", "fixtures");
const work = mkdtempSync(join(tmpdir(), "eddy-bundle-cli-"));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

function compileTo(file: string, out: string): void {
  const r = spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), "compile", file, "-o", out], { encoding: "utf8", cwd: EDDY_ROOT });
  if (r.status !== 0) throw new Error(`eddy compile ${file} failed: ${r.stderr}`);
}

/** Each bundle is compiled once; the tests run it from a directory of their own. */
const bundles = new Map<string, string>();
function bundle(name: "sales" | "wordcount" | "missing"): string {
  let dir = bundles.get(name);
  if (dir === undefined) {
    dir = join(work, name);
    if (name === "sales") compileTo(join(FIXTURES, "sales.flow"), dir);
    else if (name === "wordcount") compileTo(join(EDDY_ROOT, "dsl-examples", "wordcount", "wordcount.flow"), dir);
    else {
      writeFileSync(join(work, "missing.flow"), 'schema T { id: string }\nsource ts: T = file("nowhere/ts.jsonl")\nsink out = stdout()\njob copy { ts | to out }\n');
      compileTo(join(work, "missing.flow"), dir);
    }
    bundles.set(name, dir);
  }
  return dir;
}

/** Copies the bundle's index.js alone into a fresh directory and runs it there with `args`. */
function runCopied(name: "sales" | "wordcount" | "missing", args: string[]) {
  const elsewhere = mkdtempSync(join(work, "run-"));
  cpSync(join(bundle(name), "index.js"), join(elsewhere, "index.js"));
  return spawnSync(process.execPath, ["index.js", ...args], { cwd: elsewhere, encoding: "utf8" });
}

// Hand-computed: per shop and minute, [0, 60s) and [60s, 120s).
const SALES = ['{"shop":"east","total":2,"n":1}', '{"shop":"north","total":16,"n":2}', '{"shop":"south","total":1,"n":1}', '{"shop":"south","total":7,"n":1}'];
const lines = (text: string) => text.trim().split("\n").sort();

test("--help lists the job, its source and sink, and the flags; exit 0", (t) => {
  const r = runCopied("sales", ["--help"]);
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /^Usage: node index\.js \[options\] \[job\]/);
  t.regex(r.stdout, /perShop {2}\(sales\.flow:12; parallelism 1, no checkpoints\)/);
  t.regex(r.stdout, /source sales: Sale = collection/);
  t.regex(r.stdout, /sink {3}totals: TotalsRecord = stdout/);
  for (const flag of ["--parallelism", "--checkpoint-dir", "--restore", "--file"]) t.true(r.stdout.includes(flag), flag);
});

test("the job runs with its declared parallelism and with --parallelism 2, giving the same totals", (t) => {
  for (const args of [[], ["--parallelism", "2"], ["perShop", "-p", "3", "--no-progress"]]) {
    const r = runCopied("sales", args);
    t.is(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
    t.deepEqual(lines(r.stdout), SALES, args.join(" "));
  }
});

test("bad arguments are one line on stderr and exit 2", (t) => {
  for (const args of [["--bogus"], ["--parallelism", "0"], ["noSuchJob"], ["--file", "sales=x.jsonl"], ["--restore", "no/such/savepoint"]]) {
    const r = runCopied("sales", args);
    t.is(r.status, 2, args.join(" "));
    t.is(r.stdout, "", args.join(" "));
    t.is(r.stderr.trim().split("\n").length, 1, `${args.join(" ")}: ${r.stderr}`);
  }
});

test("a job written with parallelism 1 runs at --parallelism 2 and 3 with the same six word counts", (t) => {
  const counts = (p: string) => {
    const r = runCopied("wordcount", ["--parallelism", p]);
    t.is(r.status, 0, r.stderr);
    return lines(r.stdout).sort();
  };
  const one = counts("1");
  t.is(one.length, 6);
  t.deepEqual(counts("2"), one);
  t.deepEqual(counts("3"), one);
});

test("a failing job (its input file is missing) is one line naming the job, exit 1, no stack", (t) => {
  const r = runCopied("missing", ["--no-progress"]);
  t.is(r.status, 1);
  t.is(r.stderr.trim().split("\n").length, 1, r.stderr);
  t.regex(r.stderr, /^✘ copy failed: .*nowhere\/ts\.jsonl/);
  t.notRegex(r.stderr, /\n\s+at /);
});

test("--file names a file connector; its path is accepted relative to the working directory", (t) => {
  const r = runCopied("missing", ["--file", "out=x.jsonl"]);
  t.is(r.status, 2);
  t.regex(r.stderr, /no file source or sink `out` \(file connectors: ts\)/);
  // Whether the runtime then reads that path is the file connector's part (RunOptions.files); here it parses.
  t.regex(runCopied("missing", ["--help"]).stdout, /--file takes the name of a file source or sink: ts\./);
});
