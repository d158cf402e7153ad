// Running a statement's compiled jobs: the result sink's records reach the view as row kinds; --limit and Ctrl-C stop
// an unbounded query. The jobs here are compiled from .flow (the same CompileResult as SQL's) so the runner is tested
// apart from the SQL compiler.
import test from "ava";
import { compile } from "../../../compiler/compile.js";
import { Interrupts } from "../../../bin/sql/interrupts.js";
import { runJobs } from "../../../bin/sql/run-jobs.js";
import { TableauView } from "../../../bin/sql/tableau-view.js";
import { ChangelogView } from "../../../bin/sql/changelog-view.js";

const cols = (...names: string[]) => names.map((name) => ({ name, field: name }));

function capture() {
  const out = { text: "", write(s: string) { out.text += s; return true; } };
  return out;
}

function compiled(flow: string) {
  const result = compile(flow, "test.flow", { fuse: true });
  if (!result.ok) throw new Error(result.check.diagnostics.map((d) => d.message).join("\n"));
  return result;
}

const WORD_COUNT = `
source words = collection([{ word: "a" }, { word: "bb" }, { word: "a" }])
sink result = collect()
job query_1 { words | keyBy word | aggregate { n: count() } | to result }
`;

test("a bounded upsert query runs to the end; its rows arrive as +I, -U, +U in the tableau", async (t) => {
  const out = capture();
  const stderr = capture();
  const outcome = await runJobs({
    compiled: compiled(WORD_COUNT), jobs: ["query_1"], workers: 1, interrupts: new Interrupts(), stderr, progress: false,
    query: { job: "query_1", sink: "result", shape: { columns: cols("word", "n"), changelog: { kind: "upsert", upsertKey: ["word"] } }, view: new TableauView(["word", "n"], out) },
  });
  t.is(outcome, "finished");
  t.is(out.text, [
    "+----+--------------------------------+-------------+",
    "| op |                           word |           n |",
    "+----+--------------------------------+-------------+",
    "| +I |                              a |           1 |",
    "| +I |                             bb |           1 |",
    "| -U |                              a |           1 |",
    "| +U |                              a |           2 |",
    "+----+--------------------------------+-------------+",
    "Received a total of 4 rows",
    "",
  ].join("\n"));
  t.is(stderr.text, "");
});

// nexmark with events: 0 never ends
const UNBOUNDED = `
source bid = nexmark(events: 0, table: "bid")
sink result = collect()
job query_1 { bid | map { auction, price } | to result }
`;

test("--limit stops an unbounded query after n rows, and says so", async (t) => {
  const out = capture();
  const outcome = await runJobs({
    compiled: compiled(UNBOUNDED), jobs: ["query_1"], workers: 1, interrupts: new Interrupts(), stderr: capture(), progress: false,
    query: { job: "query_1", sink: "result", shape: { columns: cols("auction", "price"), changelog: { kind: "insert-only" } }, view: new ChangelogView(out), limit: 7 },
  });
  t.is(outcome, "limit");
  const lines = out.text.trimEnd().split("\n");
  t.is(lines.length, 8);
  t.true(lines.slice(0, 7).every((l) => /^\+I\[\d+, \d+\]$/.test(l)), out.text);
  t.is(lines[7], "Received a total of 7 changes (stopped at --limit 7)");
});

test("an interrupt cancels the running query: the view ends as cancelled and the summary says so", async (t) => {
  const out = capture();
  const stderr = capture();
  const interrupts = new Interrupts();
  let first = true;
  const view = new ChangelogView(out);
  const outcome = await runJobs({
    compiled: compiled(UNBOUNDED), jobs: ["query_1"], workers: 1, interrupts, stderr, progress: false,
    query: {
      job: "query_1", sink: "result", shape: { columns: cols("auction", "price"), changelog: { kind: "insert-only" } },
      view: { add: (c) => { view.add(c); if (first) { first = false; t.is(interrupts.interrupt(), "cancelled"); t.is(interrupts.interrupt(), "again"); } }, end: (how) => view.end(how) },
    },
  });
  t.is(outcome, "cancelled");
  t.regex(out.text, /Received a total of \d+ changes \(cancelled\)\n$/);
  t.regex(stderr.text, /^✘ query_1: cancelled after/);
  t.is(interrupts.interrupt(), "idle", "nothing runs any more");
});

test("a job that fails reports its first line and the outcome is failed", async (t) => {
  const stderr = capture();
  const out = capture();
  const failing = `
schema N { n: int }
source nums: N = file("no-such-file-for-eddy-sql.jsonl")
sink result = collect()
job query_1 { nums | map { r: n } | to result }
`;
  const outcome = await runJobs({
    compiled: compiled(failing), jobs: ["query_1"], workers: 1, interrupts: new Interrupts(), stderr, progress: false,
    query: { job: "query_1", sink: "result", shape: { columns: cols("r"), changelog: { kind: "insert-only" } }, view: new ChangelogView(out) },
  });
  t.is(outcome, "failed");
  t.is(out.text, "Received a total of 0 changes (the query failed)\n");
  t.regex(stderr.text, /^✘ query_1 failed: .*no-such-file-for-eddy-sql\.jsonl/);
  t.false(stderr.text.trimEnd().includes("\n"), "one line");
});
