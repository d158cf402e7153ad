// The interactive prompt of `eddy sql` (node:readline): statements over several lines until `;`, HELP; QUIT; EXIT;,
// Ctrl-C cancels the running statement (at the prompt it drops the statement being typed), Ctrl-D leaves.
import { createInterface } from "node:readline";
import type { Interrupts } from "./interrupts.js";
import type { SqlSession } from "./session.js";
import { splitStatements } from "./split-statements.js";

export const PROMPT = "eddy sql> ";
/** The prompt of a statement's next line: as wide as PROMPT, so the lines align. */
export const CONTINUATION_PROMPT = `${" ".repeat(PROMPT.length - 2)}> `;

export interface ShellOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** A person at a terminal: prompts, the welcome line, line editing, Ctrl-C read as a key. */
  readonly terminal: boolean;
  readonly session: SqlSession;
  readonly interrupts: Interrupts;
}

/**
 * Reads and runs statements until QUIT or the end of the input. The exit code: 0; off a terminal (statements piped
 * in), 1 when one of them failed, as a script would.
 */
export async function runShell(options: ShellOptions): Promise<number> {
  const { output, terminal, session, interrupts } = options;
  const rl = createInterface({ input: options.input, output, terminal, prompt: PROMPT, historySize: terminal ? 100 : 0 });
  let buffer = "";
  let failed = false;
  let inputs = 0;
  const prompt = () => {
    if (!terminal) return;
    rl.setPrompt(buffer === "" ? PROMPT : CONTINUATION_PROMPT);
    rl.prompt();
  };
  // why: in raw mode a terminal's Ctrl-C is a key readline reports here, not a SIGINT to the process
  rl.on("SIGINT", () => {
    const effect = interrupts.interrupt();
    if (effect === "again") process.exit(130);
    if (effect === "idle") {
      buffer = "";
      output.write("\n");
      rl.write(null, { ctrl: true, name: "u" }); // clears the line being typed
      prompt();
    }
  });
  if (terminal) output.write("Welcome to eddy sql! Enter 'HELP;' to list the commands, 'QUIT;' to leave.\n\n");
  prompt();
  for await (const line of rl) {
    buffer = buffer === "" ? line : `${buffer}\n${line}`;
    const split = splitStatements(buffer);
    const last = split.complete.at(-1);
    if (last === undefined || awaitsEnd(split.complete.map((p) => p.code))) {
      if (split.complete.length === 0 && split.rest.code === "" && !split.unterminated) buffer = "";
      prompt();
      continue;
    }
    // Everything up to the last `;` runs now; what follows it starts the next statement.
    const text = buffer.slice(0, last.end + 1);
    buffer = split.rest.code === "" && !split.unterminated ? "" : buffer.slice(last.end + 1).replace(/^\s*\n/, "");
    inputs++;
    const outcome = await session.execute(`<input ${inputs}>`, text);
    if (outcome === "quit") break;
    if (outcome === "error") failed = true;
    prompt();
  }
  rl.close();
  if (terminal) output.write("\n");
  return !terminal && failed ? 1 : 0;
}

/** `EXECUTE STATEMENT SET BEGIN …; …; END;` holds `;`s: it is complete once its END is. */
function awaitsEnd(complete: readonly string[]): boolean {
  let opened = -1;
  complete.forEach((code, i) => {
    if (/^(EXECUTE\s+STATEMENT\s+SET\s+BEGIN|BEGIN\s+STATEMENT\s+SET)\b/i.test(code)) opened = i;
  });
  return opened >= 0 && !complete.slice(opened + 1).some((code) => /^END$/i.test(code));
}
