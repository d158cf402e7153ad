// The prompt at a terminal: the welcome line, `eddy sql>` and the continuation prompt of a statement's next lines,
// QUIT; ends it, Ctrl-C at the prompt drops the statement being typed.
import test from "ava";
import { PassThrough, Writable } from "node:stream";
import { Interrupts } from "../../../bin/sql/interrupts.js";
import { CONTINUATION_PROMPT, PROMPT, runShell } from "../../../bin/sql/shell.js";
import { SqlSession } from "../../../bin/sql/session.js";

/** A shell on a fake terminal; `type` sends a line once the shell shows `prompt` (as a person waits to see it). */
function terminalShell() {
  let shown = "";
  let waiting: { prompt: string; from: number; resolve: () => void } | null = null;
  const check = () => {
    if (waiting !== null && shown.slice(waiting.from).includes(waiting.prompt)) {
      const w = waiting;
      waiting = null;
      w.resolve();
    }
  };
  const output = new Writable({ write(chunk, _enc, done) { shown += String(chunk); check(); done(); } });
  const capture = () => {
    const out = { text: "", write(s: string) { out.text += s; return true; } };
    return out;
  };
  const stdout = capture();
  const interrupts = new Interrupts();
  const session = new SqlSession({
    compileSql: () => Promise.reject(new Error("no statement here needs the compiler")),
    defines: {}, fuse: true, initialSettings: new Map([["sql-client.execution.result-mode", "table"]]),
    stdout, stderr: capture(), color: false, interrupts,
  });
  const input = new PassThrough();
  const done = runShell({ input, output, terminal: true, session, interrupts });
  let seen = 0;
  const type = async (keys: string, prompt = PROMPT) => {
    await new Promise<void>((resolve) => {
      waiting = { prompt, from: seen, resolve };
      check();
    });
    seen = shown.length;
    input.write(keys);
  };
  return { input, done, shown: () => shown, stdout, type };
}

test("prompts: `eddy sql>` for a statement, the aligned continuation for its next lines; QUIT; leaves with 0", async (t) => {
  t.is(CONTINUATION_PROMPT.length, PROMPT.length);
  const shell = terminalShell();
  await shell.type("SET 'a'\r");
  await shell.type("= 'b';\r", CONTINUATION_PROMPT);
  await shell.type("SET;\r");
  await shell.type("QUIT;\r");
  t.is(await shell.done, 0);
  const shown = shell.shown();
  t.true(shown.startsWith("Welcome to eddy sql! Enter 'HELP;' to list the commands, 'QUIT;' to leave.\n\n"), shown);
  t.true(shown.includes(`${PROMPT}\x1b[11GSET 'a'`), shown);
  t.true(shown.includes(`${CONTINUATION_PROMPT}\x1b[11G= 'b';`), shown);
  t.is(shell.stdout.text, "'a' = 'b'\n'sql-client.execution.result-mode' = 'table'\n");
});

test("Ctrl-C at the prompt drops the statement being typed; Ctrl-D leaves", async (t) => {
  const shell = terminalShell();
  await shell.type("SET 'dropped'\r");
  await shell.type("\x03", CONTINUATION_PROMPT); // Ctrl-C
  await shell.type("SET;\r");
  await shell.type("\x04"); // Ctrl-D on an empty line
  t.is(await shell.done, 0);
  t.is(shell.stdout.text, "'sql-client.execution.result-mode' = 'table'\n", "the half-typed SET never ran");
});
