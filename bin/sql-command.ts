// `eddy sql`: Flink's SQL client for Eddy — runs the statements of -f files and -e, or reads them at a prompt.
// Exit codes as the rest of eddy: 0 ok, 1 a statement failed (diagnostics, a failed job), 2 bad usage, 130 Ctrl-C.
import { readFileSync } from "node:fs";
import { Interrupts } from "./sql/interrupts.js";
import { defaultResultMode, type ResultMode } from "./sql/result-mode.js";
import { PARALLELISM_KEY, RESULT_MODE_KEY, SqlSession, type CompileSql, type ScriptOutcome } from "./sql/session.js";
import { runShell } from "./sql/shell.js";

/** A usage problem (a file that cannot be read): bin/eddy.ts prints it as one line and exits 2. */
export class SqlUsageError extends Error {}

export interface SqlCommandOptions {
  readonly file?: readonly string[];
  readonly execute?: string;
  readonly define?: Readonly<Record<string, string>>;
  readonly parallelism?: number;
  readonly workers?: number;
  readonly fuse: boolean;
  readonly limit?: number;
  readonly mode?: ResultMode;
  /** Colour in diagnostics and the live table. */
  readonly color: boolean;
}

export interface SqlCommandIO {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number; readonly rows?: number };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
}

const EXIT_CODE: Record<ScriptOutcome, number> = { ok: 0, quit: 0, error: 1, interrupted: 130 };

export async function sqlCommand(options: SqlCommandOptions, io: SqlCommandIO = process): Promise<number> {
  // 1. Every input is read before anything runs: a missing file is a usage error, not a half-run script.
  const scripts = (options.file ?? []).map((file) => ({ file, text: readScript(file) }));
  if (options.execute !== undefined) scripts.push({ file: "-e", text: options.execute });
  const initialSettings = new Map<string, string>([[RESULT_MODE_KEY, options.mode ?? defaultResultMode(io.stdout)]]);
  if (options.parallelism !== undefined) initialSettings.set(PARALLELISM_KEY, String(options.parallelism));
  const interrupts = new Interrupts();
  const session = new SqlSession({
    compileSql: loadCompileSql,
    defines: options.define ?? {},
    fuse: options.fuse,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
    initialSettings,
    stdout: io.stdout,
    stderr: io.stderr,
    color: options.color,
    interrupts,
  });
  // 2. Ctrl-C (a SIGINT to the process: scripts, or statements piped to the prompt) cancels the running statement;
  //    with nothing running, or a second time, it ends the client. A reader closing stdout (`| head`) also cancels.
  const onInterrupt = () => {
    if (interrupts.interrupt() !== "cancelled") {
      io.stderr.write("\n");
      process.exit(130);
    }
  };
  let outputClosed = false;
  const onOutputError = (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") return;
    outputClosed = true;
    interrupts.interrupt("output closed");
  };
  process.on("SIGINT", onInterrupt);
  io.stdout.on("error", onOutputError);
  try {
    if (scripts.length === 0) {
      const terminal = io.stdin.isTTY === true && io.stdout.isTTY === true;
      return await runShell({ input: io.stdin, output: io.stdout, terminal, session, interrupts });
    }
    for (const script of scripts) {
      const outcome = await session.execute(script.file, script.text);
      // why 0 when the reader closed stdout: it has what it wanted (`eddy sql -e "SELECT …" | head -3`)
      if (outcome === "interrupted" && outputClosed) return 0;
      if (outcome !== "ok") return EXIT_CODE[outcome];
    }
    return 0;
  } finally {
    process.off("SIGINT", onInterrupt);
    io.stdout.off("error", onOutputError);
  }
}

function readScript(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file or directory" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new SqlUsageError(`cannot read ${file}: ${why}`);
  }
}

/** The SQL compiler, loaded when the first statement needs it (so `eddy sql --help` starts fast). */
async function loadCompileSql(): Promise<CompileSql> {
  const { compileSql } = await import("../compiler/sql/compile-sql.js");
  return compileSql;
}
