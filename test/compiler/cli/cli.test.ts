// The eddy command line: exit codes 0 (ok) / 1 (diagnostics, failed job) / 2 (usage, one clear line), help, version.
import test from "ava";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { EDDY_ROOT } from "../../../compiler/compile.js";

const eddy = (...args: string[]) => spawnSync(process.execPath, [join(EDDY_ROOT, "bin", "eddy.js"), ...args], { encoding: "utf8", cwd: EDDY_ROOT });

test("check: 0 for a valid file, 1 with the caret diagnostics for an invalid one", (t) => {
  t.is(eddy("check", "dsl-examples/wordcount/wordcount.flow").status, 0);
  const bad = eddy("check", "dsl-examples/errors/unknown-stream.flow");
  t.is(bad.status, 1);
  t.regex(bad.stderr, /error\[FLOW2003\]: unknown stream `txn`/);
  t.regex(bad.stderr, /\^\^\^/);
});

test("usage errors exit 2 with one line", (t) => {
  for (const args of [["bogus"], ["explain", "dsl-examples/wordcount/wordcount.flow", "--format", "xml"], ["check", "no/such/file.flow"], ["run", "-p", "zero", "x.flow"], ["compile", "dsl-examples/wordcount/wordcount.flow"]]) {
    const r = eddy(...args);
    t.is(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    t.is(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

test("--help and --version exit 0", (t) => {
  const help = eddy("--help");
  t.is(help.status, 0);
  for (const command of ["check", "compile", "run", "explain"]) t.regex(help.stdout, new RegExp(command));
  const version = eddy("--version");
  t.is(version.status, 0);
  t.regex(version.stdout, /^\d+\.\d+\.\d+/);
});

test("run prints the word count of the language draft; explain shows both plans and the fusion report", (t) => {
  const run = eddy("run", "--no-progress", "dsl-examples/wordcount/wordcount.flow");
  t.is(run.status, 0, run.stderr);
  t.is(run.stdout.trim().split("\n").length, 6);
  t.regex(run.stdout, /\{"word":"to","count":4\}/);
  const explain = eddy("explain", "dsl-examples/fraud/fraud.flow");
  t.is(explain.status, 0);
  t.regex(explain.stdout, /== plan \(as written\) ==[\s\S]*== plan \(optimised\) ==[\s\S]*== fusion ==/);
  t.regex(explain.stdout, /break .*: hash partitioning/);
  for (const format of ["dot", "mermaid"]) {
    const r = eddy("explain", "--format", format, "dsl-examples/fraud/fraud.flow");
    t.is(r.status, 0);
    t.regex(r.stdout, format === "dot" ? /digraph eddy/ : /flowchart LR/);
  }
});
