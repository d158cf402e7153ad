// `eddy sql` as a user runs it (a child process): usage errors exit 2 with one line, statements with errors exit 1
// with located diagnostics and never a stack, the prompt reads statements piped to it.
import test from "ava";
import { spawn, spawnSync } from "node:child_process";
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

// ───────────── statements that run jobs ─────────────

const NEXMARK = join(ROOT, "bench", "nexmark", "sql");
/** Flink's Nexmark DDL and views with the placeholders of its runner; `events` bounds the generator (0: unbounded). */
function nexmarkArgs(events: number): string[] {
  const defines = { TPS: "10000000", EVENTS_NUM: String(events), PERSON_PROPORTION: "1", AUCTION_PROPORTION: "3", BID_PROPORTION: "46", NEXMARK_TABLE: "datagen" };
  return [...Object.entries(defines).flatMap(([k, v]) => ["--define", `${k}=${v}`]), "-f", join(NEXMARK, "ddl_gen.sql"), "-f", join(NEXMARK, "ddl_views.sql")];
}

test("tableau of a GROUP BY over a filesystem table: +I, then -U/+U as a group's row changes (hand-computed)", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sql-test-"));
  writeFileSync(join(dir, "words.jsonl"), '{"word":"a","n":1}\n{"word":"bb","n":2}\n{"word":"a","n":3}\n');
  const r = eddySql(["-D", `DIR=${dir}`, "-e", `
    CREATE TABLE words (word STRING, n INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = '\${DIR}/words.jsonl', 'format' = 'json');
    SELECT word, COUNT(*) AS cnt, SUM(n) AS total FROM words GROUP BY word;`]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, [
    "+----+--------------------------------+-------------+-------------+",
    "| op |                           word |         cnt |       total |",
    "+----+--------------------------------+-------------+-------------+",
    "| +I |                              a |           1 |           1 |",
    "| +I |                             bb |           1 |           2 |",
    "| -U |                              a |           1 |           1 |",
    "| +U |                              a |           2 |           4 |",
    "+----+--------------------------------+-------------+-------------+",
    "Received a total of 4 rows",
    "",
  ].join("\n"));
  t.is(r.stderr, "[INFO] Table has been created.\n");
});

test("Nexmark's own DDL and views with --define, then a filter on bid stopped by --limit", (t) => {
  const r = eddySql([...nexmarkArgs(0), "--limit", "5", "-e", "SELECT auction, price FROM bid WHERE auction % 123 = 0;"]);
  t.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  t.deepEqual(lines.slice(0, 3), ["+----+-------------+-------------+", "| op |     auction |       price |", "+----+-------------+-------------+"]);
  const rows = lines.slice(3, -2).map((l) => /^\| \+I \| +(\d+) \| +(\d+) \|$/.exec(l));
  t.is(rows.length, 5, r.stdout);
  for (const row of rows) {
    t.truthy(row, r.stdout);
    t.is(Number(row![1]) % 123, 0, "only auctions the WHERE keeps");
  }
  t.deepEqual(lines.slice(-2), ["+----+-------------+-------------+", "Received a total of 5 rows (stopped at --limit 5)"]);
  t.is(r.stderr, "[INFO] Table has been created.\n" + "[INFO] View has been created.\n".repeat(3));
});

test("table mode materialises an upsert result: its rows equal counting the plain query's rows per channel", (t) => {
  const r = eddySql([...nexmarkArgs(3000), "-e", `
    SET 'sql-client.execution.result-mode' = 'changelog';
    SELECT channel FROM bid;
    SET 'sql-client.execution.result-mode' = 'table';
    SELECT channel, COUNT(*) AS n FROM bid GROUP BY channel;`]);
  t.is(r.code, 0, r.stderr);
  const [changelog, table] = r.stdout.split(/^Received a total of \d+ changes\n/m) as [string, string];
  // the oracle: every bid's channel, counted here
  const expected = new Map<string, number>();
  for (const line of changelog.trimEnd().split("\n")) {
    const channel = /^\+I\[(.*)\]$/.exec(line)![1]!;
    expected.set(channel, (expected.get(channel) ?? 0) + 1);
  }
  t.is([...expected.values()].reduce((a, b) => a + b, 0), 3000 * 46 / 50, "46 of every 50 events are bids");
  const shown = new Map<string, number>();
  for (const line of table.split("\n")) {
    const m = /^\| +(\S+) \| +(\d+) \|$/.exec(line);
    if (m !== null && m[1] !== "channel") shown.set(m[1]!, Number(m[2]));
  }
  t.deepEqual(shown, expected);
  t.regex(table, new RegExp(`\\n${expected.size} rows in the result, from \\d+ changes, in \\d+\\.\\d\\ds\\n$`));
  t.false(r.stdout.includes("\x1b"), "no cursor movement off a terminal");
});

test("INSERT INTO runs its job to the end and summarises it; EXPLAIN prints the plans and the fusion report", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sql-test-"));
  writeFileSync(join(dir, "words.jsonl"), '{"word":"a","n":1}\n{"word":"bb","n":2}\n');
  const r = eddySql(["-D", `DIR=${dir}`, "-e", `
    CREATE TABLE words (word STRING, n INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = '\${DIR}/words.jsonl', 'format' = 'json');
    CREATE TABLE sink_t (word STRING) WITH ('connector' = 'blackhole');
    EXPLAIN SELECT word FROM words WHERE n > 1;
    INSERT INTO sink_t SELECT word FROM words WHERE n > 1;`]);
  t.is(r.code, 0, r.stderr);
  t.true(r.stdout.startsWith("== plan (as written) ==\njob query_1"), r.stdout);
  t.true(r.stdout.includes("\n== fusion ==\n"), r.stdout);
  t.regex(r.stderr, /\n✔ insert_sink_t: 2 records in, 1 out in /);
});

