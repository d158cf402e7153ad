// The eddy command line: exit codes 0 (ok) / 1 (diagnostics, failed job) / 2 (usage, one clear line), help, version,
// colour settings, and the graph formats of explain. Processes are spawned in parallel within a test (each starts tsx).
import test from "ava";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveRestorePath, useColor } from "../../../bin/eddy.js";
import { eddy } from "../helpers/eddy-cli.js";

const SLOW = 5 * 60_000; // why: each process compiles through tsx; on a loaded machine that takes tens of seconds

test("check: 0 for a valid file, 1 with the caret diagnostics for an invalid one; many files are reported each", async (t) => {
  t.timeout(SLOW);
  const [ok, bad, many, coloured] = await Promise.all([
    eddy(["check", "dsl-examples/wordcount/wordcount.flow"]),
    eddy(["check", "dsl-examples/errors/unknown-stream.flow"]),
    eddy(["check", "dsl-examples/wordcount/wordcount.flow", "dsl-examples/errors/unknown-stream.flow", "dsl-examples/fraud/fraud.flow"]),
    eddy(["check", "dsl-examples/errors/unknown-stream.flow"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }),
  ]);
  t.is(ok.status, 0);
  t.is(bad.status, 1);
  t.regex(bad.stderr, /error\[FLOW2003\]: unknown stream `txn`/);
  t.regex(bad.stderr, /\^\^\^/);
  t.false(bad.stderr.includes("\x1b["), "no colour when stderr is not a terminal");
  t.is(many.status, 1);
  t.regex(many.stderr, /^dsl-examples\/wordcount\/wordcount\.flow: ok$/m);
  t.regex(many.stderr, /FLOW2003/);
  t.regex(many.stderr, /^dsl-examples\/fraud\/fraud\.flow: ok$/m, "the files after an invalid one are still checked");
  t.is(coloured.status, 1);
  t.true(coloured.stderr.includes("\x1b["), "FORCE_COLOR colours even a pipe, over NO_COLOR");
});

test("usage errors exit 2 with one line, never a stack", async (t) => {
  t.timeout(SLOW);
  const dir = mkdtempSync(join(tmpdir(), "eddy-cli-usage-"));
  const file = join(dir, "a-file");
  writeFileSync(file, "x");
  mkdirSync(join(dir, "not-a-checkpoint"));
  const cases: [string[], RegExp][] = [
    [["bogus"], /unknown command 'bogus'/],
    [["explain", "dsl-examples/wordcount/wordcount.flow", "--format", "xml"], /Allowed choices are text, dot, mermaid/],
    [["check", "no/such/file.flow"], /^eddy: cannot read no\/such\/file\.flow: no such file or directory$/],
    [["check", "dsl-examples"], /^eddy: cannot read dsl-examples: is a directory, not a file$/],
    [["run", "-p", "zero", "x.flow"], /expected a positive integer/],
    [["run", "--limit", "-1", "x.flow"], /expected a number of records/],
    [["compile", "dsl-examples/wordcount/wordcount.flow"], /required option '-o, --out <dir>'/],
    [["compile", "dsl-examples/wordcount/wordcount.flow", "-o", file], /^eddy: -o .*a-file: is a file; give a directory/],
    [["run", "--restore", join(dir, "missing"), "dsl-examples/wordcount/wordcount.flow"], /^eddy: --restore .*missing: no such file or directory$/],
    [["run", "--restore", join(dir, "not-a-checkpoint"), "dsl-examples/fraud/flagship.flow"], /no completed checkpoint or savepoint in it/],
    [["run", "--checkpoint-dir", dir, "dsl-examples/wordcount/wordcount.flow"], /^eddy: --checkpoint-dir: job `wordcount` does not checkpoint/],
    [["run", "-j", "nope", "dsl-examples/wordcount/wordcount.flow"], /^eddy: no job `nope` in .*\(jobs: wordcount\)$/],
  ];
  const results = [];
  // why: four at a time — a dozen compilers at once would starve the machine
  for (let i = 0; i < cases.length; i += 4) results.push(...(await Promise.all(cases.slice(i, i + 4).map(([args]) => eddy(args)))));
  results.forEach((r, i) => {
    const [args, message] = cases[i]!;
    t.is(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    t.is(r.stderr.trim().split("\n").length, 1, r.stderr);
    t.regex(r.stderr.trim(), message);
    t.notRegex(r.stderr, /\n\s+at /, "no stack");
  });
});

test("--help and --version exit 0; no command prints the help on stderr and exits 2", async (t) => {
  t.timeout(SLOW);
  const [help, version, none] = await Promise.all([eddy(["--help"]), eddy(["--version"]), eddy([])]);
  t.is(help.status, 0);
  for (const command of ["check", "compile", "run", "explain"]) t.regex(help.stdout, new RegExp(command));
  t.is(version.status, 0);
  t.regex(version.stdout, /^\d+\.\d+\.\d+/);
  t.is(none.status, 2);
  t.is(none.stdout, "");
  t.regex(none.stderr, /^Usage: eddy \[options\] \[command\]/);
});

test("run prints the word count of the language draft; explain shows both plans and the fusion report, as text, dot or mermaid", async (t) => {
  t.timeout(SLOW);
  const [run, explain, dot, mermaid] = await Promise.all([
    eddy(["run", "--no-progress", "dsl-examples/wordcount/wordcount.flow"]),
    eddy(["explain", "dsl-examples/fraud/fraud.flow"]),
    eddy(["explain", "--format", "dot", "dsl-examples/fraud/fraud.flow"]),
    eddy(["explain", "--format", "mermaid", "dsl-examples/fraud/fraud.flow"]),
  ]);
  t.is(run.status, 0, run.stderr);
  t.is(run.stdout.trim().split("\n").length, 6);
  t.regex(run.stdout, /\{"word":"to","count":4\}/);
  t.is(explain.status, 0);
  t.regex(explain.stdout, /== plan \(as written\) ==[\s\S]*== plan \(optimised\) ==[\s\S]*== fusion ==/);
  t.regex(explain.stdout, /break .*: hash partitioning/);
  t.is(dot.status, 0);
  t.regex(dot.stdout, /^digraph eddy \{[\s\S]*\}\n$/, "one digraph and nothing else (`| dot -Tsvg` takes it as is)");
  t.is(mermaid.status, 0);
  t.deepEqual(mermaid.stdout.trim().split("\n\n").map((d) => d.split("\n")[1]), ["flowchart LR", "flowchart LR"]);
});

test("useColor: a terminal colours; NO_COLOR (non-empty) turns it off; FORCE_COLOR turns it on, unless 0", (t) => {
  t.true(useColor({ isTTY: true }, {}));
  t.false(useColor({ isTTY: false }, {}));
  t.false(useColor({ isTTY: true }, { NO_COLOR: "1" }));
  t.true(useColor({ isTTY: true }, { NO_COLOR: "" }), "an empty NO_COLOR is unset (no-color.org)");
  t.true(useColor({ isTTY: false }, { FORCE_COLOR: "1" }));
  t.true(useColor({ isTTY: false }, { FORCE_COLOR: "", NO_COLOR: "1" }), "FORCE_COLOR wins, as in Node");
  t.false(useColor({ isTTY: true }, { FORCE_COLOR: "0" }));
});

test("--restore takes a chk-<id> directory, or the newest completed one in a checkpoint directory", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-cli-restore-"));
  for (const id of [3, 12, 9]) {
    mkdirSync(join(dir, `chk-${id}`));
    writeFileSync(join(dir, `chk-${id}`, "_metadata"), "{}");
  }
  mkdirSync(join(dir, "chk-15")); // in progress when the job stopped: no _metadata, never completed
  t.is(resolveRestorePath(dir), join(dir, "chk-12"));
  t.is(resolveRestorePath(join(dir, "chk-3")), join(dir, "chk-3"));
  t.throws(() => resolveRestorePath(join(dir, "chk-15")), { message: /not a completed checkpoint or savepoint \(no _metadata\)/ });
  t.throws(() => resolveRestorePath(join(dir, "chk-3", "_metadata")), { message: /not a directory/ });
});

