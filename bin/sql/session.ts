// A SQL client session, as Flink's: statements run in order; CREATE TABLE/VIEW/FUNCTION and SET/RESET stay in the
// session and are compiled again in front of every later INSERT or SELECT (compose-script.ts); an INSERT runs its
// job to the end (or Ctrl-C), a SELECT shows its rows; HELP and QUIT are answered by the client itself.
import type { CompileOptions, CompileResult } from "../../compiler/compile.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { Statement } from "../../compiler/sql/ast.js";
import { ChangelogView } from "./changelog-view.js";
import { clientCommand, HELP_TEXT, type ClientCommand } from "./client-command.js";
import { blankSpans, composeScript, type PlacedStatement, type SessionInput } from "./compose-script.js";
import type { Interrupts } from "./interrupts.js";
import { isResultMode, RESULT_MODES, type ResultMode } from "./result-mode.js";
import type { Output, ResultView } from "./result-view.js";
import { runJobs, type ResultShape, type RunOutcome } from "./run-jobs.js";
import { splitStatements, type StatementPiece } from "./split-statements.js";
import { TableView } from "./table-view.js";
import { TableauView } from "./tableau-view.js";

/** What compileSql (compiler/sql/compile-sql.ts) gives back: the `.flow` CompileResult and, per job, what it writes. */
export interface SqlCompileResult extends CompileResult {
  readonly queries: readonly ({ readonly job: string; readonly kind: "insert" | "select"; readonly sink: string } & ResultShape)[];
}

export type CompileSql = (text: string, file: string, options: CompileOptions & { readonly defines?: Readonly<Record<string, string>> }) => SqlCompileResult;

/** The settings the client itself reads (others are passed on to the compiler in the SET statements). */
export const RESULT_MODE_KEY = "sql-client.execution.result-mode";
export const PARALLELISM_KEY = "parallelism.default";
export const MAX_ROWS_KEY = "sql-client.execution.max-table-result.rows";

export interface SessionOptions {
  readonly compileSql: () => Promise<CompileSql>;
  readonly defines: Readonly<Record<string, string>>;
  readonly fuse: boolean;
  readonly workers?: number;
  /** Stop each SELECT after this many rows. */
  readonly limit?: number;
  /** The settings RESET goes back to (the result mode and parallelism the command line gave). */
  readonly initialSettings: ReadonlyMap<string, string>;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly color: boolean;
  readonly interrupts: Interrupts;
}

/** How a script (or one input at the prompt) ended: every statement ran, one failed, QUIT, or Ctrl-C stopped one. */
export type ScriptOutcome = "ok" | "error" | "quit" | "interrupted";

type Action = { readonly kind: "command"; readonly command: ClientCommand; readonly start: number } | { readonly kind: "sql"; readonly statement: Statement; readonly start: number };

export class SqlSession {
  readonly settings: Map<string, string>;
  private readonly kept: PlacedStatement[] = [];
  /** The inputs as given, by file name: what diagnostics quote. */
  private readonly sources = new Map<string, string>();

  constructor(private readonly options: SessionOptions) {
    this.settings = new Map(options.initialSettings);
  }

  /** Runs the statements of one input in order; the first that fails stops it. */
  async execute(file: string, text: string): Promise<ScriptOutcome> {
    this.sources.set(file, text);
    // 1. Client commands are not SQL: found by the splitter and blanked before parsing.
    const split = splitStatements(text);
    const pieces = [...split.complete, ...(split.rest.code === "" ? [] : [split.rest])];
    const commands = pieces.flatMap((p) => {
      const command = clientCommand(p.code);
      return command === null ? [] : [{ piece: p, command }];
    });
    const input: SessionInput = { file, text: blankSpans(text, commands.map((c) => c.piece)) };
    // 2. Parse the whole input: a syntax error anywhere runs nothing of it.
    const { parseSql } = await import("../../compiler/sql/index.js");
    const parsed = parseSql(input.text, file, { defines: this.options.defines });
    if (!(await this.report(parsed.diagnostics))) return "error";
    const actions: Action[] = [
      ...commands.map((c): Action => ({ kind: "command", command: c.command, start: c.piece.start })),
      ...parsed.statements.map((s): Action => ({ kind: "sql", statement: s, start: s.span.start })),
    ].sort((a, b) => a.start - b.start);
    // 3. One after the other.
    for (const action of actions) {
      const outcome = action.kind === "command" ? this.answer(action.command) : await this.run(action.statement, { input, range: statementRange(action.statement, pieces, text.length) });
      if (outcome !== "ok") return outcome;
    }
    return "ok";
  }