test("a statement's semantic error is located in the input it was written in, after DDL from a file", (t) => {
  const r = eddySql([...nexmarkArgs(100), "-e", "SELECT auction,\n  nosuch FROM bid;"]);
  t.is(r.code, 1);
  t.true(r.stderr.includes(" --> -e:2:3\n"), r.stderr);
  t.true(r.stderr.includes("2 |   nosuch FROM bid;\n  |   ^^^^^^\n"), r.stderr);
  t.is(r.stdout, "");
});

test("Ctrl-C cancels a running unbounded query: the table is closed, exit 130", async (t) => {
  const child = spawn(process.execPath, ["--import=tsx", "--conditions=eddy-source", join(ROOT, "bin", "eddy.ts"), "sql", ...nexmarkArgs(0), "--mode", "changelog", "-e", "SELECT auction FROM bid;"], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1", EDDY_WORKERS: "1" },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  // why also on exit: a child that fails before its first row must fail the test, not leave it waiting
  await new Promise<void>((resolve) => {
    void exited.then(() => resolve());
    child.stdout.on("data", (d) => {
      const first = stdout === "";
      stdout += String(d);
      if (first) {
        child.kill("SIGINT");
        resolve();
      }
    });
  });
  t.is(await exited, 130, stderr);
  t.regex(stdout, /\nReceived a total of \d+ changes \(cancelled\)\n$/);
  t.regex(stderr, /✘ query_1: cancelled after /);
});

test("a reader that closes stdout (| head) ends an unbounded query quietly, exit 0, and the script stops", async (t) => {
  const child = spawn(process.execPath, ["--import=tsx", "--conditions=eddy-source", join(ROOT, "bin", "eddy.ts"), "sql", ...nexmarkArgs(0), "--mode", "changelog", "-e", "SELECT auction FROM bid; SET 'x' = 'y';"], {
    cwd: ROOT, env: { ...process.env, NO_COLOR: "1", EDDY_WORKERS: "1" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.stdout.once("data", () => child.stdout.destroy());
  t.is(await exited, 0, stderr);
  t.is(stderr, "[INFO] Table has been created.\n" + "[INFO] View has been created.\n".repeat(3), "no cancellation notice, and the SET after the query never ran");
});

test("a CREATE TABLE of a table the session has is reported when it comes, located, and the script stops there", (t) => {
  const file = script("CREATE TABLE t (x INT) WITH ('connector' = 'blackhole');\n");
  const r = eddySql(["-f", file, "-e", "SET 'a' = 'b';\nCREATE TABLE t (y INT) WITH ('connector' = 'blackhole');\nSET 'c' = 'd';"]);
  t.is(r.code, 1);
  t.true(r.stderr.startsWith("[INFO] Table has been created.\n[INFO] Session property has been set.\nerror[SQL3011]: table `t` is defined more than once\n --> -e:2:14\n"), r.stderr);
  t.false(r.stderr.includes("SQL3016"), "a session's CREATE is not a script with nothing to run");
  t.is(r.stderr.match(/\[INFO\]/g)!.length, 2, "the SET after it never ran");
});

test("client commands in a file run in order with its SQL; EXIT ends the session like QUIT", (t) => {
  const file = script("SET 'a' = 'b';\n-- a comment before a command\nHELP;\nSET;\nEXIT;\nSET;\n");
  const r = eddySql(["-f", file]);
  t.is(r.code, 0, r.stderr);
  const help = r.stdout.indexOf("The following commands are available:");
  t.true(help === 0, r.stdout);
  t.true(r.stdout.endsWith("'a' = 'b'\n'sql-client.execution.result-mode' = 'tableau'\n"), "SET; ran once, after HELP; the one after EXIT did not");
  t.is(r.stdout.split("'a' = 'b'").length, 2);
});

test("at the prompt a statement set waits for its END; its INSERTs run as jobs side by side", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "eddy-sql-test-"));
  writeFileSync(join(dir, "words.jsonl"), '{"word":"a","n":1}\n{"word":"bb","n":2}\n{"word":"c","n":3}\n');
  const r = eddySql(["-D", `DIR=${dir}`], [
    "CREATE TABLE words (word STRING, n INT NOT NULL) WITH ('connector' = 'filesystem', 'path' = '${DIR}/words.jsonl', 'format' = 'json');",
    "CREATE TABLE small (word STRING) WITH ('connector' = 'blackhole');",
    "CREATE TABLE big (word STRING) WITH ('connector' = 'blackhole');",
    "EXECUTE STATEMENT SET BEGIN",
    "INSERT INTO small SELECT word FROM words WHERE n < 2;",
    "INSERT INTO big SELECT word FROM words WHERE n >= 2;",
    "END;",
    "",
  ].join("\n"));
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /\n✔ insert_small: 3 records in, 1 out in /);
  t.regex(r.stderr, /\n✔ insert_big: 3 records in, 2 out in /);
  t.false(r.stderr.includes("error"), r.stderr);
});