test("SQL scripts: explain shows the .flow the SQL reads as and its plans; run executes it; -D fills placeholders and a malformed one is a usage error", async (t) => {
  t.timeout(SLOW);
  const dir = mkdtempSync(join(tmpdir(), "eddy-cli-sql-"));
  const script = join(dir, "q2.sql");
  writeFileSync(script, `CREATE TABLE datagen (event_type INT, bid ROW<auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, \`dateTime\` TIMESTAMP(3), extra VARCHAR>)
  WITH ('connector' = 'nexmark', 'events.num' = '\${EVENTS}');
CREATE VIEW bid AS SELECT bid.auction, bid.price FROM datagen WHERE event_type = 2;
SELECT auction, price FROM bid WHERE auction % 123 = 0;
`);
  const [explain, run, missing, malformed] = await Promise.all([
    eddy(["explain", script, "-D", "EVENTS=1000"]),
    eddy(["run", script, "-D", "EVENTS=20000", "--no-progress"]),
    eddy(["explain", script]),
    eddy(["explain", script, "-D", "EVENTS"]),
  ]);
  t.is(explain.status, 0, explain.stderr);
  t.regex(explain.stdout, /== \.flow \(the SQL as translated\) ==/);
  t.regex(explain.stdout, /source bid = nexmark\(events: 1000, table: "bid"\)/);
  t.regex(explain.stdout, /filter auction % 123 == 0/);
  t.regex(explain.stdout, /== plan \(optimised\) ==/);
  t.is(run.status, 0, run.stderr);
  // By hand: q2 keeps the bids whose auction is a multiple of 123 (the generator's auction ids start at 1000).
  const rows = run.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { auction: number; price: number });
  t.true(rows.length > 0);
  t.true(rows.every((r) => r.auction % 123 === 0 && Object.keys(r).join() === "auction,price"));
  t.is(missing.status, 1);
  t.regex(missing.stderr, /error\[SQL2005\]: no value for placeholder `\$\{EVENTS\}`/);
  t.is(malformed.status, 2);
  t.regex(malformed.stderr, /expected KEY=VALUE, got `EVENTS`/);
});