  private answer(command: ClientCommand): ScriptOutcome {
    if (command === "quit") return "quit";
    this.options.stdout.write(HELP_TEXT);
    return "ok";
  }

  private async run(statement: Statement, placed: PlacedStatement): Promise<ScriptOutcome> {
    switch (statement.kind) {
      case "Set": return this.set(statement.key?.value ?? null, statement.value?.value ?? null, placed);
      case "Reset": return this.reset(statement.key?.value ?? null, placed);
      case "CreateTable": case "CreateView": case "CreateFunction": {
        if (!(await this.check(placed))) return "error";
        this.kept.push(placed);
        this.info(`${statement.kind === "CreateTable" ? "Table" : statement.kind === "CreateView" ? "View" : "Function"} has been created.`);
        return "ok";
      }
      case "Explain": return this.explain({ input: placed.input, range: statement.statement.span });
      case "Insert": case "StatementSet": case "QueryStatement": return this.runStatement(statement.kind === "QueryStatement", placed);
    }
  }

  private set(key: string | null, value: string | null, placed: PlacedStatement): ScriptOutcome {
    if (key === null || value === null) {
      const lines = [...this.settings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `'${k}' = '${v}'\n`);
      this.options.stdout.write(lines.length === 0 ? "Empty set\n" : lines.join(""));
      return "ok";
    }
    const problem = settingProblem(key, value);
    if (problem !== null) return this.error(problem);
    this.settings.set(key, value);
    this.kept.push(placed);
    this.info("Session property has been set.");
    return "ok";
  }

  private reset(key: string | null, placed: PlacedStatement): ScriptOutcome {
    const initial = this.options.initialSettings;
    if (key === null) {
      this.settings.clear();
      for (const [k, v] of initial) this.settings.set(k, v);
      this.info("All session properties have been set to their default values.");
    } else {
      if (initial.has(key)) this.settings.set(key, initial.get(key)!);
      else this.settings.delete(key);
      this.info("Session property has been reset.");
    }
    this.kept.push(placed);
    return "ok";
  }

  private async explain(placed: PlacedStatement): Promise<ScriptOutcome> {
    const compiled = await this.compile(placed);
    if (compiled === null) return "error";
    const { printFusionReport, printPlans } = await import("../../compiler/plan/print-plan.js");
    this.options.stdout.write(`${printPlans(compiled.result.unoptimised!, compiled.result.plan!, "text")}\n\n== fusion ==\n${printFusionReport(compiled.result.plan!)}\n`);
    return "ok";
  }

  private async runStatement(isQuery: boolean, placed: PlacedStatement): Promise<ScriptOutcome> {
    const compiled = await this.compile(placed);
    if (compiled === null) return "error";
    const { result } = compiled;
    const jobs = result.plan!.jobs.map((j) => j.name);
    const query = isQuery ? result.queries.find((q) => q.kind === "select") : undefined;
    if (isQuery && query === undefined) return this.error("the query compiled to no job with a result (a bug in the SQL compiler: compileSql returned no `queries`)");
    const parallelism = this.settings.get(PARALLELISM_KEY);
    const outcome: RunOutcome = await runJobs({
      compiled: result,
      jobs,
      ...(query === undefined ? {} : { query: { job: query.job, sink: query.sink, shape: query, view: this.resultView(query.columns.map((c) => c.name)), ...(this.options.limit === undefined ? {} : { limit: this.options.limit }) } }),
      ...(parallelism === undefined ? {} : { parallelism: Number(parallelism) }),
      ...(this.options.workers === undefined ? {} : { workers: this.options.workers }),
      interrupts: this.options.interrupts,
      stderr: this.options.stderr,
      progress: this.options.stderr.isTTY === true,
    });
    if (outcome === "failed") return "error";
    if (outcome === "cancelled") return "interrupted";
    return "ok";
  }

