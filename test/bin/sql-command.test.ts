// `eddy sql` as a user runs it (a child process): usage errors exit 2 with one line, statements with errors exit 1
// with located diagnostics and never a stack, the prompt reads statements piped to it.
import test from "ava";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

function eddySql(args: readonly string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import=tsx", "--conditions=eddy-source", join(ROOT, "bin", "eddy.ts"), "sql", ...args], {
    cwd: ROOT, input: input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, EDDY_WORKERS: "1" }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function script(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "eddy-sql-test-")), "script.sql");
  writeFileSync(file, text);
  return file;
}

test("usage errors: one line on stderr, exit 2", (t) => {
  const define = eddySql(["--define", "TPS", "-e", "SET;"]);
  t.is(define.code, 2);
  t.is(define.stderr, "error: option '-D, --define <KEY=VALUE>' argument 'TPS' is invalid. expected KEY=VALUE, got `TPS` (e.g. --define TPS=10000)\n");
  const mode = eddySql(["--mode", "grid", "-e", "SET;"]);
  t.is(mode.code, 2);
  t.is(mode.stderr, "error: option '--mode <mode>' argument 'grid' is invalid. Allowed choices are table, changelog, tableau.\n");
  const missing = eddySql(["-f", "no-such-script.sql"]);
  t.is(missing.code, 2);
  t.is(missing.stderr, "eddy: cannot read no-such-script.sql: no such file or directory\n");
  t.is(missing.stdout, "");
});

test("a syntax error in -e: the located diagnostic with its caret, exit 1, nothing of the input runs", (t) => {
  const r = eddySql(["-e", "SET 'a' = 'b';\nSELECT price FROM bid WERE price > 1;"]);
  t.is(r.code, 1);
  t.is(r.stdout, "");
  t.true(r.stderr.startsWith("error[SQL2001]: "), r.stderr);
  t.true(r.stderr.includes(" --> -e:2:28\n"), r.stderr);
  t.true(r.stderr.includes("2 | SELECT price FROM bid WERE price > 1;\n  |                            ^^^^^\n"), r.stderr);
  t.false(r.stderr.includes("[INFO]"), "the SET before the error did not run");
  t.false(/\n\s+at /.test(r.stderr), "no stack trace");
});

test("a placeholder without --define is named; with it, the statement reads the value", (t) => {
  const r = eddySql(["-e", "SET 'k' = '${V}';"]);
  t.is(r.code, 1);
  t.true(r.stderr.startsWith("error[SQL2005]: no value for placeholder `${V}`\n --> -e:1:12\n"), r.stderr);
  const ok = eddySql(["-D", "V=42", "-e", "SET 'k' = '${V}'; SET;"]);
  t.is(ok.code, 0, ok.stderr);
  t.is(ok.stdout, "'k' = '42'\n'sql-client.execution.result-mode' = 'tableau'\n");
});

test("SET and RESET change the session; a bad value of a client setting is an error that stops the script", (t) => {
  const file = script("SET 'parallelism.default' = '3';\nSET;\nRESET 'parallelism.default';\nSET;\nSET 'sql-client.execution.result-mode' = 'grid';\nSET;\n");
  const r = eddySql(["-p", "2", "--mode", "changelog", "-f", file]);
  t.is(r.code, 1);
  t.is(r.stdout, [
    "'parallelism.default' = '3'", "'sql-client.execution.result-mode' = 'changelog'",
    "'parallelism.default' = '2'", "'sql-client.execution.result-mode' = 'changelog'", "",
  ].join("\n"), "RESET goes back to the command line's value; the last SET; never ran");
  t.is(r.stderr, [
    "[INFO] Session property has been set.", "[INFO] Session property has been reset.",
    "[ERROR] 'sql-client.execution.result-mode' must be one of 'table', 'changelog', 'tableau', not 'grid'", "",
  ].join("\n"));
});

test("the prompt fed through stdin: statements over several lines, HELP, errors that do not end the session, QUIT", (t) => {
  const r = eddySql([], "SET 'a'\n  = 'b';\nHELP;\nSELEC 1;\nSET; QUIT;\nSET 'never' = 'run';\n");
  t.is(r.code, 1, "off a terminal a failed statement makes the exit code 1, as a script's would");
  t.true(r.stdout.startsWith("The following commands are available:\n"), r.stdout);
  t.true(r.stdout.endsWith("'a' = 'b'\n'sql-client.execution.result-mode' = 'tableau'\n"), r.stdout);
  t.false(r.stdout.includes("eddy sql>"), "no prompt off a terminal");
  t.true(r.stderr.includes("error[SQL2001]: expected statement, `;` or `(`, found `SELEC`\n --> <input 3>:1:1\n"), r.stderr);
  t.false(r.stderr.includes("never"));
});

test("the prompt ends at the end of its input (Ctrl-D) with exit 0 when nothing failed", (t) => {
  const r = eddySql([], "SET 'a' = 'b';\nSET\n");
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, "", "an unfinished statement at the end of the input does not run");
});