  private resultView(columns: readonly string[]): ResultView {
    const mode = this.settings.get(RESULT_MODE_KEY) as ResultMode;
    const out = this.options.stdout;
    switch (mode) {
      case "tableau": return new TableauView(columns, out);
      case "changelog": return new ChangelogView(out);
      case "table": {
        const maxRows = this.settings.get(MAX_ROWS_KEY);
        return new TableView(columns, out, { live: out.isTTY === true, color: this.options.color, ...(maxRows === undefined ? {} : { maxRows: Number(maxRows) }) });
      }
    }
  }

  /**
   * Checks a CREATE statement with what the session has so far: compileSql reports its errors (an unknown connector,
   * a view over a missing table) — and, as a script of definitions only, that it has nothing to run (SQL3016), which
   * is no error for a session.
   */
  private async check(placed: PlacedStatement): Promise<boolean> {
    const composed = composeScript([...this.kept, placed]);
    const compileSql = await this.options.compileSql();
    const file = placed.input.file;
    const result = compileSql(composed.text, file, { defines: this.options.defines, fuse: this.options.fuse, until: "analyse" });
    const diagnostics = result.check.diagnostics.filter((d) => d.code !== "SQL3016").map((d) => composed.relocate(d, file));
    return this.report(diagnostics);
  }

  /** Compiles the session's kept statements and this one; prints the diagnostics; null when there are errors. */
  private async compile(placed: PlacedStatement): Promise<{ result: SqlCompileResult } | null> {
    const composed = composeScript([...this.kept, placed]);
    const compileSql = await this.options.compileSql();
    const file = placed.input.file;
    const result = compileSql(composed.text, file, { defines: this.options.defines, fuse: this.options.fuse, format: false });
    const diagnostics = result.check.diagnostics.map((d) => composed.relocate(d, file));
    const clean = await this.report(diagnostics);
    return clean && result.ok ? { result } : null;
  }

  /** Prints diagnostics with their carets; true when none is an error. */
  private async report(diagnostics: readonly Diagnostic[]): Promise<boolean> {
    if (diagnostics.length === 0) return true;
    const { formatDiagnostics } = await import("../../compiler/diagnostics/format.js");
    this.options.stderr.write(formatDiagnostics(diagnostics, (f) => this.sources.get(f), { color: this.options.color }));
    return !diagnostics.some((d) => d.severity === "error");
  }

  private info(message: string): void {
    this.options.stderr.write(`[INFO] ${message}\n`);
  }

  private error(message: string): ScriptOutcome {
    this.options.stderr.write(`[ERROR] ${message}\n`);
    return "error";
  }
}

/** Why a setting the client reads cannot take this value, or null. */
function settingProblem(key: string, value: string): string | null {
  if (key === RESULT_MODE_KEY && !isResultMode(value)) return `'${key}' must be one of ${RESULT_MODES.map((m) => `'${m}'`).join(", ")}, not '${value}'`;
  if ((key === PARALLELISM_KEY || key === MAX_ROWS_KEY) && !/^[1-9]\d*$/.test(value.trim())) return `'${key}' must be a positive integer, not '${value}'`;
  return null;
}

/**
 * The text a statement covers in its input: from the start of the piece it begins in to the `;` ending the piece it
 * ends in (a statement set has `;` inside; comments before a statement come along, which is harmless).
 */
function statementRange(statement: Statement, pieces: readonly StatementPiece[], textLength: number): { start: number; end: number } {
  const first = pieces.find((p) => p.start <= statement.span.start && statement.span.start <= p.end);
  const last = pieces.find((p) => p.start <= statement.span.end - 1 && statement.span.end <= p.end);
  const start = first?.start ?? statement.span.start;
  const end = last === undefined ? statement.span.end : Math.min(last.end + 1, textLength);
  return { start, end };
}
